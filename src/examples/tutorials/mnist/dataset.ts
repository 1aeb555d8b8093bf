import { type Call, parseArgs } from '../../../framework/args.js';
import { NDArray, pinned_zeros } from '../../../index.js';
import { MnistDataError } from './data_error.js';
import { DATASET_PARAMS, imageDtype, NEXT_BATCH_PARAMS } from './params.js';
import { scaleImages } from './pixels.js';

/** The seed DataSets shuffle with when none is given, so that runs are reproducible (TF1 draws from NumPy's global state instead). */
export const DEFAULT_SEED = 0x5eed;

/** mulberry32: a tiny seeded PRNG returning uint32s; plenty for shuffling, and the same stream on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A uniformly shuffled 0..n-1, Fisher–Yates from the end as NumPy's `random.shuffle` walks it. */
export function permutation(n: number, next: () => number): Int32Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor((next() / 0x100000000) * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm;
}

/** Python's `(a, b)` for a shape, as TF1's assertion message and the article's `str(x.shape)` print it. */
export function pyShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** The example count TF1 gives a fake DataSet. */
const FAKE_EXAMPLES = 10000;

/** An NDArray's typed array. */
type HostArray = NDArray['data'];

/** Copies rows of `width` elements from `data` into `out`, in the order `rows` lists them. */
function gather(pinnedOrNot: HostArray, width: number, rows: ArrayLike<number>, out: HostArray): void {
  // a plain view for the row copies: a pinned array's own subarray() records its views (slower), and these die here
  const data = pinnedOrNot instanceof Float32Array ? new Float32Array(pinnedOrNot.buffer, pinnedOrNot.byteOffset, pinnedOrNot.length) : pinnedOrNot;
  if (width <= NARROW) {
    // labels: a loop beats a subarray object and a set() per row of ten
    for (let k = 0, o = 0; k < rows.length; k++) for (let p = rows[k]! * width, e = p + width; p < e; p++) out[o++] = data[p]!;
    return;
  }
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    out.set(data.subarray(r * width, r * width + width), k * width);
  }
}

/** Rows at most this wide are copied element by element (gather). */
const NARROW = 16;

/** The constructor of a typed array of the kind of `a` (a pinned float32 array's: Float32Array). */
type TypedArrayCtor = { new (n: number): HostArray; new (b: ArrayBuffer, at: number, n: number): HostArray; readonly BYTES_PER_ELEMENT: number };

/** Node's Buffer, where there is one: its allocUnsafeSlow gives memory that is not zeroed first. */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafeSlow(n: number): Uint8Array } }).Buffer;

/**
 * A new array of `n` elements of the kind of `like`, to be overwritten in full: not zeroed first where Node's Buffer
 * allows (zeroing a batch of 100 MNIST images is about a quarter of the copy's CPU time, measured on its own), an
 * ordinary zeroed one elsewhere.
 */
function uninitialized(like: HostArray, n: number): HostArray {
  const Ctor = (like instanceof Float32Array ? Float32Array : like.constructor) as TypedArrayCtor;
  if (!NodeBuffer || n === 0) return new Ctor(n);
  const bytes = NodeBuffer.allocUnsafeSlow(n * Ctor.BYTES_PER_ELEMENT);
  return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, n);
}

/** True when the ids are one ascending run (lo, lo+1, ...), so a plain slice copies them. */
function isRun(ids: Int32Array): boolean {
  if (ids.length === 0) return false;
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[0]! + i) return false;
  return true;
}

/**
 * TF1's `mnist.DataSet(images, labels, fake_data=False, one_hot=False, dtype=dtypes.float32, reshape=True, seed=None)`:
 * images and labels with `next_batch`, shuffled each epoch by a seeded PRNG. As TF1's: `reshape` flattens
 * `[n, rows, cols, 1]` images to `[n, rows·cols]`; `dtype` uint8 keeps the images as given (MNIST's bytes, 0..255),
 * float32 casts them to float32 and scales them into [0, 1] (`* (1.0 / 255.0)`, whatever their dtype: give it the
 * bytes); any other dtype is TF1's TypeError. Labels are kept as given. With `fake_data` the set holds no data and
 * reports 10000 examples; `next_batch(n, true)` returns TF1's fake batch (`one_hot` picks its labels' form).
 */
export class DataSet {
  private readonly baseImages: NDArray;
  private readonly baseLabels: NDArray;
  private readonly imageWidth: number;
  private readonly labelWidth: number;
  private readonly next: () => number;
  private readonly fake: boolean;
  /** Whether fake batches carry one-hot labels (TF1's `self.one_hot`, set only for fake data). */
  readonly one_hot: boolean;
  /** The current order as indices into the base arrays; null while it is still file order. */
  private order: Int32Array | null = null;
  private cached: [NDArray, NDArray] | null = null;
  private indexInEpoch = 0;
  private epochs = 0;

  /** Wraps images `[n, ...]` (with dtype float32: their scaled float32 copy) and labels `[n, ...]` (not copied); `seed` seeds the shuffles (default DEFAULT_SEED). */
  constructor(images: NDArray | readonly never[], labels: NDArray | readonly never[], ...args: Call<typeof DATASET_PARAMS>) {
    const a = parseArgs('DataSet', DATASET_PARAMS, args);
    const dtype = imageDtype(a.dtype);
    this.fake = a.fake_data ?? false;
    this.one_hot = this.fake && (a.one_hot ?? false);
    this.next = mulberry32(a.seed ?? DEFAULT_SEED);
    if (this.fake) {
      this.baseImages = NDArray.zeros([0, 784]);
      this.baseLabels = NDArray.zeros([0], 'int32');
      this.imageWidth = 784;
      this.labelWidth = 1;
      return;
    }
    if (!(images instanceof NDArray) || !(labels instanceof NDArray)) throw new MnistDataError('DataSet: images and labels must be NDArrays unless fake_data');
    if (images.ndim < 1 || labels.ndim < 1 || images.shape[0] !== labels.shape[0]) {
      throw new MnistDataError(`images.shape: ${pyShape(images.shape)} labels.shape: ${pyShape(labels.shape)}`);
    }
    if ((a.reshape ?? true) && images.ndim === 4) {
      if (images.shape[3] !== 1) throw new MnistDataError(`images.shape: ${pyShape(images.shape)}: reshape needs depth 1`);
      images = new NDArray(images.data, [images.shape[0]!, images.shape[1]! * images.shape[2]!], images.dtype);
    }
    // Convert from [0, 255] -> [0.0, 1.0].
    if (dtype === 'float32') images = scaleImages(images);
    this.baseImages = images;
    this.baseLabels = labels;
    this.imageWidth = images.shape.slice(1).reduce((a, d) => a * d, 1);
    this.labelWidth = labels.shape.slice(1).reduce((a, d) => a * d, 1);
  }

  /** Number of examples. */
  get num_examples(): number {
    return this.fake ? FAKE_EXAMPLES : this.baseImages.shape[0]!;
  }

  /** Epochs `next_batch` has finished (counted when a batch first reaches past the end, as TF1 does). */
  get epochs_completed(): number {
    return this.epochs;
  }

  /** All images in the current order: file order until `next_batch` shuffles, then the shuffled order, as TF1's `images`. */
  get images(): NDArray {
    return this.current()[0];
  }

  /** All labels in the current order, matching `images` row for row. */
  get labels(): NDArray {
    return this.current()[1];
  }

  /** Rows `start` to `stop` (exclusive) of images and labels as fresh arrays; Python slice bounds (negatives count from the end, out of range clamps). */
  slice(start: number, stop: number = this.num_examples): [NDArray, NDArray] {
    const n = this.num_examples;
    const clamp = (i: number): number => Math.min(n, Math.max(0, i < 0 ? i + n : i));
    const a = clamp(Math.trunc(start));
    const b = Math.max(a, clamp(Math.trunc(stop)));
    return this.take(this.rowIds(a, b), true);
  }

  /**
   * The next `batch_size` examples: TF1 r1.12's `DataSet.next_batch(batch_size, fake_data=False, shuffle=True)`,
   * including its shuffle and epoch-crossing rules; with `fake_data`, TF1's fake batch (images of ones, labels
   * class 0).
   */
  next_batch(...args: Call<typeof NEXT_BATCH_PARAMS>): [NDArray, NDArray] {
    const { batch_size, fake_data, shuffle: shuffleOrNone } = parseArgs('next_batch', NEXT_BATCH_PARAMS, args);
    const shuffle = shuffleOrNone ?? true;
    if (!Number.isInteger(batch_size) || batch_size < 0) {
      throw new RangeError(`batch_size must be a non-negative integer. Received: ${batch_size}.`);
    }
    if (fake_data) return this.fakeBatch(batch_size);
    const n = this.num_examples;
    const start = this.indexInEpoch;
    // Shuffle for the first epoch.
    if (this.epochs === 0 && start === 0 && shuffle) this.reshuffle();
    if (start + batch_size > n) {
      // Finished epoch: the rest of this epoch, then (after a reshuffle) the start of the next.
      this.epochs += 1;
      const restCount = n - start;
      const rest = this.rowIds(start, n);
      if (shuffle) this.reshuffle();
      this.indexInEpoch = batch_size - restCount;
      const fresh = this.rowIds(0, this.indexInEpoch);
      const ids = new Int32Array(rest.length + fresh.length);
      ids.set(rest, 0);
      ids.set(fresh, rest.length);
      return this.take(ids);
    }
    this.indexInEpoch += batch_size;
    return this.take(this.rowIds(start, this.indexInEpoch));
  }

  /** TF1's fake batch: `[1] * 784` images; labels `[1] + [0] * 9` when one_hot, else 0. */
  private fakeBatch(n: number): [NDArray, NDArray] {
    const images = NDArray.zeros([n, 784]);
    images.data.fill(1);
    if (!this.one_hot) return [images, NDArray.zeros([n], 'int32')];
    const labels = NDArray.zeros([n, 10]);
    for (let i = 0; i < n; i++) labels.data[i * 10] = 1;
    return [images, labels];
  }

  /** Base-array row ids of current positions [a, b), clamped to the set as NumPy slicing clamps. */
  private rowIds(a: number, b: number): Int32Array {
    const n = this.num_examples;
    const lo = Math.min(Math.max(a, 0), n);
    const hi = Math.min(Math.max(b, lo), n);
    if (this.order) return this.order.subarray(lo, hi); // a view: a new order is a new array (reshuffle)
    const ids = new Int32Array(hi - lo);
    for (let i = 0; i < ids.length; i++) ids[i] = lo + i;
    return ids;
  }

  /**
   * Copies the given base rows into new image and label arrays: float32 ones pinned (read in place
   * by the CPU kernels when fed) with `pin`, for arrays fed run after run (a slice, the shuffled
   * set); next_batch's are fresh every step and stay ordinary (pinned blocks go back only when
   * the collector finds them).
   */
  private take(ids: Int32Array, pin = false): [NDArray, NDArray] {
    return [this.gatherFrom(this.baseImages, this.imageWidth, ids, pin), this.gatherFrom(this.baseLabels, this.labelWidth, ids, pin)];
  }

  private gatherFrom(src: NDArray, width: number, ids: Int32Array, pin: boolean): NDArray {
    const shape = [ids.length, ...src.shape.slice(1)];
    const out = pin && src.dtype === 'float32' ? pinned_zeros(shape) : new NDArray(uninitialized(src.data, ids.length * width), shape, src.dtype);
    if (isRun(ids)) {
      const lo = ids[0]! * width;
      out.data.set(src.data.subarray(lo, lo + ids.length * width));
      return out;
    }
    gather(src.data, width, ids, out.data);
    return out;
  }

  /** Permutes the current order, composing as TF1's `self._images = self.images[perm]` does. */
  private reshuffle(): void {
    const n = this.num_examples;
    const perm = permutation(n, this.next);
    const old = this.order;
    if (old) for (let i = 0; i < n; i++) perm[i] = old[perm[i]!]!;
    this.order = perm;
    this.cached = null;
  }

  private current(): [NDArray, NDArray] {
    if (!this.order) return [this.baseImages, this.baseLabels];
    this.cached ??= this.take(this.order, true);
    return this.cached;
  }
}
