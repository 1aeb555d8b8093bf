// TopKV2 and InTopKV2 on the last axis of their input, as TF1's CPU kernels (topk_op.cc, in_topk_op.cc).
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostKernel } from '../kernel.js';
import { shapeStr } from './util.js';

/** The k largest entries of each row, largest first, an earlier index first among equal values (TF1's stable order). */
const topK: HostKernel<'TopKV2'> = ({ name, inputs, output }) => {
  const x = inputs[0]!;
  const k = inputs[1]!.data[0]!;
  if (inputs[1]!.shape.length !== 0) throw new InvalidArgumentError(`k must be 0-D, got shape ${shapeStr(inputs[1]!.shape)}`, name);
  if (k < 0) throw new InvalidArgumentError(`Need k >= 0, got ${k}`, name);
  if (x.shape.length < 1) throw new InvalidArgumentError(`input must be >= 1-D, got shape ${shapeStr(x.shape)}`, name);
  const C = x.shape[x.shape.length - 1]!;
  if (C < k) throw new InvalidArgumentError(`input must have at least k columns. Had ${C}, needed ${k}`, name);
  const outShape = [...x.shape.slice(0, -1), k];
  const values = output(0, outShape).data;
  const indices = output(1, outShape).data;
  if (k === 0) return;
  const rows = x.size / C;
  const d = x.data;
  const order = Array.from({ length: C }, (_, j) => j);
  for (let r = 0; r < rows; r++) {
    const base = r * C;
    for (let j = 0; j < C; j++) order[j] = j;
    order.sort((a, b) => d[base + b]! - d[base + a]! || a - b);
    for (let j = 0; j < k; j++) {
      values[r * k + j] = d[base + order[j]!]!;
      indices[r * k + j] = order[j]!;
    }
  }
};

/**
 * Whether each row's target is among its k largest predictions: fewer than k entries strictly larger than the
 * target's. A target out of range, or a non-finite prediction in the row, gives false (TF1's "cannot say").
 */
const inTopK: HostKernel<'InTopKV2'> = ({ name, inputs, output }) => {
  const [p, t, kT] = [inputs[0]!, inputs[1]!, inputs[2]!];
  if (p.shape.length !== 2) throw new InvalidArgumentError(`predictions must be 2-dimensional`, name);
  if (t.shape.length !== 1) throw new InvalidArgumentError(`targets must be 1-dimensional`, name);
  if (p.shape[0] !== t.shape[0]) {
    throw new InvalidArgumentError(`First dimension of predictions ${p.shape[0]} must match length of targets ${t.shape[0]}`, name);
  }
  if (kT.shape.length !== 0) throw new InvalidArgumentError(`k must be 0-D, got shape ${shapeStr(kT.shape)}`, name);
  const k = kT.data[0]!;
  const [B, C] = [p.shape[0]!, p.shape[1]!];
  const out = output(0, [B]).data;
  const d = p.data;
  for (let b = 0; b < B; b++) {
    const target = t.data[b]!;
    if (!(target >= 0 && target < C)) {
      out[b] = 0;
      continue;
    }
    const tp = d[b * C + target]!;
    let cannotSay = !Number.isFinite(tp);
    let more = 0;
    for (let i = 0; i < C && !cannotSay; i++) {
      const v = d[b * C + i]!;
      if (!Number.isFinite(v)) cannotSay = true;
      else if (v > tp) more++;
    }
    out[b] = !cannotSay && more < k ? 1 : 0;
  }
};

/** Kernels of TopKV2 and InTopKV2. */
export const NN_TOPK_KERNELS: { TopKV2: HostKernel<'TopKV2'>; InTopKV2: HostKernel<'InTopKV2'> } = {
  TopKV2: topK,
  InTopKV2: inTopK,
};
