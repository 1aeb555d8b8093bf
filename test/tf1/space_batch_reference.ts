// spacetobatch_op_test.py's space_to_batch_direct: zero-pad the block dims, reshape each into (size / block, block),
// move the block axes before the batch and flatten them into it. Written as NumPy's pad, reshape and transpose
// would compute it, independently of the kernels.
import * as tf from '../../src/index.js';

const prod = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);
const stridesOf = (s: readonly number[]): number[] => s.map((_, i) => prod(s.slice(i + 1)));

/** `np.transpose(a, perm)` of a flat array of `shape`. */
function transpose(data: ArrayLike<number>, shape: readonly number[], perm: readonly number[]): number[] {
  const st = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]!);
  const out: number[] = [];
  for (let i = 0; i < prod(outShape); i++) {
    let rem = i;
    let src = 0;
    for (let k = outShape.length - 1; k >= 0; k--) {
      const c = rem % outShape[k]!;
      rem = (rem - c) / outShape[k]!;
      src += c * st[perm[k]!]!;
    }
    out.push(data[src]!);
  }
  return out;
}

/** `np.pad(a, pads, mode="constant")` of a flat array. */
function pad(data: ArrayLike<number>, shape: readonly number[], pads: readonly [number, number][]): { data: number[]; shape: number[] } {
  const outShape = shape.map((d, i) => d + pads[i]![0] + pads[i]![1]);
  const st = stridesOf(shape);
  const out: number[] = [];
  for (let i = 0; i < prod(outShape); i++) {
    let rem = i;
    let src = 0;
    let inside = true;
    for (let k = outShape.length - 1; k >= 0; k--) {
      const c = rem % outShape[k]!;
      rem = (rem - c) / outShape[k]!;
      const j = c - pads[k]![0];
      if (j < 0 || j >= shape[k]!) inside = false;
      src += j * st[k]!;
    }
    out.push(inside ? data[src]! : 0);
  }
  return { data: out, shape: outShape };
}

/** space_to_batch_direct(input_array, block_shape, paddings) as a float32 NDArray. */
export function spaceToBatchDirect(input: tf.NDArray, block: readonly number[], paddings: readonly [number, number][]): tf.NDArray {
  const m = block.length;
  const rank = input.shape.length;
  const padded = pad(input.data, input.shape, [[0, 0], ...paddings, ...Array.from({ length: rank - 1 - m }, () => [0, 0] as [number, number])]);
  const reshaped = [input.shape[0]!];
  const outShape = [input.shape[0]! * prod(block)];
  block.forEach((b, i) => {
    const reduced = padded.shape[i + 1]! / b;
    reshaped.push(reduced, b);
    outShape.push(reduced);
  });
  const rest = input.shape.slice(m + 1);
  reshaped.push(...rest);
  outShape.push(...rest);
  const perm = [...block.map((_, i) => i * 2 + 2), 0, ...block.map((_, i) => i * 2 + 1), ...rest.map((_, i) => i + 1 + m * 2)];
  const out = tf.NDArray.zeros(outShape, 'float32');
  out.data.set(transpose(padded.data, reshaped, perm));
  return out;
}
