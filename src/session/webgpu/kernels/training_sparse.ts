import { NDArray } from '../../../framework/ndarray.js';
import type { OpAttrs } from '../../../framework/op_defs.js';
import { SPARSE_APPLY_REFS, TRAINING_SPARSE_OPS, type SparseApplyType, type TrainingSparseAttrs } from '../../../framework/ops/training_sparse.js';
import { mapKernels } from '../../kernel.js';
import { checkSparseApply, gradIndex, scalarInputs, sparseRows } from '../../kernels/training_sparse_checks.js';
import { prodOf } from '../../kernels/util.js';
import type { GpuKernel } from '../kernel.js';
import { APPLY_BODIES, APPLY_REFS } from '../programs/training.js';
import { sparseApplyProgram } from '../programs/training_sparse.js';
import { flatGrid } from '../programs/wgsl.js';
import { ADADELTA, PROXIMAL_ADAGRAD, PROXIMAL_GD, ftrlBody } from './training_more.js';

// The SparseApply* ops write the variable (inputs[0]) and its slots in place; the executor aliases output 0 to the
// variable's storage. The indices and the scalar inputs are read on the host, where TF1's kernel checks run (shapes,
// hyperparameters' values, every index) before anything is written; the GPU gets the checked rows and the scalars.
// Each op runs its dense twin's element update (where TF1's CPU kernel words an expression differently, as Adagrad's
// lr·grad·rsqrt(accum), the results agree to float32 rounding).

/** The WGSL element update of each op, given its attributes and scalar inputs (Ftrl branches on lr_power). */
const BODIES: { readonly [K in SparseApplyType]: (attrs: OpAttrs[K], s: readonly number[]) => string } = {
  SparseApplyMomentum: (a) => APPLY_BODIES.ApplyMomentum(a),
  SparseApplyAdagrad: (a) => APPLY_BODIES.ApplyAdagrad(a),
  SparseApplyProximalAdagrad: () => PROXIMAL_ADAGRAD,
  SparseApplyProximalGradientDescent: () => PROXIMAL_GD,
  SparseApplyRMSProp: () => APPLY_BODIES.ApplyRMSProp({ use_locking: false }),
  SparseApplyCenteredRMSProp: () => APPLY_BODIES.ApplyCenteredRMSProp({ use_locking: false }),
  SparseApplyFtrl: (_, s) => ftrlBody(false, s[s.length - 1] === -0.5),
  SparseApplyFtrlV2: (_, s) => ftrlBody(true, s[s.length - 1] === -0.5),
  SparseApplyAdadelta: () => ADADELTA,
};

/** The names the bodies give each op's ref inputs, in order. */
const REFS: { readonly [K in SparseApplyType]: readonly string[] } = {
  SparseApplyMomentum: APPLY_REFS.ApplyMomentum,
  SparseApplyAdagrad: APPLY_REFS.ApplyAdagrad,
  SparseApplyProximalAdagrad: ['w', 'accum'],
  SparseApplyProximalGradientDescent: ['w'],
  SparseApplyRMSProp: APPLY_REFS.ApplyRMSProp,
  SparseApplyCenteredRMSProp: APPLY_REFS.ApplyCenteredRMSProp,
  SparseApplyFtrl: ['w', 'accum', 'linear'],
  SparseApplyFtrlV2: ['w', 'accum', 'linear'],
  SparseApplyAdadelta: ['w', 'accum', 'accum_update'],
};

function kernel<K extends SparseApplyType>(type: K): GpuKernel<K> {
  const scalars = scalarInputs(type);
  const g = gradIndex(type);
  return {
    hostInputs: () => [...scalars, g + 1],
    run({ name, attrs, inputs, host, upload, dispatch, limits }) {
      checkSparseApply(
        type,
        name,
        inputs.map((t) => t.shape),
        (i) => host(i).data[0]!,
      );
      const w = inputs[0]!;
      const rows = sparseRows(name, host(g + 1).data, w.shape[0]!);
      const inner = prodOf(w.shape, 1);
      if (rows.length === 0 || inner === 0) return;
      const s = scalars.map((i) => host(i).data[0]!);
      // the optimizers hand over deduplicated indices: then every (row, column) is a thread of its own
      const unique = new Set(rows).size === rows.length;
      dispatch({
        program: sparseApplyProgram(type, REFS[type], BODIES[type](attrs, s), w.dtype, unique),
        inputs: [upload(new NDArray(Float32Array.from(s), [s.length], w.dtype)), upload(new NDArray(rows, [rows.length], 'int32')), inputs[g]!],
        outputs: inputs.slice(0, SPARSE_APPLY_REFS[type]),
        uniforms: [rows.length, inner],
        workgroups: flatGrid(unique ? rows.length * inner : inner, limits),
      });
    },
  };
}

/** WebGPU kernels of the sparse update ops, keyed by op type. */
export const TRAINING_SPARSE_GPU = mapKernels(TRAINING_SPARSE_OPS, (type) => kernel(type)) as { [K in keyof TrainingSparseAttrs]: GpuKernel<K> };
