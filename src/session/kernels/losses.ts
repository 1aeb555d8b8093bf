import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { shapeStr } from './util.js';

/** SparseSoftmaxCrossEntropyWithLogits' shape checks, as TF1 r1.12's kernel makes them; both backends' kernels share them. Returns [batch, classes]. */
export function sparseXentDims(name: string, logits: readonly number[], labels: readonly number[]): [number, number] {
  if (logits.length !== 2) throw new InvalidArgumentError(`logits must be 2-D, but got shape ${shapeStr(logits)}`, name);
  if (labels.length !== 1) throw new InvalidArgumentError(`labels must be 1-D, but got shape ${shapeStr(labels)}`, name);
  if (logits[0] !== labels[0]) {
    throw new InvalidArgumentError(
      `logits and labels must have the same first dimension, got logits shape ${shapeStr(logits)} and labels shape ${shapeStr(labels)}`,
      name,
    );
  }
  if (logits[1]! <= 0) throw new InvalidArgumentError(`Must have at least one class, but got logits shape ${shapeStr(logits)}`, name);
  return [logits[0]!, logits[1]!];
}

/** TF1's CheckInvalidLabelIndex: the least label if negative, else the greatest if >= classes, named with every label, before anything is written. */
export function checkLabels(name: string, labels: NDArray, classes: number): void {
  const d = labels.data;
  if (d.length === 0) return;
  let min = d[0]!;
  let max = d[0]!;
  for (let i = 1; i < d.length; i++) {
    if (d[i]! < min) min = d[i]!;
    if (d[i]! > max) max = d[i]!;
  }
  if (min < 0 || max >= classes) {
    const bad = min < 0 ? min : max;
    throw new InvalidArgumentError(
      `Received a label value of ${bad} which is outside the valid range of [0, ${classes}).  Label values: ${Array.from(d).join(' ')}`,
      name,
    );
  }
}

/**
 * TF1's SparseSoftmaxCrossEntropyWithLogits: loss[b] = log(sum(exp(z))) - z[label[b]] and backprop[b] =
 * softmax(logits[b]) - onehot(label[b]), with z = logits - max(logits) per row; exps kept in doubles so a
 * float32 result is rounded once.
 */
const sparseXent: HostKernel<'SparseSoftmaxCrossEntropyWithLogits'> = ({ name, inputs, output }) => {
  const f = inputs[0]!;
  const l = inputs[1]!;
  const [B, C] = sparseXentDims(name, f.shape, l.shape);
  if (B > 0) checkLabels(name, l, C);
  const loss = output(0, [B]).data;
  const back = output(1, [B, C]).data;
  const fd = f.data;
  const e = new Float64Array(C);
  for (let b = 0, p = 0; b < B; b++, p += C) {
    let m = -Infinity;
    for (let j = 0; j < C; j++) m = Math.max(m, fd[p + j]!);
    let s = 0;
    for (let j = 0; j < C; j++) s += e[j] = Math.exp(fd[p + j]! - m);
    const y = l.data[b]!;
    loss[b] = Math.log(s) - (fd[p + y]! - m);
    for (let j = 0; j < C; j++) back[p + j] = e[j]! / s - (j === y ? 1 : 0);
  }
};

/** TF1's L2Loss: sum(t ** 2) / 2, summed in doubles and rounded once. */
const l2Loss: HostKernel<'L2Loss'> = ({ inputs, output }) => {
  const d = inputs[0]!.data;
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i]! * d[i]!;
  output(0, []).data[0] = s / 2;
};

/** Kernels of the loss ops, keyed by op type; PreventGradient is a view the executor handles. */
export const LOSS_KERNELS: {
  SparseSoftmaxCrossEntropyWithLogits: HostKernel<'SparseSoftmaxCrossEntropyWithLogits'>;
  PreventGradient: null;
  L2Loss: HostKernel<'L2Loss'>;
} = {
  SparseSoftmaxCrossEntropyWithLogits: sparseXent,
  PreventGradient: null,
  L2Loss: l2Loss,
};
