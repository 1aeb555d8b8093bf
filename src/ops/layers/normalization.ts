// tf.layers.BatchNormalization and tf.layers.batch_normalization (python/layers/normalization.py over
// keras/layers/normalization.py, r1.12), the non-fused graph: nn.moments over the other axes while training, the
// moving statistics otherwise, nn.batch_normalization; while training, the moving averages' AssignSub updates
// (`AssignMovingAvg`, `AssignMovingAvg_1`) go to UPDATE_OPS. As TF1 r1.12, `fused` None or True runs the fused
// kernel (tf.nn.fused_batch_norm: NHWC for axis 3, NCHW for axis 1, which TF1's CPU kernels refuse) for 4-D inputs
// normalized on axis 1 or 3, the moving averages updated with its batch variance (Bessel-corrected). A bool Tensor
// `training` goes through TF1's smart_cond (a tf.cond where its value is unknown while building): non-fused, conds
// pick the statistics and each update is a cond between the AssignSub and the moving variable; fused, a cond picks
// the FusedBatchNorm, and the updates, outside it, take the cond'ed momentum (1.0 when not training: no change).
// renorm, virtual_batch_size and adjustment are refused.
import { parseArgs, signed, tf1, type Call } from '../../framework/args.js';
import type { DType } from '../../framework/dtypes.js';
import { ValueError } from '../../framework/errors.js';
import type { TensorShape } from '../../framework/shape.js';
import type { Tensor } from '../../graph/tensor.js';
import { reshape } from '../array_ops.js';
import { toTensor, type TensorLike } from '../convert.js';
import { ones_initializer, zeros_initializer } from '../init_ops.js';
import { cast } from '../math_ops.js';
import { binary, truediv } from '../operators.js';
import { moments } from '../nn_moments.js';
import { batch_normalization as nnBatchNormalization } from '../nn_norm.js';
import { fused_batch_norm } from '../nn_fused_bn.js';
import { constant, size } from '../array_ops.js';
import { assign_sub, type RefVariable } from '../variables.js';
import { type CallKwargs, type InitializerLike, Layer, type TensorFn, asTensorShape } from './base.js';
import { construct, refuseConstraints, smartCond, trainingValue as trainingValueOf } from './kinds.js';
import { pyStr } from './utils.js';
import { BN, BN_FN } from './normalization_params.js';

/**
 * `tf.layers.BatchNormalization(axis, momentum, epsilon, center, scale, beta_initializer, gamma_initializer,
 * moving_mean_initializer, moving_variance_initializer, beta_regularizer, gamma_regularizer, beta_constraint,
 * gamma_constraint, renorm, renorm_clipping, renorm_momentum, fused, trainable, virtual_batch_size, adjustment, name)`.
 */
export class BatchNormalization extends Layer {
  axis: number[];
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  readonly beta_initializer: InitializerLike;
  readonly gamma_initializer: InitializerLike;
  readonly moving_mean_initializer: InitializerLike;
  readonly moving_variance_initializer: InitializerLike;
  readonly beta_regularizer: TensorFn | null;
  readonly gamma_regularizer: TensorFn | null;
  /** TF1's `fused`: as given until build, then whether the layer runs FusedBatchNorm. */
  fused: boolean | null;
  /** The fused kernel's data_format (axis 1: NCHW, axis 3: NHWC). */
  private dataFormat: 'NHWC' | 'NCHW' = 'NHWC';
  /** The fused kernel's scale and offset without gamma or beta (TF1's `_gamma_const`, `_beta_const`). */
  private gammaConst: Tensor | null = null;
  private betaConst: Tensor | null = null;
  /** TF1's `_bessels_correction_test_only`: false makes the fused path update the moving variance without Bessel's correction. */
  _bessels_correction_test_only = true;
  readonly renorm = false;
  /** The scale variable (null with scale=false). */
  gamma: RefVariable | null = null;
  /** The offset variable (null with center=false). */
  beta: RefVariable | null = null;
  /** The moving mean (not trainable). */
  moving_mean: RefVariable | null = null;
  /** The moving variance (not trainable). */
  moving_variance: RefVariable | null = null;

  constructor(...args: Call<typeof BN>) {
    const a = parseArgs('BatchNormalization', BN, args);
    refuseConstraints(a);
    if (a.renorm) throw new ValueError('Batch renormalization (renorm=True) is not supported by tf1-ts.');
    if (a.virtual_batch_size != null) throw new ValueError('Ghost batch normalization (virtual_batch_size) is not supported by tf1-ts.');
    if (a.adjustment != null) throw new ValueError('adjustment is not supported by tf1-ts.');
    super({ trainable: a.trainable, name: a.name });
    const axis = a.axis ?? -1;
    this.axis = typeof axis === 'number' ? [axis] : [...axis];
    this.momentum = a.momentum ?? 0.99;
    this.epsilon = a.epsilon ?? 1e-3;
    this.center = a.center ?? true;
    this.scale = a.scale ?? true;
    this.beta_initializer = a.beta_initializer ?? zeros_initializer();
    this.gamma_initializer = a.gamma_initializer ?? ones_initializer();
    this.moving_mean_initializer = a.moving_mean_initializer ?? zeros_initializer();
    this.moving_variance_initializer = a.moving_variance_initializer ?? ones_initializer();
    this.beta_regularizer = a.beta_regularizer ?? null;
    this.gamma_regularizer = a.gamma_regularizer ?? null;
    // TF1's keras BatchNormalization: None is True, narrowed in build.
    this.fused = a.fused ?? true;
  }

  override build(shape: unknown): void {
    const input_shape = asTensorShape(shape);
    if (!input_shape.ndims) throw new ValueError(`('Input has undefined rank:', TensorShape(${input_shape.dims === null ? 'None' : '[]'}))`);
    const ndims = input_shape.ndims;
    this.axis = this.axis.map((x) => (x < 0 ? ndims + x : x));
    for (const x of this.axis) if (x < 0 || x >= ndims) throw new ValueError(`Invalid axis: ${x}`);
    if (new Set(this.axis).size !== this.axis.length) throw new ValueError(`Duplicate axis: ${pyStr(this.axis)}`);
    const axisToDim: Record<number, number> = {};
    for (const x of this.axis) {
      const d = input_shape.dims![x] ?? null;
      if (d === null) throw new ValueError(`('Input has undefined \`axis\` dimension. Input shape: ', TensorShape(${pyStr(input_shape.as_list())}))`);
      axisToDim[x] = d;
    }
    // TF1: fused only for a 4-D input normalized on axis 1 (NCHW) or 3 (NHWC).
    if (this.fused) this.fused = ndims === 4 && this.axis.length === 1 && (this.axis[0] === 1 || this.axis[0] === 3);
    if (this.fused) this.dataFormat = this.axis[0] === 1 ? 'NCHW' : 'NHWC';
    this.input_spec = { ndim: ndims, axes: axisToDim };
    const paramShape = this.axis.length === 1 ? [axisToDim[this.axis[0]!]!] : Array.from({ length: ndims }, (_, i) => axisToDim[i] ?? 1);
    const dtype: DType = this.dtype ?? 'float32';
    if (this.scale) {
      this.gamma = this.add_weight('gamma', paramShape, { dtype, initializer: this.gamma_initializer, regularizer: this.gamma_regularizer, trainable: true });
    } else if (this.fused) {
      this.gammaConst = constant(1.0, { dtype, shape: paramShape });
    }
    if (this.center) {
      this.beta = this.add_weight('beta', paramShape, { dtype, initializer: this.beta_initializer, regularizer: this.beta_regularizer, trainable: true });
    } else if (this.fused) {
      this.betaConst = constant(0.0, { dtype, shape: paramShape });
    }
    this.moving_mean = this.add_weight('moving_mean', paramShape, { dtype, initializer: this.moving_mean_initializer, trainable: false });
    this.moving_variance = this.add_weight('moving_variance', paramShape, { dtype, initializer: this.moving_variance_initializer, trainable: false });
    this.built = true;
  }

  /**
   * TF1's `_assign_moving_average(variable, value, momentum)`: `variable -= (variable - value) * (1 - momentum)`; the
   * fused path's momentum is a tensor, so its decay is a `sub` node.
   */
  private assignMovingAverage(variable: RefVariable, value: Tensor, momentum?: Tensor): Tensor {
    const graph = value.graph;
    return graph.name_scope('AssignMovingAvg', (scope) => {
      const decay = momentum ? binary('Sub', 'sub', 1.0, momentum) : toTensor(1.0 - this.momentum, { dtype: variable.dtype, name: 'decay', graph });
      const delta = binary('Mul', 'mul', binary('Sub', 'sub', variable, value), decay);
      return assign_sub(variable, delta, { name: scope });
    });
  }

  /**
   * TF1's `_fused_batch_norm`: smart_cond between the batch's statistics (training) and the moving ones; unless
   * training is false, the updates, with momentum smart_cond(training, momentum, 1.0) where training is a Tensor.
   */
  private fusedCall(inputs: Tensor, training: boolean | Tensor | null | undefined): Tensor {
    const gamma = this.gamma ?? this.gammaConst!;
    const beta = this.beta ?? this.betaConst!;
    const common = { epsilon: this.epsilon, data_format: this.dataFormat };
    const [output, mean, batchVariance] = smartCond(
      training,
      () => fused_batch_norm(inputs, gamma, beta, common),
      () => fused_batch_norm(inputs, gamma, beta, { ...common, mean: this.moving_mean, variance: this.moving_variance, is_training: false }),
    ) as Tensor[];
    let variance = batchVariance!;
    if (!this._bessels_correction_test_only) {
      // Without Bessel's correction, as the non-fused batch norm: variance · (n − 1)/n.
      const sampleSize = cast(truediv(size(inputs), size(variance)), variance.dtype);
      const factor = binary('RealDiv', 'truediv', binary('Sub', 'sub', sampleSize, cast(1.0, variance.dtype)), sampleSize);
      variance = binary('Mul', 'mul', variance, factor);
    }
    const trainingValue = trainingValueOf(training);
    const graph = inputs.graph;
    const momentum =
      trainingValue === null
        ? (smartCond(
            training,
            () => toTensor(this.momentum, { dtype: 'float32', graph }),
            () => toTensor(1.0, { dtype: 'float32', graph }),
          ) as Tensor)
        : toTensor(this.momentum, { dtype: 'float32', graph });
    if (trainingValue !== false) {
      const meanUpdate = this.assignMovingAverage(this.moving_mean!, mean!, momentum);
      const varianceUpdate = this.assignMovingAverage(this.moving_variance!, variance, momentum);
      this.add_update([meanUpdate, varianceUpdate]);
    }
    return output!;
  }

  override call(inputs: Tensor, kwargs: CallKwargs): Tensor {
    const training = kwargs.training as boolean | Tensor | null | undefined;
    if (this.fused) return this.fusedCall(inputs, training);
    const inputShape = inputs.shape;
    const ndims = inputShape.ndims!;
    const reductionAxes = Array.from({ length: ndims }, (_, i) => i).filter((i) => !this.axis.includes(i));
    const broadcastShape = Array<number>(ndims).fill(1);
    broadcastShape[this.axis[0]!] = inputShape.dims![this.axis[0]!]!;
    const lastOnly = reductionAxes.length === ndims - 1 && reductionAxes.every((a, i) => a === i);
    const broadcast = (v: Tensor | RefVariable | null): TensorLike | null =>
      v !== null && v.shape.ndims !== ndims && !lastOnly ? reshape(v, broadcastShape) : v;
    const scale = broadcast(this.gamma);
    const offset = broadcast(this.beta);
    let mean: Tensor | RefVariable;
    let variance: Tensor | RefVariable;
    if (trainingValueOf(training) !== false) {
      // TF1: the moments are built even where training is a Tensor that may be false; smart_cond picks them.
      const [batchMean, batchVariance] = moments(inputs, reductionAxes, { keep_dims: this.axis.length > 1 });
      const movingMean = this.moving_mean!;
      const movingVariance = this.moving_variance!;
      mean = smartCond<Tensor | RefVariable>(
        training,
        () => batchMean,
        () => movingMean,
      );
      variance = smartCond<Tensor | RefVariable>(
        training,
        () => batchVariance,
        () => movingVariance,
      );
      const [newMean, newVariance] = [mean as Tensor, variance as Tensor];
      const meanUpdate = smartCond<Tensor | RefVariable>(
        training,
        () => this.assignMovingAverage(movingMean, newMean),
        () => movingMean,
      );
      const varianceUpdate = smartCond<Tensor | RefVariable>(
        training,
        () => this.assignMovingAverage(movingVariance, newVariance),
        () => movingVariance,
      );
      this.add_update([meanUpdate as Tensor, varianceUpdate as Tensor]);
    } else {
      [mean, variance] = [this.moving_mean!, this.moving_variance!];
    }
    const castTo = (v: Tensor | RefVariable): Tensor | RefVariable => (v.dtype === inputs.dtype ? v : cast(v, inputs.dtype));
    const outputs = nnBatchNormalization(
      inputs,
      broadcast(castTo(mean))!,
      broadcast(castTo(variance))!,
      offset === null ? null : (castTo(offset as Tensor) as TensorLike),
      scale,
      this.epsilon,
    );
    outputs.set_shape(inputShape);
    return outputs;
  }

  override compute_output_shape(input_shape: unknown): TensorShape {
    return input_shape as TensorShape;
  }
}
signed(BatchNormalization, 'layers.BatchNormalization', BN);

/**
 * `tf.layers.batch_normalization(inputs, axis, momentum, epsilon, center, scale, beta_initializer, gamma_initializer,
 * moving_mean_initializer, moving_variance_initializer, beta_regularizer, gamma_regularizer, beta_constraint,
 * gamma_constraint, training, trainable, name, reuse, renorm, renorm_clipping, renorm_momentum, fused,
 * virtual_batch_size, adjustment)`: a BatchNormalization layer applied with `training` (a boolean, or a bool Tensor:
 * TF1's smart_cond, a tf.cond). With training
 * true (or a Tensor), run the ops of tf.GraphKeys.UPDATE_OPS with the train op to update the moving statistics.
 */
export const batch_normalization = tf1('layers.batch_normalization', BN_FN, (a) => {
  const { inputs, training, reuse: _reuse, ...rest } = a;
  const dtype = (inputs as { dtype?: DType }).dtype ?? null;
  const layer = construct({ _scope: a.name ?? null, _reuse: a.reuse ?? null, dtype }, () => new BatchNormalization(rest as never));
  return layer.apply(inputs as TensorLike, { training: training ?? false });
});
