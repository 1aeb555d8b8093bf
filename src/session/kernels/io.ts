// Host kernels of SaveV2 and RestoreV2 (core/kernels/save_restore_v2_ops.cc, r1.12): SaveV2 writes its tensors as a
// V2 checkpoint (framework/io/bundle_files.ts: the same bytes as Saver.save), RestoreV2 reads them back, each
// entry checked against its dtype; DataLossError and TF1's other errors for a missing key or a corrupt file.
import { dtypeProtoName } from '../../framework/dtypes.js';
import { InvalidArgumentError, NotFoundError, OpError, UnimplementedError } from '../../framework/errors.js';
import { openBundleSync, writeBundleSync } from '../../framework/io/bundle_files.js';
import { bundleDtype, dataTypeName, readBundleTensor } from '../../framework/io/tensor_bundle.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';

const UTF8 = new TextDecoder();
const shapeText = (s: readonly number[]): string => `[${s.join(',')}]`;

/** save_restore_v2_ops.cc's ValidateInputs: the prefix, and as many names as shape_and_slices (and tensors, saving). */
function validate(name: string, inputs: readonly NDArray[], isSave: boolean): { prefix: string; names: string[] } {
  const [prefix, names, slices] = inputs as [NDArray, NDArray, NDArray];
  if (prefix.size !== 1) throw new InvalidArgumentError(`Input prefix should have a single element, got ${prefix.size} instead.`, name);
  if (names.shape.length !== 1 || slices.shape.length !== 1) {
    throw new InvalidArgumentError(
      `Input tensor_names and shape_and_slices should be an 1-D tensors, got ${shapeText(names.shape)} and ${shapeText(slices.shape)} instead.`,
      name,
    );
  }
  if (names.size !== slices.size) {
    throw new InvalidArgumentError(`tensor_names and shape_and_slices have different number of elements: ${names.size} vs. ${slices.size}`, name);
  }
  if (isSave && inputs.length !== names.size + 3) throw new InvalidArgumentError(`Got ${names.size} tensor names but ${inputs.length - 3} tensors.`, name);
  slices.strings.forEach((s, i) => {
    if (s.length !== 0) {
      throw new UnimplementedError(`tf1-ts saves and restores whole tensors only: shape_and_slices[${i}] is "${UTF8.decode(s)}", not "".`, name);
    }
  });
  return { prefix: UTF8.decode(prefix.strings[0]), names: names.strings.map((s) => UTF8.decode(s)) };
}

/** An error of the file layer (no node) as the same class, naming this node. */
function atNode<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof OpError && e.node_name === null) {
      const Cls = e.constructor as new (message: string, op: string) => OpError;
      throw new Cls(e.message, name);
    }
    throw e;
  }
}

/** SaveV2: every tensor under its name, in one V2 checkpoint at `prefix`. */
const saveV2: HostKernel<'SaveV2'> = ({ name, inputs }) => {
  const { prefix, names } = validate(name, inputs, true);
  const tensors = new Map<string, NDArray>();
  names.forEach((n, i) => {
    if (tensors.has(n)) throw new InvalidArgumentError(`Adding duplicate key: ${n}`, name);
    tensors.set(n, inputs[3 + i]!);
  });
  atNode(name, () => writeBundleSync(prefix, tensors));
};

/** RestoreV2: each named tensor of the checkpoint at `prefix`, of the dtype its `dtypes` entry says. */
const restoreV2: HostKernel<'RestoreV2'> = ({ name, inputs, attrs, output }) => {
  const { prefix, names } = validate(name, inputs, false);
  if (names.length !== attrs.dtypes.length) {
    throw new InvalidArgumentError(`Expected ${attrs.dtypes.length} tensor names, got ${names.length}`, name);
  }
  const bundle = atNode(name, () => openBundleSync(prefix));
  if (bundle === null) {
    throw new NotFoundError(`Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${prefix}`, name);
  }
  names.forEach((n, i) => {
    const entry = bundle.index.entries.get(n);
    if (!entry) throw new NotFoundError(`Key ${n} not found in checkpoint`, name);
    const want = attrs.dtypes[i]!;
    if (bundleDtype(entry.dataType) !== want) {
      const stored = bundleDtype(entry.dataType);
      const original = stored === null ? dataTypeName(entry.dataType) : dtypeProtoName(stored);
      throw new InvalidArgumentError(`tensor_name = ${n}; expected dtype ${dtypeProtoName(want)} does not equal original dtype ${original}`, name);
    }
    const v = atNode(name, () => readBundleTensor(entry, bundle.index, bundle.shard, prefix));
    const o = output(i, v.shape);
    if (v.dtype === 'string') v.strings.forEach((s, k) => (o.strings[k] = s));
    else o.data.set(v.data);
  });
};

/** The kernels of SaveV2 and RestoreV2. */
export const IO_KERNELS: { SaveV2: HostKernel<'SaveV2'>; RestoreV2: HostKernel<'RestoreV2'> } = { SaveV2: saveV2, RestoreV2: restoreV2 };
