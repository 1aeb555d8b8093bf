/**
 * The magnitude S of the terms that make FTRL's slots, for the parity tolerance TOL·(|cpu| + S) (harness.ts).
 * FTRL's linear slot adds (p(n) − p(accum))/lr·var with p(a) = a^(−lr_power): a small difference of two large
 * powers, each of which WGSL's pow or sqrt may round a few ulp from the CPU's, scaled by var/lr. Over repeated
 * updates of one element (two runs, and repeated indices in a sparse op) those roundings add up past the
 * elementwise S = 1; S here sums, per element, the magnitudes of every term of every update, as the harness's S of a
 * sum does, and carries an earlier error of linear through var into the later updates.
 */
import { NDArray } from '../../../src/framework/ndarray.js';

/** One update of one element: its flat index in the variable and the gradient applied to it. */
export type Update = readonly [index: number, grad: number];

/**
 * S for FTRL's var, accum and linear after `runs` passes of `updates` from `inits` (var, accum, linear), with
 * `scalars` lr, l1, l2, [l2_shrinkage,] lr_power. accum's S is the elementwise 1.
 */
export function ftrlScales(inits: readonly NDArray[], updates: readonly Update[], scalars: readonly number[], runs = 2): NDArray[] {
  const [lr, l1, l2] = scalars as [number, number, number];
  const shrink = scalars.length === 5 ? scalars[3]! : 0;
  const power = -scalars[scalars.length - 1]!;
  const p = (a: number) => (power === 0 ? 1 : a === 0 ? 0 : a ** power);
  const w = Float64Array.from(inits[0]!.data as Float32Array);
  const accum = Float64Array.from(inits[1]!.data as Float32Array);
  const linear = Float64Array.from(inits[2]!.data as Float32Array);
  const sLinear = linear.map((v) => 1 + Math.abs(v));
  const sVar = new Float64Array(w.length).fill(1);
  for (let run = 0; run < runs; run++) {
    for (const [i, g] of updates) {
      const wi = w[i]!;
      const a = accum[i]!;
      const na = a + g * g;
      const pn = p(na);
      const pa = p(a);
      // linear += g + 2·l2_shrinkage·var − (p(n) − p(a))/lr·var: every term's magnitude, and var's own error.
      sLinear[i] = sLinear[i]! + Math.abs(g) + 2 * Math.abs(shrink * wi) + ((pn + pa) / lr) * Math.abs(wi) + (Math.abs(pn - pa) / lr) * sVar[i]!;
      linear[i] = linear[i]! + g + 2 * shrink * wi - ((pn - pa) / lr) * wi;
      const quadratic = pn / lr + 2 * l2;
      // var = (l1·sign(linear) − linear)/quadratic, or 0 within l1: either side of l1 is within linear's error.
      w[i] = Math.abs(linear[i]!) > l1 ? (l1 * Math.sign(linear[i]!) - linear[i]!) / quadratic : 0;
      sVar[i] = 1 + sLinear[i]! / quadratic;
      accum[i] = na;
    }
  }
  const shape = inits[0]!.shape;
  return [
    new NDArray(Float32Array.from(sVar), shape, 'float32'),
    new NDArray(new Float32Array(w.length).fill(1), shape, 'float32'),
    new NDArray(Float32Array.from(sLinear), shape, 'float32'),
  ];
}
