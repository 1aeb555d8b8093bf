import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import { isInteger } from '../../framework/dtypes.js';
import { SCATTER_MODE, scatterKind, type ScatterAttrs, type ScatterMode } from '../../framework/ops/scatter.js';
import type { HostKernel } from '../kernel.js';
import { prodOf, shapeStr } from './util.js';
import { sliceDebugString } from './array_index.js';

// The scatter ops (TF1's scatter_op.cc, scatter_nd_op.cc). Both backends view the variable as [slices, inner] and the
// updates as [N, inner] (or one scalar), and write update row i into slice targets[i]; the indices are checked and
// turned into those targets on the host, before anything is written, so a bad index leaves the variable unchanged
// (TF1's CPU kernel stops at the bad index, having written the rows before it).

/** TF1's DoValidationChecking (Scatter*) or ValidateUpdateShape (ScatterNd*): the run-time shapes of ref, indices and updates. */
export function checkScatterShapes(type: string, name: string, ref: readonly number[], indices: readonly number[], updates: readonly number[]): void {
  const fail = (m: string): never => {
    throw new InvalidArgumentError(m, name);
  };
  if (scatterKind(type) === 'rows') {
    if (ref.length < 1) fail(`params must be at least 1-D, got shape ${shapeStr(ref)}`);
    const want = [...indices, ...ref.slice(1)];
    if (updates.length !== 0 && (updates.length !== want.length || updates.some((d, i) => d !== want[i]))) {
      fail(
        `Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], got updates.shape ${shapeStr(updates)}, indices.shape ${shapeStr(indices)}, params.shape ${shapeStr(ref)}`,
      );
    }
    return;
  }
  if (ref.length < 1) fail(`Output must be at least 1-D, got shape: ${shapeStr(ref)}`);
  if (!(prodOf(ref) > 0 || (prodOf(indices) === 0 && prodOf(updates) === 0))) {
    fail(`Indices and updates specified for empty output.  indices shape: ${shapeStr(indices)}`);
  }
  if (updates[0] !== indices[0]) {
    fail(`The outermost dimension of updates and indices must match. Got indices.shape ${shapeStr(indices)}, updates.shape ${shapeStr(updates)}`);
  }
  const sliceDim = indices.length > 1 ? indices[indices.length - 1]! : 1;
  const batchDim = indices.length > 1 ? indices.length - 1 : 1;
  const bad =
    updates.length < batchDim ||
    ref.length < sliceDim + (updates.length - batchDim) ||
    updates.length !== batchDim + ref.length - sliceDim ||
    updates.some((d, i) => (i < batchDim ? d !== indices[i] : d !== ref[i - batchDim + sliceDim]));
  if (bad) {
    fail(
      `Must have updates.shape = indices.shape[:batch_dim] + params_shape[slice_dim:], got updates.shape: ${shapeStr(updates)}, indices.shape: ${shapeStr(indices)}, params_shape: ${shapeStr(ref)}, slice_dim: ${sliceDim}, and batch_dim: ${batchDim}`,
    );
  }
}

/** Where a scatter op writes: update row i goes to slice targets[i] of the variable, seen as [slices, inner]. */
export interface ScatterLayout {
  readonly targets: Int32Array;
  readonly inner: number;
}

/** The checked targets of a scatter op's indices (shapes already checked), or TF1's InvalidArgumentError naming the first bad index. */
export function scatterLayout(type: string, name: string, ref: readonly number[], indices: NDArray): ScatterLayout {
  const idx = indices.data;
  if (scatterKind(type) === 'rows') {
    const limit = ref[0]!;
    const targets = new Int32Array(idx.length);
    for (let i = 0; i < idx.length; i++) {
      const v = idx[i]!;
      if (!(v >= 0 && v < limit)) throw new InvalidArgumentError(`indices${sliceDebugString(indices.shape, i)} = ${v} is not in [0, ${limit})`, name);
      targets[i] = v;
    }
    return { targets, inner: prodOf(ref, 1) };
  }
  const depth = indices.shape.length > 1 ? indices.shape[indices.shape.length - 1]! : 1;
  if (depth > ref.length) throw new InvalidArgumentError(`Index innermost dimension length must be <= params rank; saw: ${depth} vs. ${ref.length}`, name);
  const n = depth === 0 ? 0 : idx.length / depth;
  const targets = new Int32Array(n);
  const outer = indices.shape.length > 1 ? indices.shape.slice(0, -1) : indices.shape;
  for (let i = 0; i < n; i++) {
    let t = 0;
    let ok = true;
    for (let k = 0; k < depth; k++) {
      const v = idx[i * depth + k]!;
      if (!(v >= 0 && v < ref[k]!)) ok = false;
      t = t * ref[k]! + v;
    }
    if (!ok) {
      const at = Array.from(idx.subarray(i * depth, (i + 1) * depth)).join(', ');
      throw new InvalidArgumentError(`indices${sliceDebugString(outer, i)} = [${at}] does not index into shape ${shapeStr(ref)}`, name);
    }
    targets[i] = t;
  }
  return { targets, inner: prodOf(ref, depth) };
}

type Combine = (a: number, u: number) => number;

/** Whether two typed arrays share memory (arrays of one arena or WASM memory share a buffer, not elements). */
function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}

/** How each mode combines an element with its update; integer division truncates, as C++'s does. */
function combine(mode: ScatterMode, int: boolean): Combine {
  switch (mode) {
    case 'update':
      return (_, u) => u;
    case 'add':
      return (a, u) => a + u;
    case 'sub':
      return (a, u) => a - u;
    case 'mul':
      return (a, u) => a * u;
    case 'div':
      return int ? (a, u) => Math.trunc(a / u) : (a, u) => a / u;
    case 'min':
      return (a, u) => Math.min(a, u);
    case 'max':
      return (a, u) => Math.max(a, u);
  }
}

/** A scatter op's CPU kernel: in place, in index order, so repeated indices accumulate (and the last update wins). */
function scatterKernel<K extends keyof ScatterAttrs>(type: K): HostKernel<K> {
  const mode = SCATTER_MODE[type];
  return ({ name, inputs }) => {
    const [ref, indices, updates] = inputs as [NDArray, NDArray, NDArray];
    const { targets, inner } = scatterLayout(type, name, ref.shape, indices);
    const v = ref.data;
    // updates that are the variable's own value (scatter_update(v, perm, v.value())) are read as they were before
    // this op, as the WebGPU backend reads a copy of a buffer bound both ways
    const u = overlaps(updates.data, v) ? updates.data.slice() : updates.data;
    const f = combine(mode, isInteger(ref.dtype));
    const scalar = updates.shape.length === 0;
    for (let i = 0; i < targets.length; i++) {
      const base = targets[i]! * inner;
      for (let j = 0; j < inner; j++) v[base + j] = f(v[base + j]!, u[scalar ? 0 : i * inner + j]!);
    }
  };
}

/** CPU kernels of the scatter ops, keyed by op type. */
export const SCATTER_KERNELS: { [K in keyof ScatterAttrs]: HostKernel<K> } = {
  ScatterUpdate: scatterKernel('ScatterUpdate'),
  ScatterAdd: scatterKernel('ScatterAdd'),
  ScatterSub: scatterKernel('ScatterSub'),
  ScatterMul: scatterKernel('ScatterMul'),
  ScatterDiv: scatterKernel('ScatterDiv'),
  ScatterMin: scatterKernel('ScatterMin'),
  ScatterMax: scatterKernel('ScatterMax'),
  ScatterNdUpdate: scatterKernel('ScatterNdUpdate'),
  ScatterNdAdd: scatterKernel('ScatterNdAdd'),
  ScatterNdSub: scatterKernel('ScatterNdSub'),
};
