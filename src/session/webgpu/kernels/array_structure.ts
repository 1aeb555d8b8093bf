import { InvalidArgumentError } from '../../../framework/errors.js';
import { NDArray } from '../../../framework/ndarray.js';
import { concatLayout, padLayout, sliceLayout } from '../../kernels/array_structure.js';
import { prodOf, sameShape, shapeStr } from '../../kernels/util.js';
import type { GpuKernel, GpuKernelArgs, GpuTensor } from '../kernel.js';
import { boxProgram, copyRowsProgram } from '../programs/array_structure.js';
import { stridesOf } from '../programs/layout.js';
import { flatGrid } from '../programs/wgsl.js';
import { runOnHost } from './host.js';

type Args = Pick<GpuKernelArgs<'Pack'>, 'dispatch' | 'limits'>;

/** One row copy (see copyRowsProgram), skipped when it copies nothing. */
function copyRows(
  a: Args,
  x: GpuTensor,
  out: GpuTensor,
  rows: { outer: number; inner: number; srcRow: number; srcOff: number; dstRow: number; dstOff: number },
): void {
  const n = rows.outer * rows.inner;
  if (n === 0) return;
  a.dispatch({
    program: copyRowsProgram(out.dtype),
    inputs: [x],
    outputs: [out],
    uniforms: [n, rows.inner, rows.srcRow, rows.srcOff, rows.dstRow, rows.dstOff],
    workgroups: flatGrid(n, a.limits),
  });
}

/** ConcatV2: the axis on the host, one row copy per input into its columns of the output. */
const concatV2: GpuKernel<'ConcatV2'> = {
  hostInputs: (count) => [count - 1],
  run(a) {
    const n = a.inputs.length - 1;
    const axisT = a.host(n);
    if (axisT.shape.length !== 0) throw new InvalidArgumentError(`axis tensor should be a scalar integer, but got shape ${shapeStr(axisT.shape)}`, a.name);
    const values = a.inputs.slice(0, n);
    const { axis, shape } = concatLayout(a.name, values, axisT.data[0]!);
    const out = a.output(0, shape);
    if (out.size === 0) return;
    const outer = prodOf(shape, 0, axis);
    const row = prodOf(shape, axis);
    let off = 0;
    for (const v of values) {
      const inner = prodOf(v.shape, axis);
      copyRows(a, v, out, { outer, inner, srcRow: inner, srcOff: 0, dstRow: row, dstOff: off });
      off += inner;
    }
  },
};

/** Pack: one row copy per input, into its place along the new axis. */
const pack: GpuKernel<'Pack'> = {
  run(a) {
    const s0 = a.inputs[0]!.shape;
    const r = s0.length + 1;
    const axis = a.attrs.axis < 0 ? a.attrs.axis + r : a.attrs.axis;
    if (!(axis >= 0 && axis < r)) throw new InvalidArgumentError(`axis = ${a.attrs.axis} not in [${-r}, ${r})`, a.name);
    a.inputs.forEach((t, i) => {
      if (!sameShape(t.shape, s0)) {
        throw new InvalidArgumentError(
          `Shapes of all inputs must match: values[0].shape = ${shapeStr(s0)} != values[${i}].shape = ${shapeStr(t.shape)}`,
          a.name,
        );
      }
    });
    const shape = [...s0];
    shape.splice(axis, 0, a.inputs.length);
    const out = a.output(0, shape);
    const outer = prodOf(s0, 0, axis);
    const inner = prodOf(s0, axis);
    const N = a.inputs.length;
    a.inputs.forEach((t, i) => copyRows(a, t, out, { outer, inner, srcRow: inner, srcOff: 0, dstRow: N * inner, dstOff: i * inner }));
  },
};

/** Unpack: one row copy per output, from its place along the axis. */
const unpack: GpuKernel<'Unpack'> = {
  run(a) {
    const x = a.inputs[0]!;
    const r = x.shape.length;
    const axis = a.attrs.axis < 0 ? a.attrs.axis + r : a.attrs.axis;
    if (!(axis >= 0 && axis < r)) throw new InvalidArgumentError(`axis = ${a.attrs.axis} not in [${-r}, ${r})`, a.name);
    const num = a.attrs.num;
    if (x.shape[axis] !== num) throw new InvalidArgumentError(`Input shape axis ${axis} must equal ${num}, got shape ${shapeStr(x.shape)}`, a.name);
    const shape = x.shape.filter((_, i) => i !== axis);
    const outer = prodOf(x.shape, 0, axis);
    const inner = prodOf(x.shape, axis + 1);
    for (let i = 0; i < num; i++) copyRows(a, x, a.output(i, shape), { outer, inner, srcRow: num * inner, srcOff: i * inner, dstRow: inner, dstOff: 0 });
  },
};

/** A box copy into a new output of `shape`: input coordinates are output ones minus `shift`, else the fill `c`. */
function box(a: GpuKernelArgs<'Slice' | 'Pad' | 'PadV2'>, x: GpuTensor, c: GpuTensor, shape: readonly number[], shift: readonly number[]): void {
  const out = a.output(0, shape);
  if (out.size === 0) return;
  a.dispatch({
    program: boxProgram(out.dtype, shape.length),
    inputs: [x, c],
    outputs: [out],
    uniforms: [out.size, ...shape, ...x.shape, ...stridesOf(x.shape), ...shift],
    workgroups: flatGrid(out.size, a.limits),
  });
}

/** Slice: begin and size on the host; each output element reads its input element. */
const slice: GpuKernel<'Slice'> = {
  hostInputs: () => [1, 2],
  run(a) {
    const x = a.inputs[0]!;
    const { begin, size } = sliceLayout(a.name, x.shape, a.host(1), a.host(2));
    box(
      a,
      x,
      x,
      size,
      begin.map((b) => -b),
    );
  },
};

/** Pad and PadV2: the paddings on the host; the fill is 0 (uploaded) or PadV2's constant_values. */
function padGpu<K extends 'Pad' | 'PadV2'>(): GpuKernel<K> {
  return {
    hostInputs: () => [1],
    run(a) {
      const x = a.inputs[0]!;
      const fill = a.inputs[2] ?? null;
      const pads = padLayout(a.name, x.shape, a.host(1), fill ? new NDArray(new Float64Array(fill.size), fill.shape, 'float64') : null);
      const shape = x.shape.map((d, i) => d + pads[i]![0] + pads[i]![1]);
      box(
        a as GpuKernelArgs<'Pad'>,
        x,
        fill ?? a.upload(NDArray.zeros([], x.dtype)),
        shape,
        pads.map(([b]) => b),
      );
    },
  };
}

/** WebGPU kernels of the structural array ops, keyed by op type; ConcatOffset and ShapeN are shape metadata, on the host. */
export const ARRAY_STRUCTURE_GPU: {
  ConcatV2: GpuKernel<'ConcatV2'>;
  ConcatOffset: GpuKernel<'ConcatOffset'>;
  Pack: GpuKernel<'Pack'>;
  Unpack: GpuKernel<'Unpack'>;
  ShapeN: GpuKernel<'ShapeN'>;
  Slice: GpuKernel<'Slice'>;
  Pad: GpuKernel<'Pad'>;
  PadV2: GpuKernel<'PadV2'>;
} = {
  ConcatV2: concatV2,
  ConcatOffset: {
    hostInputs: (count) => Array.from({ length: count }, (_, i) => i),
    run({ name, inputs, attrs, host, hostOutput }) {
      const ins = inputs.map((_, i) => host(i));
      runOnHost(
        'ConcatOffset',
        name,
        ins,
        attrs,
        ins.slice(1).map(() => 'int32'),
      ).forEach((v, i) => hostOutput(i, v));
    },
  },
  Pack: pack,
  Unpack: unpack,
  ShapeN: {
    run({ inputs, attrs, hostOutput }) {
      inputs.forEach((t, i) =>
        hostOutput(i, new NDArray(attrs.out_type === 'int32' ? Int32Array.from(t.shape) : Float64Array.from(t.shape), [t.shape.length], attrs.out_type)),
      );
    },
  },
  Slice: slice,
  Pad: padGpu<'Pad'>(),
  PadV2: padGpu<'PadV2'>(),
};
