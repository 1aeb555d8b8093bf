import fc from 'fast-check';

/** Bounds of a random shape; the defaults keep graphs small enough for many runs. */
export interface ShapeConstraints {
  min_rank?: number;
  max_rank?: number;
  min_dim?: number;
  max_dim?: number;
}

/** Random shapes (`[]` is a scalar), shrinking towards fewer and smaller dimensions. */
export function shape(c: ShapeConstraints = {}): fc.Arbitrary<number[]> {
  const { min_rank = 0, max_rank = 3, min_dim = 1, max_dim = 4 } = c;
  return fc.array(fc.integer({ min: min_dim, max: max_dim }), { minLength: min_rank, maxLength: max_rank });
}

/**
 * Pairs of shapes NumPy broadcasting accepts: either side may lack leading dimensions (down to a
 * scalar) or have 1 where the other has n, so every broadcasting case occurs; shrinks towards equal shapes.
 */
export function broadcast_shapes(c: ShapeConstraints = {}): fc.Arbitrary<[number[], number[]]> {
  const { min_rank = 0, max_rank = 3, min_dim = 1, max_dim = 4 } = c;
  const dim = fc.record({ size: fc.integer({ min: min_dim, max: max_dim }), x_one: fc.boolean(), y_one: fc.boolean() });
  const drop = fc.integer({ min: 0, max: max_rank });
  return fc
    .record({ dims: fc.array(dim, { minLength: min_rank, maxLength: max_rank }), x_drop: drop, y_drop: drop })
    .map(({ dims, x_drop, y_drop }): [number[], number[]] => [
      dims.slice(Math.min(x_drop, dims.length)).map((d) => (d.x_one ? 1 : d.size)),
      dims.slice(Math.min(y_drop, dims.length)).map((d) => (d.y_one ? 1 : d.size)),
    ]);
}

/** The broadcast of two shapes, as NumPy computes it (throws RangeError if they do not broadcast). */
export function broadcast_shape(a: readonly number[], b: readonly number[]): number[] {
  const r = Math.max(a.length, b.length);
  return Array.from({ length: r }, (_, i) => {
    const x = a[a.length - r + i] ?? 1;
    const y = b[b.length - r + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) throw new RangeError(`shapes [${a.join(', ')}] and [${b.join(', ')}] do not broadcast`);
    return x === 1 ? y : x;
  });
}

/** Random `axis` arguments for a reduction of a rank-`rank` tensor: any subset, in any order, each axis written as i or i - rank. */
export function reduction_axes(rank: number): fc.Arbitrary<number[]> {
  const axes = Array.from({ length: rank }, (_, i) => i);
  return fc
    .tuple(fc.shuffledSubarray(axes), fc.array(fc.boolean(), { minLength: rank, maxLength: rank }))
    .map(([sub, negative]) => sub.map((a) => (negative[a] ? a - rank : a)));
}
