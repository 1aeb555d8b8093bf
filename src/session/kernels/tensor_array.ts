// The TensorArray ops (core/kernels/tensor_array_ops.cc, r1.12) on the run's array store (session/tensor_array_store.ts),
// with TF1's checks and messages, written once over a backend's values (TaCall, ElementIO): for the host kernels
// (tensor_array_host.ts) and the WebGPU backend, whose arrays hold GPU buffers (webgpu/tensor_arrays.ts).
import { dtypeProtoName } from '../../framework/dtypes.js';
import { InvalidArgumentError, OpError, UnimplementedError } from '../../framework/errors.js';
import { NDArray } from '../../framework/ndarray.js';
import type { OpAttrs } from '../../framework/op_defs.js';
import type { Dim } from '../../framework/shape.js';
import { partialStr, shapeStr, type Element, type TensorArrayStore } from '../tensor_array_store.js';
import type { DType } from '../../framework/dtypes.js';

/** The TensorArray op types. */
export type TAType =
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

/** How the TensorArray ops move a backend's values: slices and joins along axis 0, zeros, host arrays as values. */
export interface ElementIO<V extends Element> {
  wrap(a: NDArray): V;
  /** Rows [from, to) of `v` along axis 0, in `shape` (their count, or without the axis for one row). */
  rows(v: V, from: number, to: number, shape: readonly number[]): V;
  /** The values one after another (each of `shape.slice(1)` elements' worth), as one value of `shape`. */
  combine(values: readonly V[], shape: readonly number[], dtype: DType): V;
  zeros(shape: readonly number[], dtype: DType): V;
}

/** One TensorArray op's run on a backend's values. */
export interface TaCall<V extends Element, K extends TAType> {
  name: string;
  attrs: OpAttrs[K];
  inputs: readonly V[];
  /** Input `i`'s elements on the host (a handle, an index, indices, lengths, a size, a flow). */
  host(i: number): NDArray;
  readonly store: TensorArrayStore<V>;
  io: ElementIO<V>;
  /** Sets output `i`. */
  out(i: number, v: V): void;
}

/** One TensorArray op, for any backend's values. */
export type TaKernel<K extends TAType> = <V extends Element>(c: TaCall<V, K>) => void;

/** The input of each TensorArray op that carries element values (the others are read on the host), or null. */
export const TA_VALUE_INPUT: { [K in TAType]: number | null } = {
  TensorArrayV3: null,
  TensorArrayGradV3: null,
  TensorArrayWriteV3: 2,
  TensorArrayReadV3: null,
  TensorArrayGatherV3: null,
  TensorArrayScatterV3: 2,
  TensorArrayConcatV3: null,
  TensorArraySplitV3: 1,
  TensorArraySizeV3: null,
  TensorArrayCloseV3: null,
};

/** Runs `f`, naming the node in errors that do not name one yet (the store knows no node). */
function onNode<K extends TAType>(f: TaKernel<K>): TaKernel<K> {
  return (c) => {
    try {
      f(c);
    } catch (e) {
      if (e instanceof OpError && e.node_name === null) {
        const Cls = e.constructor as new (m: string, op: string) => OpError;
        throw new Cls(e.message, c.name);
      }
      throw e;
    }
  };
}

const fullyDefined = (p: readonly Dim[] | null): p is readonly number[] => p?.every((d) => d !== null) ?? false;

const scalar = (v: number, dtype: DType): NDArray => {
  const a = NDArray.zeros([], dtype);
  a.data[0] = v;
  return a;
};

/** Passes flow_in (input `i`) through as flow_out. */
const flowOut = <V extends Element, K extends TAType>(c: TaCall<V, K>, i: number): void => c.out(0, c.io.wrap(scalar(c.host(i).data[0]!, 'float32')));

const scalarIndex = (v: NDArray, what: string, node: string): number => {
  if (v.shape.length !== 0) throw new InvalidArgumentError(`TensorArray ${what} must be scalar, but had shape: ${shapeStr(v.shape)}`, node);
  return v.data[0]!;
};

const checkWriteDtype = (ta: { dtype: DType }, v: Element, node: string): void => {
  if (v.dtype !== ta.dtype) {
    throw new InvalidArgumentError(`TensorArray dtype is ${dtypeProtoName(ta.dtype)} but Op is trying to write dtype ${dtypeProtoName(v.dtype)}.`, node);
  }
};

const checkReadDtype = (ta: { dtype: DType }, dtype: DType, node: string): void => {
  if (dtype !== ta.dtype)
    throw new InvalidArgumentError(`TensorArray dtype is ${dtypeProtoName(ta.dtype)} but Op requested dtype ${dtypeProtoName(dtype)}.`, node);
};

const vectorOf = (v: NDArray, what: string, node: string): number[] => {
  if (v.shape.length !== 1) throw new InvalidArgumentError(`Expected ${what} to be a vector, but received shape: ${shapeStr(v.shape)}`, node);
  return Array.from(v.data);
};

/** The TensorArray ops over a backend's values. */
export const TA_KERNELS: { [K in TAType]: TaKernel<K> } = {
  TensorArrayV3: onNode((c) => {
    const attrs = c.attrs as OpAttrs['TensorArrayV3'];
    const size = scalarIndex(c.host(0), 'size', c.name);
    if (size < 0) throw new InvalidArgumentError('Size should be >= 0.', c.name);
    const handle = c.store.create(attrs.tensor_array_name || c.name, {
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
    c.out(0, c.io.wrap(handle));
    c.out(1, c.io.wrap(scalar(0, 'float32')));
  }),
  TensorArrayGradV3: onNode((c) => {
    c.out(0, c.io.wrap(c.store.gradient(c.host(0), c.attrs.source)));
    c.out(1, c.io.wrap(scalar(c.host(1).data[0]!, 'float32')));
  }),
  TensorArrayWriteV3: onNode((c) => {
    const ta = c.store.lookup(c.host(0));
    const i = scalarIndex(c.host(1), 'index', c.name);
    const value = c.inputs[2]!;
    checkWriteDtype(ta, value, c.name);
    ta.write(i, value);
    flowOut(c, 3);
  }),
  TensorArrayReadV3: onNode((c) => {
    const ta = c.store.lookup(c.host(0));
    const i = scalarIndex(c.host(1), 'index', c.name);
    checkReadDtype(ta, c.attrs.dtype, c.name);
    c.out(0, ta.read(i));
  }),
  TensorArrayGatherV3: onNode((c) => {
    const ta = c.store.lookup(c.host(0));
    const indices = vectorOf(c.host(1), 'indices', c.name);
    checkReadDtype(ta, c.attrs.dtype, c.name);
    const elem = ta.mergeElementShape(c.attrs.element_shape);
    if (indices.length === 0) {
      if (!fullyDefined(elem)) {
        throw new UnimplementedError(
          `TensorArray has size zero, but element shape ${partialStr(elem)} is not fully defined. Currently only static shapes are supported when packing zero-size TensorArrays.`,
          c.name,
        );
      }
      c.out(0, c.io.zeros([0, ...elem], ta.dtype));
      return;
    }
    const values = indices.map((i) => ta.read(i));
    const s0 = values[0]!.shape;
    values.forEach((v, i) => {
      if (i > 0 && shapeStr(v.shape) !== shapeStr(s0)) {
        throw new InvalidArgumentError(
          `TensorArray has inconsistent shapes.  Index 0 has shape: ${shapeStr(s0)} but index ${i} has shape: ${shapeStr(v.shape)}`,
          c.name,
        );
      }
    });
    c.out(0, c.io.combine(values, [values.length, ...s0], ta.dtype));
  }),
  TensorArrayScatterV3: onNode((c) => {
    const ta = c.store.lookup(c.host(0));
    const value = c.inputs[2]!;
    checkWriteDtype(ta, value, c.name);
    if (value.shape.length < 1) throw new InvalidArgumentError(`Expected value to be at least a vector, but received shape: ${shapeStr(value.shape)}`, c.name);
    const indices = vectorOf(c.host(1), 'indices', c.name);
    if (indices.length !== value.shape[0]) {
      throw new InvalidArgumentError(`Expected len(indices) == values.shape[0], but saw: ${indices.length} vs. ${value.shape[0]}`, c.name);
    }
    indices.forEach((ix, k) => ta.write(ix, c.io.rows(value, k, k + 1, value.shape.slice(1))));
    if (indices.length > 0) ta.setMarkedSize(Math.max(...indices) + 1);
    flowOut(c, 3);
  }),
  TensorArrayConcatV3: onNode((c) => {
    const ta = c.store.lookup(c.host(0));
    checkReadDtype(ta, c.attrs.dtype, c.name);
    const n = ta.packOrConcatSize();
    const lengths = NDArray.zeros([Math.max(n, 0)], 'int64');
    if (n <= 0) {
      const e = c.attrs.element_shape_except0;
      if (!fullyDefined(e)) {
        throw new UnimplementedError(
          `TensorArray has size zero, but element_shape_except0 ${partialStr(e)} is not fully defined. Currently only static shapes are supported when concatenating zero-size TensorArrays.`,
          c.name,
        );
      }
      c.out(0, c.io.zeros([0, ...e], ta.dtype));
      c.out(1, c.io.wrap(lengths));
      return;
    }
    const values = Array.from({ length: n }, (_, i) => ta.read(i));
    values.forEach((v, i) => {
      if (v.shape.length < 1) {
        throw new InvalidArgumentError(
          `Concat saw a scalar shape at index ${i} but requires at least vectors.  Did you mean to call TensorArray::Pack instead?`,
          c.name,
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
          c.name,
        );
      }
      lengths.data[i] = v.shape[0]!;
      total += v.shape[0]!;
    });
    c.out(0, c.io.combine(values, [total, ...values[0]!.shape.slice(1)], ta.dtype));
    c.out(1, c.io.wrap(lengths));
  }),
  TensorArraySplitV3: onNode((c) => {
    const ta = c.store.lookup(c.host(0));
    const value = c.inputs[1]!;
    checkWriteDtype(ta, value, c.name);
    const lengthsT = c.host(2);
    if (lengthsT.shape.length !== 1) throw new InvalidArgumentError(`Expected lengths to be a vector, received shape: ${shapeStr(lengthsT.shape)}`, c.name);
    const lengths = Array.from(lengthsT.data);
    if (value.shape.length < 1) throw new InvalidArgumentError(`Expected value to be at least a vector, but received shape: ${shapeStr(value.shape)}`, c.name);
    const total = lengths.reduce((p, l) => p + l, 0);
    if (lengths.some((l) => l < 0) || total !== value.shape[0]) {
      throw new InvalidArgumentError(
        `Expected sum of lengths to be equal to values.shape[0], but sum of lengths is ${total} and value's shape is: ${shapeStr(value.shape)}`,
        c.name,
      );
    }
    const size = ta.size();
    if (!ta.dynamicSize && size !== lengths.length) {
      throw new InvalidArgumentError(
        `TensorArray's size is not equal to the size of lengths (${size} vs. ${lengths.length}), and the TensorArray is not marked as dynamically resizeable`,
        c.name,
      );
    }
    let at = 0;
    lengths.forEach((l, i) => {
      ta.write(i, c.io.rows(value, at, at + l, [l, ...value.shape.slice(1)]));
      at += l;
    });
    ta.setMarkedSize(lengths.length);
    flowOut(c, 3);
  }),
  TensorArraySizeV3: onNode((c) => {
    c.out(0, c.io.wrap(scalar(c.store.lookup(c.host(0)).size(), 'int32')));
  }),
  TensorArrayCloseV3: onNode((c) => {
    c.store.lookup(c.host(0)).close();
  }),
};
