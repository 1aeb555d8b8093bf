// tf.nn.relu6, softplus, softsign and leaky_relu: TF1 r1.12's node names, dtypes and gradient ops.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const opsOf = (g: tf.Graph): string[] => g.get_operations().map((o) => `${o.name}:${o.type}`);

describe('the nn activations build TF1 graphs', () => {
  it('relu6, softplus and softsign are their ops, named after them, with the input converted as `features`', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expect(tf.nn.relu6([1, 7]).name).toBe('Relu6:0');
      expect(tf.nn.softplus([1.5]).dtype).toBe('float32');
      expect(tf.nn.softsign([2], 'ss').name).toBe('ss:0');
    });
    expect(opsOf(g)).toEqual(['Relu6/features:Const', 'Relu6:Relu6', 'Softplus/features:Const', 'Softplus:Softplus', 'ss/features:Const', 'ss:Softsign']);
  });

  it('leaky_relu is maximum(alpha * features, features) under LeakyRelu, integers cast to float32 first', () => {
    const g = new tf.Graph();
    const y = g.as_default(() => tf.nn.leaky_relu([1, -2]));
    expect(y.name).toBe('LeakyRelu:0');
    expect(y.dtype).toBe('float32');
    expect(opsOf(g)).toEqual(['LeakyRelu/features:Const', 'LeakyRelu/ToFloat:Cast', 'LeakyRelu/alpha:Const', 'LeakyRelu/mul:Mul', 'LeakyRelu:Maximum']);
  });

  it("the gradients are TF1's helper ops: Relu6Grad from the output, SoftplusGrad and SoftsignGrad from the input", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [3], 'x');
      for (const f of [tf.nn.relu6, tf.nn.softplus, tf.nn.softsign]) {
        const y = f(x);
        const [dx] = tf.gradients(y, x) as tf.Tensor[];
        const helper = dx!.op;
        expect(helper.type).toBe(`${y.op.type}Grad`);
        expect(helper.name).toMatch(new RegExp(`^gradients(_\\d)?/${y.op.name}_grad/${y.op.type}Grad$`));
        expect(helper.inputs[1]!.name).toBe(y.op.type === 'Relu6' ? y.name : 'x:0');
      }
    });
  });

  it("Relu6Grad's gradient gives the features zeros of their shape; SoftsignGrad has none, as in TF1 r1.12", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.placeholder(tf.float32, [2], 'a');
      const b = tf.placeholder(tf.float32, [2], 'b');
      const r = g.create_op('Relu6Grad', [a, b], {}, 'r').outputs[0]!;
      const [da, db] = tf.gradients(r, [a, b]) as tf.Tensor[];
      expect(da!.op.type).toBe('Relu6Grad');
      expect(db!.op.type).toBe('Fill');
      const s = g.create_op('SoftsignGrad', [a, b], {}, 's').outputs[0]!;
      expect(() => tf.gradients(s, [a, b])).toThrow("No gradient defined for operation 's' (op type: SoftsignGrad)");
    });
  });
});
