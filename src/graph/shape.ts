/** One dimension: a size, or `null` when unknown (TF1's `?`). */
export type Dim = number | null;

/** A static shape: TF1's TensorShape. `dims === null` means the rank itself is unknown. */
export class TensorShape {
  /** The dimensions, or null for unknown rank. */
  readonly dims: readonly Dim[] | null;

  constructor(dims: readonly Dim[] | null) {
    this.dims = dims === null ? null : Object.freeze([...dims]);
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
    return this.dims !== null && this.dims.every((d) => d !== null);
  }

  /** The dimensions as a list (TF1 raises for unknown rank; so do we). */
  as_list(): Dim[] {
    if (this.dims === null) throw new Error('as_list() is not defined on an unknown TensorShape.');
    return [...this.dims];
  }

  /** Number of elements when fully defined, else null. */
  num_elements(): number | null {
    if (!this.is_fully_defined()) return null;
    return (this.dims as number[]).reduce((a, b) => a * b, 1);
  }

  /** TF1's compatibility: unknowns match anything. */
  is_compatible_with(other: TensorShape): boolean {
    if (this.dims === null || other.dims === null) return true;
    if (this.dims.length !== other.dims.length) return false;
    return this.dims.every((d, i) => d === null || other.dims![i] === null || d === other.dims![i]);
  }

  /** The most specific shape compatible with both, or null when they conflict. */
  merge_with(other: TensorShape): TensorShape | null {
    if (this.dims === null) return other;
    if (other.dims === null) return this;
    if (!this.is_compatible_with(other)) return null;
    return new TensorShape(this.dims.map((d, i) => d ?? other.dims![i] ?? null));
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

/** Accepts what users write for a shape: an array with nulls, a TensorShape, or null/undefined for unknown rank. */
export type ShapeLike = readonly Dim[] | TensorShape | null | undefined;

/** Normalises a ShapeLike into a TensorShape. */
export function asShape(s: ShapeLike): TensorShape {
  if (s instanceof TensorShape) return s;
  if (s === null || s === undefined) return TensorShape.unknown();
  return new TensorShape(s);
}
