// SparseSoftmaxCrossEntropyWithLogits: one thread per row. The row is shifted by its max before exp (TF1's
// stable form); the labels were checked on the host, so each is a class index. L2Loss: one workgroup.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { lowest, RED_WG, treeFn } from './reduce.js';
import { flatMain, program } from './wgsl.js';

/** loss[b] = log(sum(exp(z))) - z[label[b]], backprop[b] = softmax(logits[b]) - onehot(label[b]), z = logits - max. Uniforms: rows, C. */
export function sparseXentProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`sparse_xent:${t}`, () => ({
    fields: [
      ['rows', 'u32'],
      ['C', 'u32'],
    ],
    inputs: [
      ['x', t],
      ['labels', 'i32'],
    ],
    outputs: [
      ['loss', t],
      ['back', t],
    ],
    body: `${flatMain(
      'u.rows',
      `  let base = i * u.C;
  var m = ${lowest('f32')};
  for (var j = 0u; j < u.C; j = j + 1u) { m = max(m, x[base + j]); }
  var s = 0.0;
  for (var j = 0u; j < u.C; j = j + 1u) { s = s + exp_f(x[base + j] - m); }
  let y = u32(labels[i]);
  loss[i] = log_f(s) - (x[base + y] - m);
  for (var j = 0u; j < u.C; j = j + 1u) { back[base + j] = exp_f(x[base + j] - m) / s - select(0.0, 1.0, j == y); }`,
    )}`,
  }));
}

/** L2Loss: sum(t ** 2) / 2 by one workgroup, its threads striding the input, combined in workgroup memory. Uniforms: n. */
export function l2LossProgram(dtype: DType): Program {
  const t = wgslType(dtype);
  return program(`l2_loss:${t}`, () => ({
    fields: [['n', 'u32']],
    inputs: [['x', t]],
    outputs: [['out', t]],
    body: `var<workgroup> sh: array<f32, ${RED_WG}>;
${treeFn('total', 'sh', 'f32', (a, b) => `${a} + ${b}`)}
@compute @workgroup_size(${RED_WG})
fn main(@builtin(local_invocation_index) lid: u32) {
  var s = 0.0;
  for (var i = lid; i < u.n; i = i + ${RED_WG}u) { s = s + x[i] * x[i]; }
  s = total(lid, s);
  if (lid == 0u) { out[0] = s * 0.5; }
}`,
  }));
}
