// What the graph knows of a tensor's value while building (TF1's constant_value), and the shape inference
// that runs when an op is created.
import type { DType } from '../framework/dtypes.js';
import type { Dim } from '../framework/shape.js';
import type { Tensor } from './tensor.js';
import { NDArray } from '../framework/ndarray.js';
import { toNDArray } from '../framework/from_js.js';
import type { InputInfo, OutputSpec } from '../framework/op_def.js';
import { runShapeRule, type OpAttrs, type OpType } from '../framework/op_defs.js';

// Where an Identity/StopGradient chain gets its value, per tensor in the chain: each op's lookup then
// costs O(1), so building an n-op chain is linear, and no lookup recurses (20,000-op chains exist).
const forwarded = new WeakMap<Tensor, Tensor>();

/** The tensor whose value `t` forwards: itself, or the first input up its chain of Identity/StopGradient ops. */
function forwardedSource(t: Tensor): Tensor {
  const chain: Tensor[] = [];
  let s = t;
  while (s.op.type === 'Identity' || s.op.type === 'StopGradient') {
    const known = forwarded.get(s);
    if (known) {
      s = known;
      break;
    }
    chain.push(s);
    s = s.op.inputs[0]!;
  }
  for (const c of chain) forwarded.set(c, s);
  return s;
}

/** TF1's `constant_value`: a tensor's value when it is known while building (constants, static shapes, their casts). */
export function constantValue(t: Tensor): NDArray | null {
  // A chain of Casts (tf.range casts its arguments to one dtype) is walked down, then applied back up.
  const casts: DType[] = [];
  let src = forwardedSource(t);
  while (src.op.type === 'Cast') {
    casts.push((src.op.attrs as OpAttrs['Cast']).DstT);
    src = forwardedSource(src.op.inputs[0]!);
  }
  let v = sourceValue(src);
  for (let i = casts.length - 1; i >= 0 && v !== null; i--) v = toNDArray(v, casts[i]);
  return v;
}

function sourceValue(t: Tensor): NDArray | null {
  const op = t.op;
  switch (op.type) {
    case 'Const':
      return (op.attrs as OpAttrs['Const']).value;
    case 'Shape': {
      const s = op.inputs[0]!.shape;
      if (!s.is_fully_defined()) return null;
      return new NDArray(Int32Array.from(s.dims as number[]), [s.dims!.length], 'int32');
    }
    case 'Size': {
      const n = op.inputs[0]!.shape.num_elements();
      return n === null ? null : new NDArray(Int32Array.of(n), [], 'int32');
    }
    case 'Rank': {
      const r = op.inputs[0]!.shape.ndims;
      return r === null ? null : new NDArray(Int32Array.of(r), [], 'int32');
    }
    case 'Pack':
      return (op.attrs as OpAttrs['Pack']).axis === 0 ? joined(op.inputs, true) : null;
    case 'ConcatV2': {
      // Along axis 0 only (a shape computation's concatenation of vectors); other axes are left unknown.
      const axis = constantValue(op.inputs[op.inputs.length - 1]!);
      return axis && axis.data[0] === 0 ? joined(op.inputs.slice(0, -1), false) : null;
    }
    default:
      return null;
  }
}

/** The known values of `inputs` joined along a new (`stacked`) or the existing first axis, or null when one is unknown. */
function joined(inputs: readonly Tensor[], stacked: boolean): NDArray | null {
  const vs: NDArray[] = [];
  for (const t of inputs) {
    const v = constantValue(t);
    if (!v) return null;
    vs.push(v);
  }
  const first = vs[0];
  if (!first) return null;
  const tail = stacked ? first.shape : first.shape.slice(1);
  const same = (v: NDArray) => (stacked ? v.shape : v.shape.slice(1)).join(',') === tail.join(',') && (stacked || v.shape.length > 0);
  if (!vs.every(same)) return null;
  const lead = stacked ? vs.length : vs.reduce((n, v) => n + v.shape[0]!, 0);
  if (first.dtype === 'string')
    return vs.every((v) => v.dtype === 'string')
      ? new NDArray(
          vs.flatMap((v) => v.strings),
          [lead, ...tail],
          'string',
        )
      : null;
  const out = NDArray.zeros([lead, ...tail], first.dtype);
  let at = 0;
  for (const v of vs) {
    out.data.set(v.data, at);
    at += v.size;
  }
  return out;
}

/** A shape vector's entries as far as they are known (TF1's partial shape of a shape tensor). */
export function partialShapeValue(t: Tensor): Dim[] | null {
  const v = constantValue(t);
  if (v) return v.shape.length === 1 && v.dtype !== 'string' ? Array.from(v.data) : null;
  if (t.op.type === 'Shape') {
    const d = t.op.inputs[0]!.shape.dims;
    return d === null ? null : [...d];
  }
  // TF1's constant_value_as_shape: a Pack of scalars (or of values of unknown rank), each known or not; a ConcatV2 of partial vectors.
  if (t.op.type === 'Pack' && (t.op.attrs as OpAttrs['Pack']).axis === 0 && t.op.inputs.every((i) => i.shape.ndims === 0 || i.shape.ndims === null)) {
    return t.op.inputs.map((i) => constantValue(i)?.data[0] ?? shapeEntry(i));
  }
  if (t.op.type === 'ConcatV2') {
    const parts = t.op.inputs.slice(0, -1).map(partialShapeValue);
    return parts.every((p) => p !== null) ? (parts as Dim[][]).flat() : null;
  }
  // TF1's ConstantPartialShape reads through a Cast (a shape cast to int64) to the partial shape before it.
  if (t.op.type === 'Cast') return partialShapeValue(t.op.inputs[0]!);
  return null;
}

/**
 * `v[i]` of a known vector v (`tf.shape(x)[0]` of a fully defined x): the scalar TF1's shape refiner evaluates for
 * an input of a Pack (EvaluateConstantTensor runs the StridedSlice); null for anything else.
 */
function shapeEntry(t: Tensor): Dim {
  if (t.op.type !== 'StridedSlice') return null;
  const m = t.op.attrs as OpAttrs['StridedSlice'];
  const [src, b, , st] = t.op.inputs as [Tensor, Tensor, Tensor, Tensor];
  if (m.shrink_axis_mask !== 1 || m.ellipsis_mask !== 0 || m.new_axis_mask !== 0) return null;
  const v = constantValue(src);
  const dims = v && v.shape.length === 1 && v.dtype !== 'string' ? Array.from(v.data) : null;
  const [begin, strides] = [constantValue(b), constantValue(st)];
  if (!dims || !begin || !strides || begin.size !== 1 || strides.data[0] !== 1) return null;
  const i = begin.data[0]! < 0 ? begin.data[0]! + dims.length : begin.data[0]!;
  return i >= 0 && i < dims.length ? dims[i]! : null;
}

/** Build-time input info of a tensor. */
export function infoOf(t: Tensor): InputInfo {
  return { dtype: t.dtype, shape: t.shape, value: constantValue(t), partial: partialShapeValue(t) };
}

/** Infers an op's outputs from its input tensors when the op is created. */
export function inferOutputs<K extends OpType>(type: K, name: string, inputs: readonly Tensor[], attrs: OpAttrs[K]): OutputSpec[] {
  return runShapeRule(type, name, inputs.map(infoOf), attrs);
}
