// Host kernels of SpaceToBatchND, BatchToSpaceND, SpaceToBatch and BatchToSpace with TF1 r1.12's run-time checks
// (spacetobatch_op.cc, batchtospace_op.cc), every one made before the output is allocated. Both directions are
// one copy loop over the batch side's rows of `depth` elements (the dims after the block dims).
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { prodOf, shapeStr } from './util.js';

/** TF1's kMaxSpaceToBatchBlockDims: at most this many block dims that are not folded into batch or depth. */
const MAX_BLOCK_DIMS = 4;

/** Where each row of the batch side comes from on the space side; the two shapes. */
export interface SpaceBatchLayout {
  /** The space side's batch. */
  batch: number;
  block: number[];
  /** Paddings (crops) at the start of each block dim. */
  starts: number[];
  /** The space side's block dims (SpaceToBatch's input, BatchToSpace's output). */
  space: number[];
  /** The batch side's block dims. */
  grid: number[];
  /** Elements per row: the product of the dims after the block dims. */
  depth: number;
  spaceShape: number[];
  batchShape: number[];
}

/** A small int tensor's values as numbers (the block shape, the paddings). */
const valuesOf = (t: NDArray): number[] => Array.from(t.data as ArrayLike<number>);

/** The block dims that the prefix and suffix of block 1 and no padding leave (TF1's internal_block_dims). */
function internalDims(block: readonly number[], pads: readonly number[]): number {
  const trivial = (i: number) => block[i] === 1 && pads[2 * i] === 0 && pads[2 * i + 1] === 0;
  let lo = 0;
  while (lo < block.length && trivial(lo)) lo++;
  let hi = block.length;
  while (hi > lo && trivial(hi - 1)) hi--;
  return hi - lo;
}

/**
 * The checks and layout of SpaceToBatchND (`crop` false: `x` is the space side, `pads` its paddings) and
 * BatchToSpaceND (`crop` true: `x` is the batch side, `pads` its crops), in TF1's order.
 */
export function spaceBatchLayout(
  name: string,
  x: readonly number[],
  blockShape: readonly number[],
  block: readonly number[],
  padsT: NDArray,
  crop: boolean,
): SpaceBatchLayout {
  if (blockShape.length !== 1) throw new InvalidArgumentError(`block_shape rank should be 1 instead of ${blockShape.length}`, name);
  const m = blockShape[0]!;
  if (x.length < 1 + m) throw new InvalidArgumentError(`input rank should be >= ${1 + m} instead of ${x.length}`, name);
  const what = crop ? 'crops' : 'paddings';
  if (padsT.shape.length !== 2 || padsT.shape[0] !== m || padsT.shape[1] !== 2)
    throw new InvalidArgumentError(`${what} should have shape [${m}, 2] instead of ${shapeStr(padsT.shape)}`, name);
  const pads = valuesOf(padsT);
  const product = block.reduce((a, b) => a * b, 1);
  if (product <= 0 || block.some((b) => b < 1)) throw new InvalidArgumentError(`Product of block sizes must be positive, got ${product}`, name);
  if (crop && x[0]! % product !== 0)
    throw new InvalidArgumentError(`Input batch dimension (${x[0]}) is not divisible by product of block sizes (${product})`, name);
  const internal = internalDims(block, pads);
  if (internal > MAX_BLOCK_DIMS)
    throw new InvalidArgumentError(`Maximum number of non-combined block dimensions is ${internal} but must not exceed ${MAX_BLOCK_DIMS}`, name);
  const space: number[] = [];
  const grid: number[] = [];
  for (let i = 0; i < m; i++) {
    const [start, end, b, d] = [pads[2 * i]!, pads[2 * i + 1]!, block[i]!, x[i + 1]!];
    if (start < 0 || end < 0) throw new InvalidArgumentError(crop ? 'Crops must be non-negative' : 'Paddings must be non-negative', name);
    if (crop) {
      const cropped = d * b - start - end;
      if (cropped < 0) throw new InvalidArgumentError(`cropped_shape[${i}]=${cropped} must be non-negative`, name);
      grid.push(d);
      space.push(cropped);
    } else {
      const padded = d + start + end;
      if (padded % b !== 0) throw new InvalidArgumentError(`padded_shape[${i}]=${padded} is not divisible by block_shape[${i}]=${b}`, name);
      space.push(d);
      grid.push(padded / b);
    }
  }
  const rest = x.slice(m + 1);
  const batch = crop ? x[0]! / product : x[0]!;
  return {
    batch,
    block: [...block],
    starts: block.map((_, i) => pads[2 * i]!),
    space,
    grid,
    depth: prodOf(rest),
    spaceShape: [batch, ...space, ...rest],
    batchShape: [batch * product, ...grid, ...rest],
  };
}

type Data = NDArray['data'];

/**
 * Moves rows between the sides: SpaceToBatch (`toBatch`) writes every batch-side row (zeros for padding),
 * BatchToSpace writes the space-side rows the crops keep. Row r of the batch side is block position k, batch b
 * and grid position g (k major), and reads space position g·block + k − start.
 */
export function spaceBatchCopy(l: SpaceBatchLayout, batchSide: Data, spaceSide: Data, toBatch: boolean): void {
  const m = l.block.length;
  const { depth, batch } = l;
  const gridSize = prodOf(l.grid);
  const stride = l.space.map((_, i) => prodOf(l.space, i + 1) * depth);
  const batchStride = prodOf(l.space) * depth;
  const k = new Array<number>(m).fill(0);
  const g = new Array<number>(m).fill(0);
  const blocks = prodOf(l.block);
  let row = 0;
  for (let kb = 0; kb < blocks; kb++) {
    for (let i = m - 1, r = kb; i >= 0; i--) {
      k[i] = r % l.block[i]!;
      r = (r - k[i]!) / l.block[i]!;
    }
    for (let b = 0; b < batch; b++) {
      g.fill(0);
      for (let p = 0; p < gridSize; p++, row++) {
        let src = b * batchStride;
        let inside = true;
        for (let i = 0; i < m; i++) {
          const c = g[i]! * l.block[i]! + k[i]! - l.starts[i]!;
          if (c < 0 || c >= l.space[i]!) inside = false;
          src += c * stride[i]!;
        }
        const at = row * depth;
        if (toBatch) {
          if (inside) batchSide.set(spaceSide.subarray(src, src + depth) as never, at);
          else batchSide.fill(0 as never, at, at + depth);
        } else if (inside) spaceSide.set(batchSide.subarray(at, at + depth) as never, src);
        for (let i = m - 1; i >= 0 && ++g[i]! === l.grid[i]!; i--) g[i] = 0;
      }
    }
  }
}

/** A block shape: its tensor's shape and values. */
type Block = [readonly number[], readonly number[]];

/** The block_shape input's shape and values. */
const blockOf = (t: NDArray): Block => [t.shape, valuesOf(t)];

/** TF1's legacy kernels: the block size attribute, then a 4-D input (with r1.12's missing space in the message). */
export function legacyBlock(name: string, shape: readonly number[], blockSize: number): Block {
  if (blockSize <= 1) throw new InvalidArgumentError(`Block size should be > 1: ${blockSize}`, name);
  if (shape.length !== 4) throw new InvalidArgumentError(`Input rank should be: 4instead of: ${shape.length}`, name);
  return [[2], [blockSize, blockSize]];
}

type Output = (i: number, shape: readonly number[]) => NDArray;

const toBatch = (name: string, x: NDArray, [bs, b]: Block, pads: NDArray, output: Output): void => {
  const l = spaceBatchLayout(name, x.shape, bs, b, pads, false);
  spaceBatchCopy(l, output(0, l.batchShape).data, x.data, true);
};

const toSpace = (name: string, x: NDArray, [bs, b]: Block, crops: NDArray, output: Output): void => {
  const l = spaceBatchLayout(name, x.shape, bs, b, crops, true);
  spaceBatchCopy(l, x.data, output(0, l.spaceShape).data, false);
};

/** The four kernels, keyed by op type. */
export const SPACE_BATCH_KERNELS: {
  SpaceToBatchND: HostKernel<'SpaceToBatchND'>;
  BatchToSpaceND: HostKernel<'BatchToSpaceND'>;
  SpaceToBatch: HostKernel<'SpaceToBatch'>;
  BatchToSpace: HostKernel<'BatchToSpace'>;
} = {
  SpaceToBatchND: ({ name, inputs, output }) => toBatch(name, inputs[0]!, blockOf(inputs[1]!), inputs[2]!, output),
  BatchToSpaceND: ({ name, inputs, output }) => toSpace(name, inputs[0]!, blockOf(inputs[1]!), inputs[2]!, output),
  SpaceToBatch: ({ name, inputs, attrs, output }) => toBatch(name, inputs[0]!, legacyBlock(name, inputs[0]!.shape, attrs.block_size), inputs[1]!, output),
  BatchToSpace: ({ name, inputs, attrs, output }) => toSpace(name, inputs[0]!, legacyBlock(name, inputs[0]!.shape, attrs.block_size), inputs[1]!, output),
};
