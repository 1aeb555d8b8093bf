import { writeFileSync } from 'node:fs';
import { CLASSES, RNN } from './workloads.js';

/**
 * The `rnn` workload's initial weights, the same for every engine: the cell's kernel as TF1's BasicLSTMCell draws it
 * (glorot_uniform over [inputs + hidden, 4·hidden], gates in TF1's order i, j, f, o), its bias zeros, and the output
 * layer's weights and biases from random_normal as recurrent_network.py draws them; from a seeded generator, so every
 * engine (and every run) starts from the same numbers.
 */
export interface RnnWeights {
  kernel: Float32Array;
  bias: Float32Array;
  out_w: Float32Array;
  out_b: Float32Array;
}

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The workload's initial weights (seed 1). */
export function rnnWeights(): RnnWeights {
  const u = uniform(1);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const rows = RNN.inputs + RNN.hidden;
  const cols = 4 * RNN.hidden;
  const limit = Math.sqrt(6 / (rows + cols));
  return {
    kernel: Float32Array.from({ length: rows * cols }, () => (2 * u() - 1) * limit),
    bias: new Float32Array(cols),
    out_w: Float32Array.from({ length: RNN.hidden * CLASSES }, normal),
    out_b: Float32Array.from({ length: CLASSES }, normal),
  };
}

/** Writes the weights as raw little-endian float32, kernel, bias, out_w, out_b in turn (bench/torch_rnn.py reads them). */
export function writeRnnWeights(file: string, w: RnnWeights = rnnWeights()): void {
  const parts = [w.kernel, w.bias, w.out_w, w.out_b].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  writeFileSync(file, Buffer.concat(parts));
}
