// Softmax, LogSoftmax and SoftmaxCrossEntropyWithLogits: one workgroup per row of the last axis.
// Each row is shifted by its max before exp (TF1's stable form); the max and the sum of exps are
// combined in workgroup memory.
import type { DType } from '../../../framework/dtypes.js';
import { wgslType } from '../dtypes.js';
import type { Program } from '../kernel.js';
import { flatMain, program } from './wgsl.js';
import { lowest, RED_WG, treeFn } from './reduce.js';

/** The row-wise nn ops with a WGSL program. */
export type RowOp = 'Softmax' | 'LogSoftmax' | 'SoftmaxCrossEntropyWithLogits';

const PRELUDE = `var<workgroup> sh: array<f32, ${RED_WG}>;
${treeFn('row_max', 'sh', 'f32', (a, b) => `max(${a}, ${b})`)}
${treeFn('row_sum', 'sh', 'f32', (a, b) => `${a} + ${b}`)}`;

// The body of one row, for a workgroup (threads stride the row, then combine through `row_max`
// and `row_sum`) or for one thread (the whole row, combining nothing). The cross entropy reads its
// inputs through strides (0 along a broadcast dim); the others read contiguous rows.
function rowBody(op: RowOp, tree: boolean): string {
  const first = tree ? 'lid' : '0u';
  const step = tree ? `${RED_WG}u` : '1u';
  const each = `for (var j = ${first}; j < u.C; j = j + ${step})`;
  const xent = op === 'SoftmaxCrossEntropyWithLogits';
  const xi = xent ? 'row * u.fb + j * u.fc' : 'base + j';
  const stats = `  let base = row * u.C;
  var m = ${lowest('f32')};
  ${each} { m = max(m, x[${xi}]); }
  ${tree ? 'm = row_max(lid, m);' : ''}
  var s = 0.0;
  ${each} { s = s + exp_f(x[${xi}] - m); }
  ${tree ? 's = row_sum(lid, s);' : ''}`;
  if (op === 'Softmax') {
    return `${stats}
  ${each} { out[base + j] = exp_f(x[base + j] - m) / s; }`;
  }
  if (op === 'LogSoftmax') {
    return `${stats}
  let shift = m + log_f(s);
  ${each} { out[base + j] = x[base + j] - shift; }`;
  }
  // loss = sum(labels * (log(sum(exp(z))) - z)), backprop = softmax(logits) - labels, z = logits - max.
  return `${stats}
  let logS = log_f(s);
  var acc = 0.0;
  ${each} {
    let z = x[${xi}] - m;
    let y = labels[row * u.lb + j * u.lc];
    acc = acc + y * (logS - z);
    back[base + j] = exp_f(z) / s - y;
  }
  ${tree ? 'acc = row_sum(lid, acc);\n  if (lid == 0u) { loss[row] = acc; }' : 'loss[row] = acc;'}`;
}

/** A row-wise nn op on float32 rows of length C, one workgroup (`tree`) or one thread per row. Uniforms: rows, C (and the cross entropy's strides fb, fc, lb, lc). */
export function rowProgram(op: RowOp, dtype: DType, tree: boolean): Program {
  const t = wgslType(dtype);
  const xent = op === 'SoftmaxCrossEntropyWithLogits';
  const main = tree
    ? `@compute @workgroup_size(${RED_WG})
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) nwg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let row = wg.x + wg.y * nwg.x;
  if (row >= u.rows) { return; }
${rowBody(op, true)}
}`
    : flatMain('u.rows', `  let row = i;\n${rowBody(op, false)}`);
  return program(`row:${op}:${t}:${tree}`, () => ({
    fields: xent
      ? [
          ['rows', 'u32'],
          ['C', 'u32'],
          ['fb', 'u32'],
          ['fc', 'u32'],
          ['lb', 'u32'],
          ['lc', 'u32'],
        ]
      : [
          ['rows', 'u32'],
          ['C', 'u32'],
        ],
    inputs: xent
      ? [
          ['x', t],
          ['labels', t],
        ]
      : [['x', t]],
    outputs: xent
      ? [
          ['loss', t],
          ['back', t],
        ]
      : [['out', t]],
    body: `${PRELUDE}
${main}`,
  }));
}
