// Builders made from the op definitions (src/ops/wrappers.ts): every public function a definition lists in
// `api` exists under `tf` with the op's inputs by name then `name`, builds the op named after its type, and
// converts JS numbers as the op's allowed dtypes say. Sigmoid, the worked example, as TF1 builds it.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { signatureOf } from '../../src/framework/args.js';
import { OP_DEFS, OP_TYPES } from '../../src/framework/op_defs.js';
import { unaryWrapper } from '../../src/ops/wrappers.js';

const at = (path: string): unknown => path.split('.').reduce<unknown>((ns, k) => (ns as Record<string, unknown>)[k], tf);

describe('builders written from the definitions', () => {
  const listed = OP_TYPES.flatMap((type) => (OP_DEFS[type].api ?? []).map((api) => [type, api] as const));

  it('lists the functions tf1-ts wraps this way', () => {
    expect(listed.map(([, api]) => api)).toEqual(expect.arrayContaining(['nn.relu', 'sigmoid', 'nn.sigmoid', 'exp', 'negative']));
  });

  it.each(listed)('%s: tf.%s takes its inputs by name, then name, and builds the op', (type, api) => {
    const f = at(api) as (...a: unknown[]) => tf.Tensor;
    expect(typeof f).toBe('function');
    const inputs = OP_DEFS[type].inputs.map((i) => i.name);
    expect(signatureOf(f)?.params.map((p) => p.name)).toEqual([...inputs, 'name']);
    const g = new tf.Graph();
    g.as_default(() => {
      // float32, or the input's fixed dtype (the logical ops' bool); of unknown shape, which every op's shape rule takes
      const args = OP_DEFS[type].inputs.map((i) => tf.placeholder(typeof i.type === 'string' ? i.type : tf.float32));
      const byPosition = f(...args);
      const byName = f(Object.fromEntries([...inputs.map((n, i) => [n, args[i]]), ['name', 'named']]));
      expect(byPosition.op.type).toBe(type);
      expect(byPosition.op.name).toBe(type);
      expect(byName.op.name).toBe('named');
      expect(byName.op.inputs.map((t) => t.name)).toEqual(args.map((t) => t.name));
    });
  });

  it("refuses a builder whose parameters are not the definition's inputs, or that no definition lists", () => {
    expect(() => unaryWrapper('sigmoid', 'features')).toThrow("sigmoid: Sigmoid's inputs are (x), not (features)");
    expect(() => unaryWrapper('nn.not_an_op', 'x')).toThrow('no op definition lists nn.not_an_op');
  });
});

describe('tf.sigmoid (TF1 math_ops.sigmoid, also tf.nn.sigmoid)', () => {
  it('is one function under both names, named as TF1 names its nodes', () => {
    expect(tf.nn.sigmoid).toBe(tf.sigmoid);
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3], 'x');
      const y = tf.sigmoid(x);
      expect(String(y)).toBe('Tensor("Sigmoid:0", shape=(?, 3), dtype=float32)');
      expect(tf.nn.sigmoid(x).name).toBe('Sigmoid_1:0');
      // A JS number is a float for an op defined on floats; converted inside the op's scope.
      const c = tf.sigmoid(2);
      expect(c.dtype).toBe('float32');
      expect(c.op.inputs[0]!.name).toBe('Sigmoid_2/x:0');
    });
  });

  it("refuses an integer tensor with TF1's TypeError", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const i = tf.constant([1, 2], { dtype: tf.int32 });
      expect(() => tf.sigmoid(i)).toThrow(tf.errors.TypeError);
      expect(() => tf.sigmoid(i)).toThrow(/Value passed to parameter 'x' has DataType int32 not in list of allowed values/);
    });
  });

  it('differentiates through SigmoidGrad of its output and the incoming gradient, as TF1 names it', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [3]);
      const [dx] = tf.gradients(tf.sigmoid(x), [x]) as tf.Tensor[];
      expect(dx!.name).toBe('gradients/Sigmoid_grad/SigmoidGrad:0');
      expect(dx!.op.inputs.map((t) => t.name)).toEqual(['Sigmoid:0', 'gradients/Fill:0']);
      // The rule's control dependency on the gradient adds nothing: TF1 skips a control input that is a data input.
      expect(dx!.op.control_inputs).toEqual([]);
    });
  });

  it.each(['cpu', 'webgpu'] as const)('gives 0 and 1 at the extremes and keeps NaN on the %s backend', async (backend) => {
    const g = new tf.Graph();
    const [x, y, dy] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null]);
      const y = tf.sigmoid(x);
      return [x, y, tf.gradients(y, [x])[0]!];
    });
    const sess = new tf.Session({ graph: g, backend });
    try {
      const values = [-Infinity, -200, -20, -1, 0, 1, 20, 200, Infinity, NaN];
      const [out, grad] = (await sess.run([y, dy], { feed_dict: new Map([[x, new Float32Array(values)]]) })) as tf.NDArray[];
      const want = values.map((v) => Math.fround(1 / (1 + Math.exp(-v))));
      const got = Array.from(out!.data as Float32Array);
      got.forEach((v, i) => {
        if (Number.isNaN(want[i]!)) expect(v).toBeNaN();
        else expect(Math.abs(v - want[i]!)).toBeLessThanOrEqual(2 ** -22 * Math.max(want[i]!, 2 ** -126));
      });
      const wantGrad = want.map((s) => s * (1 - s));
      Array.from(grad!.data as Float32Array).forEach((v, i) => {
        if (Number.isNaN(wantGrad[i]!)) expect(v).toBeNaN();
        else expect(Math.abs(v - wantGrad[i]!)).toBeLessThanOrEqual(2 ** -20 * wantGrad[i]! + 1e-30);
      });
    } finally {
      sess.close();
    }
  });
});
