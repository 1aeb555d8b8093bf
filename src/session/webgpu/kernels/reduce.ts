import { InvalidArgumentError } from '../../../framework/errors.js';
import { prodOf, readAxes, shapeStr } from '../../kernels/util.js';
import type { GpuKernel, GpuKernelArgs, GpuTensor } from '../kernel.js';
import { castProgram } from '../programs/elementwise.js';
import { reduceLayout, type ReduceLayout } from '../programs/layout.js';
import { argMaxProgram, layoutUniforms, reduceProgram, useTree, type ReduceKind } from '../programs/reduce.js';
import { reduceSplitProgram, splitParts, useSplitReduce } from '../programs/reduce_split.js';
import { flatGrid, grid } from '../programs/wgsl.js';

type ReduceOp = 'Sum' | 'Mean' | 'Prod' | 'Max' | 'Min' | 'Any' | 'All';
type Dim = ReduceLayout['kept'][number];

function reduction<K extends ReduceOp>(kind: ReduceKind): GpuKernel<K> {
  return {
    hostInputs: () => [1],
    run(args) {
      const { name, inputs, attrs, host, output, dispatch, limits, tuning } = args;
      const x = inputs[0]!;
      const reduced = readAxes(host(1), x.shape.length, name);
      const outShape: number[] = [];
      x.shape.forEach((d, i) => {
        if (!reduced[i]) outShape.push(d);
        else if (attrs.keep_dims) outShape.push(1);
      });
      const out = output(0, outShape);
      if (out.size === 0) return;
      const { kept, reduced: red, count } = reduceLayout(x.shape, reduced);
      // Reducing one element is a copy, as in TF1 (its ReductionHelper drops the size-1 dims): -0 stays -0, where a
      // sum started from 0 gives +0.
      if (count === 1) {
        dispatch({ program: castProgram(x.dtype, x.dtype), inputs: [x], outputs: [out], uniforms: [out.size], workgroups: flatGrid(out.size, limits) });
        return;
      }
      if (tuning.splitReduce && useSplitReduce(out.size, count)) {
        splitReduction(kind, x, out, kept, red, count, args);
        return;
      }
      const tree = useTree(out.size, count);
      dispatch({
        program: reduceProgram(kind, x.dtype, kept.length, red.length, tree),
        inputs: [x],
        outputs: [out],
        uniforms: [out.size, count, ...layoutUniforms(kept, red)],
        workgroups: tree ? grid(out.size, limits) : flatGrid(out.size, limits),
      });
    },
  };
}

/**
 * A reduction of few outputs over many elements in two passes (programs/reduce_split.ts): each output's parts into a
 * scratch array of partials [outputs, parts], then each output's partials into it.
 */
function splitReduction(kind: ReduceKind, x: GpuTensor, out: GpuTensor, kept: Dim[], red: Dim[], count: number, args: GpuKernelArgs<ReduceOp>): void {
  const { dispatch, limits, scratch } = args;
  const n = out.size;
  const parts = splitParts(count);
  const partials = scratch([n, parts], x.dtype);
  dispatch({
    program: reduceSplitProgram(kind, x.dtype, kept.length, red.length, false),
    inputs: [x],
    outputs: [partials],
    uniforms: [n, count, Math.ceil(count / parts), parts, count, ...layoutUniforms(kept, red)],
    workgroups: grid(n * parts, limits),
  });
  const pk = n > 1 ? [{ size: n, stride: parts }] : [];
  const pr = [{ size: parts, stride: 1 }];
  dispatch({
    program: reduceSplitProgram(kind, x.dtype, pk.length, 1, true),
    inputs: [partials],
    outputs: [out],
    uniforms: [n, parts, parts, 1, count, ...layoutUniforms(pk, pr)],
    workgroups: grid(n, limits),
  });
}

/** ArgMax (or ArgMin, `min`) over one axis (TF1 drops that axis); the first index wins ties. */
const argExtreme = <K extends 'ArgMax' | 'ArgMin'>(min: boolean): GpuKernel<K> => ({
  hostInputs: () => [1],
  run({ name, inputs, host, output, dispatch, limits }) {
    const x = inputs[0]!;
    const rank = x.shape.length;
    const a = host(1).data[0]!;
    if (a < -rank || a >= rank) {
      throw new InvalidArgumentError(`Expected dimension in the range [${-rank}, ${rank}), but got ${a}`, name);
    }
    const axis = a < 0 ? a + rank : a;
    const R = x.shape[axis]!;
    const out = output(
      0,
      x.shape.filter((_, i) => i !== axis),
    );
    if (out.size === 0) return;
    if (R === 0) throw new InvalidArgumentError(`Reduction axis ${axis} is empty in shape ${shapeStr(x.shape)}`, name);
    const tree = useTree(out.size, R);
    dispatch({
      program: argMaxProgram(x.dtype, out.dtype, tree, min),
      inputs: [x],
      outputs: [out],
      uniforms: [out.size, R, prodOf(x.shape, axis + 1)],
      workgroups: tree ? grid(out.size, limits) : flatGrid(out.size, limits),
    });
  },
});

/** WebGPU kernels of the reductions, keyed by op type. */
export const REDUCE_GPU: {
  Sum: GpuKernel<'Sum'>;
  Mean: GpuKernel<'Mean'>;
  Max: GpuKernel<'Max'>;
  Prod: GpuKernel<'Prod'>;
  ArgMax: GpuKernel<'ArgMax'>;
  Min: GpuKernel<'Min'>;
  Any: GpuKernel<'Any'>;
  All: GpuKernel<'All'>;
  ArgMin: GpuKernel<'ArgMin'>;
} = {
  Sum: reduction('sum'),
  Mean: reduction('mean'),
  Max: reduction('max'),
  Prod: reduction('prod'),
  ArgMax: argExtreme(false),
  Min: reduction('min'),
  Any: reduction('any'),
  All: reduction('all'),
  ArgMin: argExtreme(true),
};
