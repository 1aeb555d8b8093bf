import { InvalidArgumentError } from '../../../framework/errors.js';
import { NDArray } from '../../../framework/ndarray.js';
import { incompatible, prodOf, sameShape, shapeFromValues, shapeStr, rangeSize, tiledShape } from '../../kernels/util.js';
import type { GpuKernel, GpuTensor } from '../kernel.js';
import { tileProgram, rangeProgram, stitchProgram } from '../programs/array.js';
import { addNProgram, fillProgram } from '../programs/elementwise.js';
import { stridesOf } from '../programs/layout.js';
import { flatGrid } from '../programs/wgsl.js';
import { runOnHost } from './host.js';

/** Fill(dims, value): dims on the host (they size the output), the value read by the program. */
const fill: GpuKernel<'Fill'> = {
  hostInputs: () => [0],
  run({ name, inputs, host, output, dispatch, limits }) {
    const v = inputs[1]!;
    if (v.size !== 1) throw new InvalidArgumentError(`value must be a scalar, got shape ${shapeStr(v.shape)}`, name);
    const out = output(0, shapeFromValues(host(0), name));
    if (out.size === 0) return;
    dispatch({ program: fillProgram(out.dtype, null), inputs: [v], outputs: [out], uniforms: [out.size], workgroups: flatGrid(out.size, limits) });
  },
};

function constantLike<K extends 'ZerosLike' | 'OnesLike'>(value: 0 | 1): GpuKernel<K> {
  return {
    run({ inputs, output, dispatch, limits }) {
      const out = output(0, inputs[0]!.shape);
      if (out.size === 0) return;
      dispatch({ program: fillProgram(out.dtype, value), inputs: [], outputs: [out], uniforms: [out.size], workgroups: flatGrid(out.size, limits) });
    },
  };
}

/** Tile(input, multiples): multiples on the host, each output element reads its input element. */
const tile: GpuKernel<'Tile'> = {
  hostInputs: () => [1],
  run({ name, inputs, host, output, dispatch, limits }) {
    const x = inputs[0]!;
    const mult = host(1).data;
    const r = x.shape.length;
    const outShape = tiledShape(name, x.shape, mult);
    const out = output(0, outShape);
    if (out.size === 0) return;
    dispatch({
      program: tileProgram(x.dtype, r),
      inputs: [x],
      outputs: [out],
      uniforms: [out.size, ...outShape, ...x.shape, ...stridesOf(x.shape)],
      workgroups: flatGrid(out.size, limits),
    });
  },
};

/** Range(start, limit, delta): the three scalars on the host (they size the output), the values computed on the GPU. */
const range: GpuKernel<'Range'> = {
  hostInputs: () => [0, 1, 2],
  run({ name, inputs, host, output, dispatch, limits }) {
    const start = host(0).data[0]!;
    const limit = host(1).data[0]!;
    const delta = host(2).data[0]!;
    const int = inputs[0]!.dtype === 'int32' || inputs[0]!.dtype === 'int64';
    const size = rangeSize(name, start, limit, delta, int);
    const out = output(0, [size]);
    if (size === 0) return;
    dispatch({ program: rangeProgram(out.dtype), inputs: [], outputs: [out], uniforms: [size, start, delta], workgroups: flatGrid(size, limits) });
  },
};

/**
 * DynamicStitch(indices..., data...): the indices on the host, where each output row's source
 * (the last input and position naming it, as the CPU kernel's later writes win) becomes one gather
 * map per data input; the rows themselves move on the GPU.
 */
const dynamicStitch: GpuKernel<'DynamicStitch'> = {
  hostInputs: (count) => Array.from({ length: count / 2 }, (_, i) => i),
  run({ name, inputs, host, output, upload, dispatch, limits }) {
    const n = inputs.length / 2;
    const idx = Array.from({ length: n }, (_, i) => host(i));
    const data = inputs.slice(n);
    const tail = data[0]!.shape.slice(idx[0]!.shape.length);
    let max = -1;
    idx.forEach((t, i) => {
      if (!sameShape(data[i]!.shape, [...t.shape, ...tail])) {
        throw new InvalidArgumentError(`data[${i}].shape = ${shapeStr(data[i]!.shape)} does not start with indices[${i}].shape = ${shapeStr(t.shape)}`, name);
      }
      for (const v of t.data) {
        if (v < 0) throw new InvalidArgumentError(`indices[${i}] is out of range`, name);
        max = Math.max(max, v);
      }
    });
    const out = output(0, [max + 1, ...tail]);
    const row = prodOf(tail);
    if (out.size === 0) return;
    const source = new Int32Array(max + 1).fill(-1); // which input last wrote each row
    const position = new Int32Array(max + 1).fill(-1);
    idx.forEach((t, i) =>
      t.data.forEach((j, p) => {
        source[j] = i;
        position[j] = p;
      }),
    );
    for (let i = 0; i < n; i++) {
      if (i > 0 && !source.includes(i)) continue;
      const map = new NDArray(
        position.map((p, j) => (source[j] === i ? p : -1)),
        [max + 1],
        'int32',
      );
      dispatch({
        program: stitchProgram(out.dtype, i === 0),
        inputs: [upload(map), data[i]!],
        outputs: [out],
        uniforms: [out.size, row],
        workgroups: flatGrid(out.size, limits),
      });
    }
  },
};

/** AddN: chunks of as many inputs as one program may bind, each chunk added to the running sum. */
const addN: GpuKernel<'AddN'> = {
  run({ name, inputs, output, dispatch, limits }) {
    const x0 = inputs[0]!;
    for (const t of inputs) if (!sameShape(t.shape, x0.shape)) throw incompatible(x0.shape, t.shape, name);
    const out = output(0, x0.shape);
    if (out.size === 0) return;
    const chunk = Math.max(1, limits.maxStorageBuffersPerShaderStage - 1);
    for (let i = 0; i < inputs.length; i += chunk) {
      const part: GpuTensor[] = inputs.slice(i, i + chunk);
      dispatch({
        program: addNProgram(out.dtype, part.length, i > 0),
        inputs: part,
        outputs: [out],
        uniforms: [out.size],
        workgroups: flatGrid(out.size, limits),
      });
    }
  },
};

// Shape metadata: computed on the host from what the host already knows (shapes, host values).
const shapeOf: GpuKernel<'Shape'> = {
  run({ inputs, attrs, hostOutput }) {
    const s = inputs[0]!.shape;
    hostOutput(0, new NDArray(attrs.out_type === 'int32' ? Int32Array.from(s) : Float64Array.from(s), [s.length], attrs.out_type));
  },
};
const sizeOf: GpuKernel<'Size'> = {
  run({ inputs, attrs, hostOutput }) {
    const n = inputs[0]!.size;
    hostOutput(0, new NDArray(attrs.out_type === 'int32' ? Int32Array.of(n) : Float64Array.of(n), [], attrs.out_type));
  },
};
const rankOf: GpuKernel<'Rank'> = {
  run({ inputs, hostOutput }) {
    hostOutput(0, new NDArray(Int32Array.of(inputs[0]!.shape.length), [], 'int32'));
  },
};
const broadcastGradientArgs: GpuKernel<'BroadcastGradientArgs'> = {
  hostInputs: () => [0, 1],
  run({ name, inputs, attrs, host, hostOutput }) {
    const d = inputs[0]!.dtype;
    runOnHost('BroadcastGradientArgs', name, [host(0), host(1)], attrs, [d, d]).forEach((v, i) => hostOutput(i, v));
  },
};

/** WebGPU kernels of the array and shape ops, keyed by op type. */
export const ARRAY_GPU: {
  Fill: GpuKernel<'Fill'>;
  ZerosLike: GpuKernel<'ZerosLike'>;
  OnesLike: GpuKernel<'OnesLike'>;
  Tile: GpuKernel<'Tile'>;
  Range: GpuKernel<'Range'>;
  DynamicStitch: GpuKernel<'DynamicStitch'>;
  AddN: GpuKernel<'AddN'>;
  Shape: GpuKernel<'Shape'>;
  Size: GpuKernel<'Size'>;
  Rank: GpuKernel<'Rank'>;
  BroadcastGradientArgs: GpuKernel<'BroadcastGradientArgs'>;
} = {
  Fill: fill,
  ZerosLike: constantLike(0),
  OnesLike: constantLike(1),
  Tile: tile,
  Range: range,
  DynamicStitch: dynamicStitch,
  AddN: addN,
  Shape: shapeOf,
  Size: sizeOf,
  Rank: rankOf,
  BroadcastGradientArgs: broadcastGradientArgs,
};
