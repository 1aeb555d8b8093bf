import type { HostKernel } from '../kernel.js';
import { xentLayout } from './util.js';

// Each row is shifted by its max before exp, so no logit overflows (TF1's stable form), and the
// exps are kept in a double scratch row so a float32 result is rounded once, not twice.

/** Softmax over the last axis. */
const softmax: HostKernel<'Softmax'> = ({ inputs, output, fast }) => {
  const x = inputs[0]!;
  const o = output(0, x.shape).data;
  const d = x.data;
  const C = x.shape[x.shape.length - 1]!;
  if (C === 0 || d.length === 0) return;
  if (fast && d instanceof Float32Array && o instanceof Float32Array && fast.softmax(d, o, C)) return;
  const e = new Float64Array(C);
  for (let p = 0; p < d.length; p += C) {
    let m = -Infinity;
    for (let j = 0; j < C; j++) m = Math.max(m, d[p + j]!);
    let s = 0;
    for (let j = 0; j < C; j++) s += e[j] = Math.exp(d[p + j]! - m);
    for (let j = 0; j < C; j++) o[p + j] = e[j]! / s;
  }
};

/** LogSoftmax over the last axis: x - max - log(sum(exp(x - max))). */
const logSoftmax: HostKernel<'LogSoftmax'> = ({ inputs, output }) => {
  const x = inputs[0]!;
  const o = output(0, x.shape).data;
  const d = x.data;
  const C = x.shape[x.shape.length - 1]!;
  if (C === 0) return;
  for (let p = 0; p < d.length; p += C) {
    let m = -Infinity;
    for (let j = 0; j < C; j++) m = Math.max(m, d[p + j]!);
    let s = 0;
    for (let j = 0; j < C; j++) s += Math.exp(d[p + j]! - m);
    const shift = m + Math.log(s);
    for (let j = 0; j < C; j++) o[p + j] = d[p + j]! - shift;
  }
};

/**
 * TF1's SoftmaxCrossEntropyWithLogits: loss[b] = sum(labels * (log(sum(exp(z))) - z)) and
 * backprop = softmax(logits) - labels, with z = logits - max(logits) per row; logits and labels
 * broadcast against each other to [batch, classes], as TF1 r1.12's kernel allows.
 */
const softmaxXent: HostKernel<'SoftmaxCrossEntropyWithLogits'> = ({ name, inputs, output }) => {
  const f = inputs[0]!;
  const l = inputs[1]!;
  const {
    B,
    C,
    f: [fb, fc],
    l: [lb, lc],
  } = xentLayout(name, f.shape, l.shape);
  const loss = output(0, [B]).data;
  const back = output(1, [B, C]).data;
  const fd = f.data;
  const ld = l.data;
  const e = new Float64Array(C);
  for (let b = 0, p = 0; b < B; b++, p += C) {
    const fp = b * fb;
    const lp = b * lb;
    let m = -Infinity;
    for (let j = 0; j < C; j++) m = Math.max(m, fd[fp + j * fc]!);
    let s = 0;
    for (let j = 0; j < C; j++) s += e[j] = Math.exp(fd[fp + j * fc]! - m);
    const logS = Math.log(s);
    let acc = 0;
    for (let j = 0; j < C; j++) {
      const y = ld[lp + j * lc]!;
      acc += y * (logS - (fd[fp + j * fc]! - m));
      back[p + j] = e[j]! / s - y;
    }
    loss[b] = acc;
  }
};

/** Kernels of the nn ops, keyed by op type. */
export const NN_KERNELS: {
  Softmax: HostKernel<'Softmax'>;
  LogSoftmax: HostKernel<'LogSoftmax'>;
  SoftmaxCrossEntropyWithLogits: HostKernel<'SoftmaxCrossEntropyWithLogits'>;
} = {
  Softmax: softmax,
  LogSoftmax: logSoftmax,
  SoftmaxCrossEntropyWithLogits: softmaxXent,
};
