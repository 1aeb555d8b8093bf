// Host kernels of the TensorArray ops (core/kernels/tensor_array_ops.cc, r1.12), on the run's array store
// (session/tensor_array_store.ts), with TF1's checks and messages. A kernel without a store (constant folding, the
// WebGPU backend) refuses: the ops are stateful, so the planner never folds them, and WebGPU refuses such plans.
import { dtypeProtoName } from '../../framework/dtypes.js';
import { InvalidArgumentError, OpError, UnimplementedError } from '../../framework/errors.js';
import { NDArray } from '../../framework/ndarray.js';
import type { OpAttrs } from '../../framework/op_defs.js';
import type { Dim } from '../../framework/shape.js';
import type { HostKernel, KernelArgs } from '../kernel.js';
import { partialStr, shapeStr, type TensorArrayState, type TensorArrayStore } from '../tensor_array_store.js';

type TAType =
  | 'TensorArrayV3'
  | 'TensorArrayGradV3'
  | 'TensorArrayWriteV3'
  | 'TensorArrayReadV3'
  | 'TensorArrayGatherV3'
  | 'TensorArrayScatterV3'
  | 'TensorArrayConcatV3'
  | 'TensorArraySplitV3'
  | 'TensorArraySizeV3'
  | 'TensorArrayCloseV3';

/** The run's store, or TF1-style refusal where there is none. */
function storeOf<K extends TAType>(a: KernelArgs<K>): TensorArrayStore {
  if (!a.tensorArrays) throw new UnimplementedError(`TensorArray ops run on the CPU backend only (node ${a.name})`, a.name);
  return a.tensorArrays;
}

/** Runs `f`, naming the node in errors that do not name one yet (the store knows no node). */
function onNode<K extends TAType>(f: HostKernel<K>): HostKernel<K> {
  return (a) => {
    try {
      f(a);
    } catch (e) {
      if (e instanceof OpError && e.node_name === null) {
        const Cls = e.constructor as new (m: string, op: string) => OpError;
        throw new Cls(e.message, a.name);
      }
      throw e;
    }
  };
}

const fullyDefined = (p: readonly Dim[] | null): p is readonly number[] => p?.every((d) => d !== null) ?? false;

/** Writes `v` (copied) to output `i`. */
function emit<K extends TAType>(a: KernelArgs<K>, i: number, v: NDArray): void {
  const o = a.output(i, v.shape);
  if (v.dtype === 'string') o.strings.splice(0, v.size, ...v.strings);
  else o.data.set(v.data);
}

/** Passes flow_in through as flow_out. */
const flowOut = <K extends TAType>(a: KernelArgs<K>, flow: NDArray): void => {
  a.output(0, []).data[0] = flow.data[0]!;
};

/** Rows [from, to) of `v` along axis 0, as a new array. */
function rows(v: NDArray, from: number, to: number): NDArray {
  const inner = v.shape.slice(1).reduce((p, d) => p * d, 1);
  const shape = [to - from, ...v.shape.slice(1)];
  return v.dtype === 'string'
    ? new NDArray(v.strings.slice(from * inner, to * inner), shape, 'string')
    : new NDArray(v.data.slice(from * inner, to * inner), shape, v.dtype);
}

/** Stacks same-shaped elements (or joins them along axis 0 with `join`) into output 0. */
function combine<K extends TAType>(a: KernelArgs<K>, values: readonly NDArray[], shape: readonly number[]): void {
  const o = a.output(0, shape);
  let at = 0;
  for (const v of values) {
    if (v.dtype === 'string') o.strings.splice(at, v.size, ...v.strings);
    else o.data.set(v.data, at);
    at += v.size;
  }
}

const scalarIndex = (v: NDArray, what: string, node: string): number => {
  if (v.shape.length !== 0) throw new InvalidArgumentError(`TensorArray ${what} must be scalar, but had shape: ${shapeStr(v.shape)}`, node);
  return v.data[0]!;
};

const checkWriteDtype = (ta: TensorArrayState, v: NDArray, node: string): void => {
  if (v.dtype !== ta.dtype) {
    throw new InvalidArgumentError(`TensorArray dtype is ${dtypeProtoName(ta.dtype)} but Op is trying to write dtype ${dtypeProtoName(v.dtype)}.`, node);
  }
};

const checkReadDtype = (ta: TensorArrayState, dtype: NDArray['dtype'], node: string): void => {
  if (dtype !== ta.dtype)
    throw new InvalidArgumentError(`TensorArray dtype is ${dtypeProtoName(ta.dtype)} but Op requested dtype ${dtypeProtoName(dtype)}.`, node);
};

const vectorOf = (v: NDArray, what: string, node: string): number[] => {
  if (v.shape.length !== 1) throw new InvalidArgumentError(`Expected ${what} to be a vector, but received shape: ${shapeStr(v.shape)}`, node);
  return Array.from(v.data);
};

/** The TensorArray kernels. */
export const TENSOR_ARRAY_KERNELS: { [K in TAType]: HostKernel<K> } = {
  TensorArrayV3: onNode((a) => {
    const attrs = a.attrs as OpAttrs['TensorArrayV3'];
    const size = scalarIndex(a.inputs[0]!, 'size', a.name);
    if (size < 0) throw new InvalidArgumentError('Size should be >= 0.', a.name);
    const handle = storeOf(a).create(attrs.tensor_array_name || a.name, {
      dtype: attrs.dtype,
      size,
      elementShape: attrs.element_shape,
      dynamicSize: attrs.dynamic_size,
      clearAfterRead: attrs.clear_after_read,
      identicalElementShapes: attrs.identical_element_shapes,
      aggregate: false,
      isGrad: false,
      markedSize: -1,
    });
    emit(a, 0, handle);
    a.output(1, []).data[0] = 0;
  }),
  TensorArrayGradV3: onNode((a) => {
    emit(a, 0, storeOf(a).gradient(a.inputs[0]!, a.attrs.source));
    a.output(1, []).data[0] = a.inputs[1]!.data[0]!;
  }),
  TensorArrayWriteV3: onNode((a) => {
    const [handle, index, value, flow] = a.inputs as NDArray[];
    const ta = storeOf(a).lookup(handle!);
    const i = scalarIndex(index!, 'index', a.name);
    checkWriteDtype(ta, value!, a.name);
    ta.write(i, value!);
    flowOut(a, flow!);
  }),
  TensorArrayReadV3: onNode((a) => {
    const [handle, index] = a.inputs as NDArray[];
    const ta = storeOf(a).lookup(handle!);
    const i = scalarIndex(index!, 'index', a.name);
    checkReadDtype(ta, a.attrs.dtype, a.name);
    emit(a, 0, ta.read(i));
  }),
  TensorArrayGatherV3: onNode((a) => {
    const [handle, indicesT] = a.inputs as NDArray[];
    const ta = storeOf(a).lookup(handle!);
    const indices = vectorOf(indicesT!, 'indices', a.name);
    checkReadDtype(ta, a.attrs.dtype, a.name);
    const elem = ta.mergeElementShape(a.attrs.element_shape);
    if (indices.length === 0) {
      if (!fullyDefined(elem)) {
        throw new UnimplementedError(
          `TensorArray has size zero, but element shape ${partialStr(elem)} is not fully defined. Currently only static shapes are supported when packing zero-size TensorArrays.`,
          a.name,
        );
      }
      a.output(0, [0, ...elem]);
      return;
    }
    const values = indices.map((i) => ta.read(i));
    const s0 = values[0]!.shape;
    values.forEach((v, i) => {
      if (i > 0 && shapeStr(v.shape) !== shapeStr(s0)) {
        throw new InvalidArgumentError(
          `TensorArray has inconsistent shapes.  Index 0 has shape: ${shapeStr(s0)} but index ${i} has shape: ${shapeStr(v.shape)}`,
          a.name,
        );
      }
    });
    combine(a, values, [values.length, ...s0]);
  }),
  TensorArrayScatterV3: onNode((a) => {
    const [handle, indicesT, value, flow] = a.inputs as NDArray[];
    const ta = storeOf(a).lookup(handle!);
    checkWriteDtype(ta, value!, a.name);
    if (value!.shape.length < 1)
      throw new InvalidArgumentError(`Expected value to be at least a vector, but received shape: ${shapeStr(value!.shape)}`, a.name);
    const indices = vectorOf(indicesT!, 'indices', a.name);
    if (indices.length !== value!.shape[0]) {
      throw new InvalidArgumentError(`Expected len(indices) == values.shape[0], but saw: ${indices.length} vs. ${value!.shape[0]}`, a.name);
    }
    indices.forEach((ix, k) => ta.write(ix, reshapeRow(rows(value!, k, k + 1))));
    if (indices.length > 0) ta.setMarkedSize(Math.max(...indices) + 1);
    flowOut(a, flow!);
  }),
  TensorArrayConcatV3: onNode((a) => {
    const ta = storeOf(a).lookup(a.inputs[0]!);
    checkReadDtype(ta, a.attrs.dtype, a.name);
    const n = ta.packOrConcatSize();
    const lengths = a.output(1, [Math.max(n, 0)]);
    if (n <= 0) {
      const e = a.attrs.element_shape_except0;
      if (!fullyDefined(e)) {
        throw new UnimplementedError(
          `TensorArray has size zero, but element_shape_except0 ${partialStr(e)} is not fully defined. Currently only static shapes are supported when concatenating zero-size TensorArrays.`,
          a.name,
        );
      }
      a.output(0, [0, ...e]);
      return;
    }
    const values = Array.from({ length: n }, (_, i) => ta.read(i));
    values.forEach((v, i) => {
      if (v.shape.length < 1) {
        throw new InvalidArgumentError(
          `Concat saw a scalar shape at index ${i} but requires at least vectors.  Did you mean to call TensorArray::Pack instead?`,
          a.name,
        );
      }
    });
    const rest0 = shapeStr(values[0]!.shape.slice(1));
    let total = 0;
    values.forEach((v, i) => {
      const rest = shapeStr(v.shape.slice(1));
      if (rest !== rest0) {
        throw new InvalidArgumentError(
          `TensorArray has inconsistent shapes.  Index 0 has (excepting dimension 0) shape: ${rest0} but index ${i} has (excepting dimension 0) shape: ${rest}`,
          a.name,
        );
      }
      lengths.data[i] = v.shape[0]!;
      total += v.shape[0]!;
    });
    combine(a, values, [total, ...values[0]!.shape.slice(1)]);
  }),
  TensorArraySplitV3: onNode((a) => {
    const [handle, value, lengthsT, flow] = a.inputs as NDArray[];
    const ta = storeOf(a).lookup(handle!);
    checkWriteDtype(ta, value!, a.name);
    if (lengthsT!.shape.length !== 1) throw new InvalidArgumentError(`Expected lengths to be a vector, received shape: ${shapeStr(lengthsT!.shape)}`, a.name);
    const lengths = Array.from(lengthsT!.data);
    if (value!.shape.length < 1)
      throw new InvalidArgumentError(`Expected value to be at least a vector, but received shape: ${shapeStr(value!.shape)}`, a.name);
    const total = lengths.reduce((p, l) => p + l, 0);
    if (lengths.some((l) => l < 0) || total !== value!.shape[0]) {
      throw new InvalidArgumentError(
        `Expected sum of lengths to be equal to values.shape[0], but sum of lengths is ${total} and value's shape is: ${shapeStr(value!.shape)}`,
        a.name,
      );
    }
    const size = ta.size();
    if (!ta.dynamicSize && size !== lengths.length) {
      throw new InvalidArgumentError(
        `TensorArray's size is not equal to the size of lengths (${size} vs. ${lengths.length}), and the TensorArray is not marked as dynamically resizeable`,
        a.name,
      );
    }
    let at = 0;
    lengths.forEach((l, i) => {
      ta.write(i, rows(value!, at, at + l));
      at += l;
    });
    ta.setMarkedSize(lengths.length);
    flowOut(a, flow!);
  }),
  TensorArraySizeV3: onNode((a) => {
    a.output(0, []).data[0] = storeOf(a).lookup(a.inputs[0]!).size();
  }),
  TensorArrayCloseV3: onNode((a) => {
    storeOf(a).lookup(a.inputs[0]!).close();
  }),
};

/** One row of `rows()` without its leading axis of 1. */
function reshapeRow(r: NDArray): NDArray {
  return r.dtype === 'string' ? new NDArray(r.strings, r.shape.slice(1), 'string') : new NDArray(r.data, r.shape.slice(1), r.dtype);
}
