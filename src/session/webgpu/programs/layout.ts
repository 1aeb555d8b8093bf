import { bstrides } from '../../kernels/broadcast.js';
// Index layouts computed on the host, so the WGSL only ever sees the fewest dims that describe an
// access pattern: coalescing turns most broadcasts and reductions into rank 1 or 2, and the
// program text (which depends on rank) is shared by many shapes.

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = step;
    step *= shape[i]!;
  }
  return s;
}

/** A coalesced broadcast: output dims, and per input its stride along each (0 where broadcast). */
export interface BroadcastLayout {
  dims: number[];
  strides: number[][];
}

/** The broadcast of `inputs` to `out` (right-aligned, NumPy rules), with adjacent dims merged where every input allows it. */
export function broadcastLayout(out: readonly number[], inputs: readonly (readonly number[])[]): BroadcastLayout {
  const rank = out.length;
  const full = inputs.map((shape) => bstrides(shape, out));
  // Walk from the innermost dim outwards; size-1 output dims vanish.
  const dims: number[] = [];
  const strides: number[][] = inputs.map(() => []);
  for (let i = rank - 1; i >= 0; i--) {
    const d = out[i]!;
    if (d === 1) continue;
    const k = dims.length - 1;
    if (k >= 0 && full.every((s, t) => s[i] === strides[t]![k]! * dims[k]!)) {
      dims[k] = dims[k]! * d;
    } else {
      dims.push(d);
      full.forEach((s, t) => strides[t]!.push(s[i]!));
    }
  }
  dims.reverse();
  strides.forEach((s) => s.reverse());
  return { dims, strides };
}

/** A coalesced reduction: the kept dims (the output's, in order) and the reduced dims, each with its input stride. */
export interface ReduceLayout {
  kept: { size: number; stride: number }[];
  reduced: { size: number; stride: number }[];
  /** Number of input elements reduced into each output element. */
  count: number;
}

/** Splits `shape` into kept and reduced dims, merging neighbours of the same kind that are contiguous. */
export function reduceLayout(shape: readonly number[], reduced: readonly boolean[]): ReduceLayout {
  const st = stridesOf(shape);
  const kept: { size: number; stride: number }[] = [];
  const red: { size: number; stride: number }[] = [];
  let count = 1;
  shape.forEach((d, i) => {
    if (reduced[i]) count *= d;
    if (d === 1) return;
    const list = reduced[i] ? red : kept;
    const last = list[list.length - 1];
    // Mergeable when the previous dim of this kind is the adjacent outer one in memory.
    if (last && last.stride === st[i]! * d) {
      last.size *= d;
      last.stride = st[i]!;
    } else {
      list.push({ size: d, stride: st[i]! });
    }
  });
  return { kept, reduced: red, count };
}
