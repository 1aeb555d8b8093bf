// TF1's tensorflow/python/layers/base_test.py (r1.12), BaseLayerTest ported: one `it` per TF1 test method, graph mode.
// Python's `layer._scope.name` is `layer.scope_name` here. Methods that need eager execution, tf.function, deepcopy,
// partitioned variables, variable synchronization, dict inputs or get_updates_for/get_losses_for are in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, thrown } from './helpers.js';

/** TF1's `class MyLayer(base_layers.Layer): def call(self, inputs): return math_ops.square(inputs)`. */
class MyLayer extends tf.layers.Layer {
  override call(inputs: tf.Tensor): tf.Tensor {
    return tf.square(inputs);
  }
}

/** TF1's `class PrivateLayer(base_layers.Layer): def call(self, inputs): return inputs`. */
class PrivateLayer extends tf.layers.Layer {}

/** A layer whose input_spec is `spec` (TF1's CustomerLayer). */
function customerLayer(spec: ConstructorParameters<typeof tf.layers.InputSpec>[0]): tf.layers.Layer {
  class CustomerLayer extends tf.layers.Layer {
    constructor() {
      super();
      this.input_spec = spec === null ? null : new tf.layers.InputSpec(spec);
    }
  }
  return new CustomerLayer();
}

function raisesValueError(fn: () => unknown, pattern: RegExp): void {
  const e = thrown(fn);
  expect(e).toBeInstanceOf(tf.errors.ValueError);
  expect(e.message).toMatch(pattern);
}

describe('base_test.BaseLayerTest', () => {
  it('testLayerProperties', () =>
    inGraph(() => {
      let layer = new tf.layers.Layer({ name: 'my_layer' });
      expect(layer.variables).toEqual([]);
      expect(layer.trainable_variables).toEqual([]);
      expect(layer.non_trainable_variables).toEqual([]);
      expect(layer.updates).toEqual([]);
      expect(layer.losses).toEqual([]);
      expect(layer.built).toBe(false);
      layer = new tf.layers.Layer({ name: 'my_layer', trainable: false });
      expect(layer.trainable).toBe(false);
    }));

  it('testInt64Layer', () =>
    inGraph(() => {
      const layer = new tf.layers.Layer({ name: 'my_layer', dtype: 'int64' });
      const v = layer.add_variable('my_var', [2, 2]);
      expect(layer.name).toBe('my_layer');
      expect(v.dtype).toBe('int64');
    }));

  it('testAddWeight', () =>
    inGraph((g) => {
      const layer = new tf.layers.Layer({ name: 'my_layer' });
      // Test basic variable creation.
      const variable = layer.add_variable('my_var', [2, 2], { initializer: tf.zeros_initializer() });
      expect(variable.name).toBe('my_layer/my_var:0');
      expect(layer.variables).toEqual([variable]);
      expect(layer.trainable_variables).toEqual([variable]);
      expect(layer.non_trainable_variables).toEqual([]);
      expect(layer.variables).toEqual(g.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES));
      // Test non-trainable variable creation; add_variable works outside build and call.
      const variable2 = layer.add_variable('non_trainable_var', [2, 2], { initializer: tf.zeros_initializer(), trainable: false });
      expect(layer.variables).toEqual([variable, variable2]);
      expect(layer.trainable_variables).toEqual([variable]);
      expect(layer.non_trainable_variables).toEqual([variable2]);
      expect(g.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES)).toHaveLength(1);
      const regularizer = (x: tf.Tensor): tf.Tensor => tf.multiply(tf.reduce_sum(x), 1e-3);
      layer.add_variable('reg_var', [2, 2], { initializer: tf.zeros_initializer(), regularizer });
      expect(layer.losses).toHaveLength(1);
      expect(layer.losses[0]!.name).toBe('my_layer/reg_var/Regularizer/Mul:0');
    }));

  it('testCall', () =>
    inGraph(() => {
      const layer = new MyLayer({ name: 'my_layer' });
      const outputs = layer.apply(tf.random_uniform([5], { seed: 1 }));
      expect(layer.built).toBe(true);
      expect(outputs.op.name).toBe('my_layer/Square');
    }));

  it('testScopeNaming', () =>
    inGraph(() => {
      const inputs = tf.random_uniform([5]);
      const scopeOf = (layer: tf.layers.Layer): string => {
        layer.apply(inputs);
        return layer.scope_name;
      };
      expect(scopeOf(new PrivateLayer())).toBe('private_layer');
      expect(scopeOf(new PrivateLayer())).toBe('private_layer_1');
      expect(scopeOf(new PrivateLayer({ name: 'my_layer' }))).toBe('my_layer');
      expect(scopeOf(new PrivateLayer({ name: 'my_layer' }))).toBe('my_layer_1');
      expect(scopeOf(new PrivateLayer({ name: 'my_layer' }))).toBe('my_layer_2');
      // Name scope shouldn't affect names.
      tf.name_scope('some_name_scope', () => {
        expect(scopeOf(new PrivateLayer())).toBe('private_layer_2');
        expect(scopeOf(new PrivateLayer({ name: 'my_layer' }))).toBe('my_layer_3');
        expect(scopeOf(new PrivateLayer({ name: 'other_layer' }))).toBe('other_layer');
      });
      // Variable scope gets added to scope names.
      tf.variable_scope('var_scope', () => {
        expect(scopeOf(new PrivateLayer())).toBe('var_scope/private_layer');
        expect(scopeOf(new PrivateLayer({ name: 'my_layer' }))).toBe('var_scope/my_layer');
        expect(scopeOf(new PrivateLayer({ name: 'my_layer' }))).toBe('var_scope/my_layer_1');
      });
      // Before its first call a layer has no scope.
      expect(thrown(() => new PrivateLayer({ name: 'unused' }).scope_name).message).toMatch(/has not been used yet/);
    }));

  it('testInputSpecNdimCheck', () =>
    inGraph(() => {
      raisesValueError(() => customerLayer({ ndim: 2 }).apply(tf.placeholder('int32')), /requires a defined rank/);
      raisesValueError(() => customerLayer({ ndim: 2 }).apply(tf.constant([1])), /expected ndim=2/);
      customerLayer({ ndim: 2 }).apply(tf.constant([[1], [2]]));
    }));

  it('testInputSpecMinNdimCheck', () =>
    inGraph(() => {
      raisesValueError(() => customerLayer({ min_ndim: 2 }).apply(tf.placeholder('int32')), /requires a defined rank/);
      raisesValueError(() => customerLayer({ min_ndim: 2 }).apply(tf.constant([1])), /expected min_ndim=2/);
      customerLayer({ min_ndim: 2 }).apply(tf.constant([[1], [2]]));
      customerLayer({ min_ndim: 2 }).apply(tf.constant([[[1], [2]]]));
    }));

  it('testInputSpecMaxNdimCheck', () =>
    inGraph(() => {
      raisesValueError(() => customerLayer({ max_ndim: 2 }).apply(tf.placeholder('int32')), /requires a defined rank/);
      raisesValueError(() => customerLayer({ max_ndim: 2 }).apply(tf.constant([[[1], [2]]])), /expected max_ndim=2/);
      customerLayer({ max_ndim: 2 }).apply(tf.constant([1]));
      customerLayer({ max_ndim: 2 }).apply(tf.constant([[1], [2]]));
    }));

  it('testInputSpecDtypeCheck', () =>
    inGraph(() => {
      raisesValueError(() => customerLayer({ dtype: 'float32' }).apply(tf.constant(1, { dtype: tf.int32 })), /expected dtype=float32/);
      customerLayer({ dtype: 'float32' }).apply(tf.constant(1.0, { dtype: tf.float32 }));
    }));

  it('testInputSpecAxesCheck', () =>
    inGraph(() => {
      raisesValueError(() => customerLayer({ axes: { [-1]: 2 } }).apply(tf.constant([1, 2, 3])), /expected axis/);
      customerLayer({ axes: { [-1]: 2 } }).apply(tf.constant([1, 2]));
      customerLayer({ axes: { [-1]: 2 } }).apply(
        tf.constant([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
      );
    }));

  it('testInputSpecShapeCheck', () =>
    inGraph(() => {
      raisesValueError(() => customerLayer({ shape: [null, 3] }).apply(tf.constant([[1, 2]])), /expected shape/);
      customerLayer({ shape: [null, 3] }).apply(
        tf.constant([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      );
    }));

  it('testNoInputSpec', () =>
    inGraph(() => {
      const layer = customerLayer(null);
      layer.apply(tf.constant(1));
      layer.apply(tf.placeholder('int32'));
      layer.apply(tf.placeholder('int32', [2, 3]));
    }));

  it('test_count_params', () =>
    inGraph(() => {
      let dense = new tf.layers.Dense(16);
      dense.build([null, 4]);
      expect(dense.count_params()).toBe(16 * 4 + 16);
      dense = new tf.layers.Dense(16);
      expect(thrown(() => dense.count_params())).toBeInstanceOf(tf.errors.ValueError);
    }));

  it('testNameScopeIsConsistentWithVariableScope', () => {
    class NamedLayer extends tf.layers.Layer {
      my_var: tf.RefVariable | null = null;
      override build(): void {
        this.my_var = this.add_variable('my_var', [], tf.float32);
        this.built = true;
      }
      override call(inputs: tf.Tensor): tf.Tensor {
        return tf.multiply(inputs, this.my_var!, { name: 'my_op' });
      }
    }
    Object.defineProperty(NamedLayer, 'name', { value: 'MyLayer' });
    const gen = (x: tf.Tensor, name?: string): [NamedLayer, tf.Tensor] => {
      const layer = new NamedLayer({ name: name ?? null });
      return [layer, layer.apply(x)];
    };
    const check = (names: (string | undefined)[], expected: string[]): void =>
      inGraph(() => {
        let x = tf.placeholder(tf.float32, [], { name: 'x' });
        names.forEach((name, i) => {
          const [layer, op] = gen(x, name);
          expect(layer.my_var!.name).toBe(`${expected[i]}/my_var:0`);
          expect(op.name).toBe(`${expected[i]}/my_op:0`);
          x = op;
        });
      });
    // unnamed layer
    check([undefined, undefined, undefined], ['my_layer', 'my_layer_1', 'my_layer_2']);
    // name starts from zero
    check(['name', 'name_1', 'name_2'], ['name', 'name_1', 'name_2']);
    // name starts from one
    check(['name_1', 'name_2', 'name_3'], ['name_1', 'name_2', 'name_3']);
  });

  it('testLayerGraphSetInFirstApply', () => {
    // Graph at construction time is ignored
    const layer = inGraph(() => new tf.layers.Dense(1));
    inGraph(() => layer.apply(tf.constant([[1.0]], { dtype: tf.float32 })));
    inGraph(() => raisesValueError(() => layer.apply(tf.constant([[1.0]], { dtype: tf.float32 })), /Input graph and Layer graph are not the same/));
  });
});
