// TF1 r1.12's ValidateStridedSliceOp (tensorflow/core/util/strided_slice_op.cc): a StridedSlice's sparse spec
// (begin, end, strides and the five masks) made dense against the input's shape, with the bounds checks, the
// shape the slicing produces (processing) and the shape after new axes and shrinks (final). The shape rules run it
// on partly known shapes (-1 for an unknown dim, null for an unknown begin or end); the kernels on concrete ones.
import { ShapeError } from '../op_def.js';

/** StridedSlice's mask attributes. */
export interface StridedSliceMasks {
  begin_mask: number;
  end_mask: number;
  ellipsis_mask: number;
  new_axis_mask: number;
  shrink_axis_mask: number;
}

/** A validated slice: per input dim its canonical begin, end and stride, and the two shapes (-1 where unknown). */
export interface StridedSliceSpec {
  begin: number[];
  end: number[];
  strides: number[];
  processing: number[];
  final: number[];
}

const NEW_AXIS = -1;
const SHRINK_AXIS = -2;

/**
 * Validates a strided slice of an input of shape `input` (-1 for unknown dims). `begin`/`end` are null when not
 * known; `strides` must be. Throws ShapeError with TF1's words.
 */
export function validateStridedSlice(
  input: readonly number[],
  begin: readonly number[] | null,
  end: readonly number[] | null,
  strides: readonly number[],
  masks: StridedSliceMasks,
): StridedSliceSpec {
  const n = strides.length;
  if ((begin !== null && (begin.length !== n || begin.length >= 32)) || (end !== null && end.length !== n)) {
    const shape = (a: readonly number[] | null) => `[${a?.length ?? ''}]`;
    throw new ShapeError(
      begin !== null && end !== null
        ? `Expected begin, end, and strides to be 1D equal size tensors, but got shapes ${shape(begin)}, ${shape(end)}, and ${shape(strides)} instead.`
        : `Expected begin, end, and strides to be 1D equal size tensors, but got shape ${shape(strides)} for strides.`,
    );
  }
  let ellipsisMask = masks.ellipsis_mask;
  if (ellipsisMask && (ellipsisMask & (ellipsisMask - 1)) !== 0) throw new ShapeError('Multiple ellipses in slice spec not allowed');
  // Step 1: new axes after the ellipsis; an ellipsis at the end when there is none.
  let sparseDims = n;
  let addAfterEllipsis = 0;
  let ellipsisSeen = false;
  for (let i = 0; i < n; i++) {
    if (ellipsisSeen && ((1 << i) & masks.new_axis_mask) !== 0) addAfterEllipsis++;
    if ((1 << i) & ellipsisMask) ellipsisSeen = true;
  }
  if (!ellipsisSeen) {
    ellipsisMask |= 1 << sparseDims;
    sparseDims++;
  }
  // Step 2: the dense spec, one entry per input dim.
  const dims = input.length;
  const b = new Array<number>(dims).fill(0);
  const e = new Array<number>(dims).fill(0);
  const s = new Array<number>(dims).fill(0);
  let beginMask = 0;
  let endMask = 0;
  let shrinkMask = 0;
  const gather: number[] = [];
  let full = 0;
  for (let i = 0; i < sparseDims; i++) {
    if ((1 << i) & ellipsisMask) {
      const next = Math.min(dims - (sparseDims - i) + 1 + addAfterEllipsis, dims);
      for (; full < next; full++) {
        b[full] = e[full] = 0;
        s[full] = 1;
        beginMask |= 1 << full;
        endMask |= 1 << full;
        gather.push(full);
      }
    } else if ((1 << i) & masks.new_axis_mask) {
      gather.push(NEW_AXIS);
    } else {
      if (full === dims) throw new ShapeError(`Index out of range using input dim ${full}; input has only ${dims} dims`);
      if (begin) b[full] = begin[i]!;
      if (end) e[full] = end[i]!;
      s[full] = strides[i]!;
      if (masks.begin_mask & (1 << i)) beginMask |= 1 << full;
      if (masks.end_mask & (1 << i)) endMask |= 1 << full;
      if (masks.shrink_axis_mask & (1 << i)) {
        gather.push(SHRINK_AXIS);
        shrinkMask |= 1 << full;
      } else gather.push(full);
      full++;
    }
  }
  // Step 3: canonical ranges, bounds checks and the processing shape.
  const known = begin !== null && end !== null;
  const processing: number[] = [];
  for (let i = 0; i < dims; i++) {
    const stride = s[i]!;
    const dim = input[i]!;
    if (stride === 0) throw new ShapeError(`strides[${i}] must be non-zero`);
    const shrink = (shrinkMask & (1 << i)) !== 0;
    if (dim === -1) {
      processing.push(shrink ? 1 : -1);
      continue;
    }
    const masked = [beginMask & (1 << i), endMask & (1 << i)];
    const valid = [stride > 0 ? 0 : -1, stride > 0 ? dim : dim - 1];
    const canonical = (x: number, c: 0 | 1): number => {
      if (masked[c]) return stride > 0 ? valid[c]! : valid[(c + 1) & 1]!;
      const fwd = x < 0 ? dim + x : x;
      return Math.min(Math.max(fwd, valid[0]!), valid[1]!);
    };
    if (shrink && stride <= 0) throw new ShapeError('only stride 1 allowed on non-range indexing.');
    const bothMasked = masked[0] !== 0 && masked[1] !== 0;
    if (known) {
      if (shrink) {
        // foo[-1] is begin -1, end 0: the end is begin + 1 once the begin is canonical.
        const fwd = b[i]! < 0 ? dim + b[i]! : b[i]!;
        b[i] = fwd;
        e[i] = fwd + 1;
        if (fwd < 0 || fwd >= dim) throw new ShapeError(`slice index ${fwd} of dimension ${i} out of bounds.`);
      } else {
        b[i] = canonical(b[i]!, 0);
        e[i] = canonical(e[i]!, 1);
      }
    }
    let interval: number | null = null;
    if (known) interval = e[i]! - b[i]!;
    else if (shrink) interval = 1;
    else if (bothMasked) interval = stride < 0 ? -dim : dim;
    if (interval === null) processing.push(-1);
    else if (interval === 0 || interval < 0 !== stride < 0) processing.push(0);
    else processing.push(Math.trunc(interval / stride) + (interval % stride !== 0 ? 1 : 0));
  }
  // Step 4: the final shape: new axes of 1, shrunk dims left out.
  const final: number[] = [];
  for (const g of gather) {
    if (g >= 0) final.push(processing[g]!);
    else if (g === NEW_AXIS) final.push(1);
  }
  return { begin: b, end: e, strides: s, processing, final };
}
