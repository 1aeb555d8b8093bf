import { TypeError as TFTypeError, ValueError } from './errors.js';
import { kind, parseArgs, req, signed } from './args.js';

/** One dimension: a size, or `null` when unknown (TF1's `?`). */
export type Dim = number | null;

const SHAPE_PARAMS = [
  req(
    'dims',
    kind<readonly Dim[] | number | null>('list of dimensions', (v) => v === null || typeof v === 'number' || Array.isArray(v), {
      refuse: (v) => new TFTypeError(`Cannot convert ${String(v)} to a TensorShape.`),
    }),
  ),
] as const;

/** A static shape: TF1's TensorShape. `dims === null` means the rank itself is unknown. */
export class TensorShape {
  /** The dimensions, or null for unknown rank. */
  readonly dims: readonly Dim[] | null;

  /** TF1's `tf.TensorShape(dims)`: a list of sizes and nulls, one size, or null for an unknown rank; impossible sizes are ValueError. */
  constructor(...args: [dims: readonly Dim[] | number | null] | [keywords: { dims: readonly Dim[] | number | null }]) {
    const { dims } = parseArgs('TensorShape', SHAPE_PARAMS, args);
    this.dims = dims === null ? null : Object.freeze(typeof dims === 'number' ? [asDimension(dims)] : dims.map(asDimension));
  }

  /** A shape of unknown rank. */
  static unknown(): TensorShape {
    return new TensorShape(null);
  }

  /** The rank, or null when unknown. */
  get ndims(): number | null {
    return this.dims === null ? null : this.dims.length;
  }

  /** True when the rank and every dimension are known. */
  is_fully_defined(): boolean {
    return this.dims?.every((d) => d !== null) ?? false;
  }

  /** The dimensions as a list (TF1 raises for unknown rank; so do we). */
  as_list(): Dim[] {
    if (this.dims === null) throw new ValueError('as_list() is not defined on an unknown TensorShape.');
    return [...this.dims];
  }

  /** Number of elements when fully defined, else null. */
  num_elements(): number | null {
    if (!this.is_fully_defined()) return null;
    return (this.dims as number[]).reduce((a, b) => a * b, 1);
  }

  /** TF1's compatibility: unknowns match anything. */
  is_compatible_with(other: ShapeLike): boolean {
    const o = asShape(other);
    if (this.dims === null || o.dims === null) return true;
    if (this.dims.length !== o.dims.length) return false;
    return this.dims.every((d, i) => d === null || o.dims![i] === null || d === o.dims![i]);
  }

  /** TF1's `assert_is_compatible_with(other)`: ValueError unless the shapes are compatible. */
  assert_is_compatible_with(other: ShapeLike): void {
    const o = asShape(other);
    if (!this.is_compatible_with(o)) throw new ValueError(`Shapes ${this} and ${o} are incompatible`);
  }

  /** TF1's `assert_is_fully_defined()`: ValueError unless every dimension (and the rank) is known. */
  assert_is_fully_defined(): void {
    if (!this.is_fully_defined()) throw new ValueError(`Shape ${this} is not fully defined`);
  }

  /** TF1's `assert_has_rank(rank)`: ValueError when the rank is known and another. */
  assert_has_rank(rank: number): void {
    if (this.ndims !== null && this.ndims !== rank) throw new ValueError(`Shape ${this} must have rank ${rank}`);
  }

  /** TF1's `assert_same_rank(other)`: ValueError when both ranks are known and differ. */
  assert_same_rank(other: ShapeLike): void {
    const o = asShape(other);
    if (this.ndims !== null && o.ndims !== null && this.ndims !== o.ndims) throw new ValueError(`Shapes ${this} and ${o} must have the same rank`);
  }

  /** TF1's `with_rank(rank)`: this shape merged with an unknown one of that rank; ValueError for another rank. */
  with_rank(rank: number): TensorShape {
    if (this.ndims !== null && this.ndims !== rank) throw new ValueError(`Shape ${this} must have rank ${rank}`);
    return this.merge_with(new TensorShape(Array<Dim>(rank).fill(null)));
  }

  /** TF1's `with_rank_at_least(rank)`: this shape; ValueError when its rank is known and lower. */
  with_rank_at_least(rank: number): TensorShape {
    if (this.ndims !== null && this.ndims < rank) throw new ValueError(`Shape ${this} must have rank at least ${rank}`);
    return this;
  }

  /** TF1's `concatenate(other)`: the dimensions of both, or an unknown shape when either rank is unknown. */
  concatenate(other: ShapeLike): TensorShape {
    const o = asShape(other);
    if (this.dims === null || o.dims === null) return TensorShape.unknown();
    return new TensorShape([...this.dims, ...o.dims]);
  }

  /** TF1's `most_specific_compatible_shape(other)`: the dimensions both share, unknown where they differ (unknown rank when the ranks differ). */
  most_specific_compatible_shape(other: ShapeLike): TensorShape {
    const o = asShape(other);
    if (this.dims === null || o.dims === null || this.dims.length !== o.dims.length) return TensorShape.unknown();
    return new TensorShape(this.dims.map((d, i) => (d !== null && d === o.dims![i] ? d : null)));
  }

  /** The most specific shape compatible with both (TF1's `merge_with`); ValueError when they conflict. */
  merge_with(other: ShapeLike): TensorShape {
    const o = asShape(other);
    if (this.dims === null) return o;
    if (o.dims === null) return this;
    if (!this.is_compatible_with(o)) throw new ValueError(`Shapes ${this} and ${o} are not compatible`);
    return new TensorShape(this.dims.map((d, i) => d ?? o.dims![i] ?? null));
  }

  /** Python's tuple form, as TF1 prints it: `(?, 10)`, `(10,)`, `()`, `<unknown>`. */
  toString(): string {
    if (this.dims === null) return '<unknown>';
    const parts = this.dims.map((d) => (d === null ? '?' : String(d)));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
  }

  /** TF1's bracket form used in C++ messages: `[?,784]`, `[]`, `?`. */
  toBracketString(): string {
    if (this.dims === null) return '?';
    return `[${this.dims.map((d) => (d === null ? '?' : String(d))).join(',')}]`;
  }
}

/** Accepts what users write for a shape: an array with nulls, a TensorShape, one size, or null/undefined for unknown rank. */
export type ShapeLike = readonly Dim[] | TensorShape | number | null | undefined;

/** TF1's `as_dimension`: a size (a non-negative integer) or null; anything else is TF1's ValueError. */
export function asDimension(d: unknown): Dim {
  if (d === null || d === undefined) return null;
  if (typeof d !== 'number') throw new TFTypeError(`Dimension value must be integer or None, got ${String(d)}`);
  if (Number.isNaN(d)) throw new ValueError('cannot convert float NaN to integer');
  if (!Number.isFinite(d)) throw new ValueError('cannot convert float infinity to integer');
  if (!Number.isInteger(d)) throw new ValueError(`Ambiguous dimension: ${d}`);
  if (d < 0) throw new ValueError(`Dimension ${d} must be >= 0`);
  if (d > Number.MAX_SAFE_INTEGER) throw new ValueError(`Dimension ${d} is too large: tf1-ts keeps sizes exact up to 2**53 - 1`);
  return d;
}

/** Normalises a ShapeLike into a TensorShape (TF1's `as_shape`), with TF1's errors for impossible sizes. */
export function asShape(s: ShapeLike): TensorShape {
  if (s instanceof TensorShape) return s;
  if (s === null || s === undefined) return TensorShape.unknown();
  return new TensorShape(s);
}

signed(TensorShape, 'TensorShape', SHAPE_PARAMS);
