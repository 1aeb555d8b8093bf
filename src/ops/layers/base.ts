// TF1's tf.layers.Layer (python/layers/base.py over keras/engine/base_layer.py, r1.12) in graph mode: a layer
// names itself uniquely per graph (`dense_1`, `dense_2`: Keras's one-based uid), captures a variable scope the
// first time it is used (`dense`, `dense_1`: the variable scope's own unique names) and makes its variables
// there with get_variable (`dense/kernel`); its ops go under the scope's name scope (`dense/MatMul`), and a
// later call reuses the variables and adds ops again (`dense/MatMul_1`).
import { signed } from '../../framework/args.js';
import { RuntimeError } from '../../framework/errors.js';
import type { TensorShape } from '../../framework/shape.js';
import type { Tensor } from '../../graph/tensor.js';
import type { TensorLike } from '../convert.js';
import { BaseLayer, LAYER } from './base_layer.js';

export { asTensorShape } from './utils.js';
export { BaseLayer, type InitializerLike, type LayerOptions, type TensorFn } from './base_layer.js';

/** The keyword arguments of a call (`training` for Dropout and BatchNormalization: a boolean, or a bool Tensor for Dropout). */
export type CallKwargs = { training?: boolean | Tensor | null };

/** TF1's `tf.layers.Layer`: the base of Dense, Conv2D, MaxPooling2D, Flatten, Dropout and BatchNormalization. */
export class Layer extends BaseLayer {
  /**
   * `x instanceof tf.layers.Layer` holds for every layer built on the shared base, the RNN cells included (TF1's
   * RNNCell is a tf.layers Layer; here its `call` takes a state too, so it extends the base, not this class).
   * Subclasses (Dense, ...) keep the ordinary test.
   */
  static override [Symbol.hasInstance](v: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof (Layer or a subclass)
    return this === Layer ? v instanceof BaseLayer : Function.prototype[Symbol.hasInstance].call(this, v);
  }
  /** The layer's computation on a converted input (the subclass's; the base layer's is the identity, as Keras's). */
  call(inputs: Tensor, _kwargs: CallKwargs): Tensor {
    return inputs;
  }
  /** The output shape for an input shape (the subclass's). */
  compute_output_shape(_input_shape: unknown): TensorShape {
    throw new RuntimeError(`NotImplementedError: ${this.constructor.name}.compute_output_shape`);
  }

  /**
   * TF1's `layer.apply(inputs, **kwargs)` (`layer(inputs)` in Python): builds the layer on its first call, then
   * adds its ops; its update ops go to UPDATE_OPS.
   */
  apply(inputs: TensorLike, kwargs: CallKwargs = {}): Tensor {
    return this._call_in_scopes(inputs, null, (x, graph) => {
      const output = this.call(x, kwargs);
      const regularizer = this.activity_regularizer;
      if (regularizer) {
        const loss = graph.name_scope('ActivityRegularizer', () => regularizer(output));
        if (loss) this.add_loss(loss);
      }
      return output;
    });
  }

  /** Python's `layer(inputs, **kwargs)`: the same as apply. */
  __call__(inputs: TensorLike, kwargs: CallKwargs = {}): Tensor {
    return this.apply(inputs, kwargs);
  }
}

signed(Layer, 'layers.Layer', LAYER);
