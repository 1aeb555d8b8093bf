// tf.nn.atrous_conv2d / tf.nn.convolution build TF1 r1.12's nodes: the SpaceToBatchND → Conv2D → BatchToSpaceND
// chain under `convolution/`, constants where TF1's are, and shape ops when the input's spatial shape is unknown.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

describe('tf.nn.convolution with dilation_rate builds TF1 r1.12 graph', () => {
  it('atrous_conv2d on known shapes: the node names and types of nn_ops.convolution', () => {
    const g = new tf.Graph();
    const y = g.as_default(() => tf.nn.atrous_conv2d(tf.placeholder(tf.float32, [2, 5, 6, 2]), tf.placeholder(tf.float32, [3, 3, 2, 2]), 2, 'SAME'));
    expect(g.get_operations().map((op) => `${op.name}:${op.type}`)).toEqual([
      'Placeholder:Placeholder',
      'Placeholder_1:Placeholder',
      'convolution/dilation_rate:Const',
      'convolution/filter_shape:Const',
      'convolution/required_space_to_batch_paddings/input_shape:Const',
      'convolution/required_space_to_batch_paddings/base_paddings:Const',
      'convolution/required_space_to_batch_paddings/paddings:Const',
      'convolution/required_space_to_batch_paddings/crops:Const',
      'convolution/SpaceToBatchND/block_shape:Const',
      'convolution/SpaceToBatchND/paddings:Const',
      'convolution/SpaceToBatchND:SpaceToBatchND',
      'convolution:Conv2D',
      'convolution/BatchToSpaceND/block_shape:Const',
      'convolution/BatchToSpaceND/crops:Const',
      'convolution/BatchToSpaceND:BatchToSpaceND',
    ]);
    expect(String(y)).toBe('Tensor("convolution/BatchToSpaceND:0", shape=(2, 5, 6, 2), dtype=float32)');
    const conv = g.get_operation_by_name('convolution');
    expect(conv.attrs).toMatchObject({ padding: 'VALID', strides: [1, 1, 1, 1] });
  });

  it('dilation_rate 1 is one Conv2D named after the scope', () => {
    const g = new tf.Graph();
    const y = g.as_default(() => tf.nn.convolution(tf.placeholder(tf.float32, [1, 4, 4, 1]), tf.placeholder(tf.float32, [2, 2, 1, 1]), 'VALID'));
    expect(y.op.type).toBe('Conv2D');
    expect(y.op.name).toBe('convolution');
  });

  it('an input of unknown spatial shape: the paddings computed by ops, equal to the static graph when run', async () => {
    const x = new tf.NDArray(
      Float32Array.from({ length: 1 * 7 * 5 * 1 }, (_, i) => i),
      [1, 7, 5, 1],
      'float32',
    );
    const f = new tf.NDArray(
      Float32Array.from({ length: 9 }, (_, i) => (i % 3) - 1),
      [3, 3, 1, 1],
      'float32',
    );
    const g = new tf.Graph();
    const [ph, dynamic, fixed] = g.as_default(() => {
      const ph = tf.placeholder(tf.float32, [null, null, null, 1]);
      return [ph, tf.nn.atrous_conv2d(ph, f, 3, 'SAME'), tf.nn.atrous_conv2d(x, f, 3, 'SAME')] as const;
    });
    expect(g.get_operations().some((op) => op.name === 'convolution/Shape')).toBe(true);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const [a, b] = (await sess.run([dynamic, fixed], new Map([[ph, x]]))) as tf.NDArray[];
    sess.close();
    expect(a!.shape).toEqual([1, 7, 5, 1]);
    expect(Array.from(a!.data)).toEqual(Array.from(b!.data));
  });

  it("TF1's ValueErrors", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [1, 8, 8, 2]);
      const f = tf.placeholder(tf.float32, [3, 3, 2, 2]);
      expect(() => tf.nn.convolution(x, f, 'SAME', [2, 2], [2, 2])).toThrow('strides > 1 not supported in conjunction with dilation_rate > 1');
      expect(() => tf.nn.convolution(x, f, 'SAME', null, [0, 1])).toThrow('all values of dilation_rate must be positive');
      expect(() => tf.nn.convolution(x, f, 'SAME', null, [2])).toThrow('len(dilation_rate)=1 but should be 2');
      expect(() => tf.nn.convolution(x, tf.placeholder(tf.float32, [3, 3, 3, 2]), 'SAME')).toThrow(
        'number of input channels does not match corresponding dimension of filter, 2 != 3',
      );
      expect(() => tf.nn.atrous_conv2d(x, f, 2, 'FULL')).toThrow("Invalid padding method 'FULL'");
      expect(() => tf.nn.convolution(tf.placeholder(tf.float32, [1, 8, 2]), tf.placeholder(tf.float32, [3, 2, 2]), 'SAME')).toThrow(
        tf.errors.UnimplementedError,
      );
    });
  });

  it('tf.layers.conv2d with dilation_rate 2: the SpaceToBatchND chain in the layer scope, trainable on the CPU backend', async () => {
    const g = new tf.Graph();
    const x = new tf.NDArray(
      Float32Array.from({ length: 2 * 9 * 8 * 3 }, (_, i) => Math.sin(i)),
      [2, 9, 8, 3],
      'float32',
    );
    const [y, ref, loss, train, init] = g.as_default(() => {
      const inputs = tf.constant(x);
      const y = tf.layers.conv2d(inputs, 4, 3, { dilation_rate: 2, padding: 'same', use_bias: false });
      const kernel = tf.trainable_variables()[0]!;
      const ref = tf.nn.convolution(inputs, kernel, 'SAME', null, [2, 2]);
      const loss = tf.reduce_sum(tf.square(y));
      const train = new tf.train.GradientDescentOptimizer(1e-4).minimize(loss);
      return [y, ref, loss, train, tf.global_variables_initializer()] as const;
    });
    const names = g.get_operations().map((op) => op.name);
    for (const n of ['conv2d/dilation_rate', 'conv2d/SpaceToBatchND', 'conv2d/Conv2D', 'conv2d/BatchToSpaceND']) expect(names).toContain(n);
    expect(y.op.name).toBe('conv2d/BatchToSpaceND');
    expect(y.shape.as_list()).toEqual([2, 9, 8, 4]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    const [a, b] = (await sess.run([y, ref])) as tf.NDArray[];
    expect(Array.from(a!.data)).toEqual(Array.from(b!.data));
    const before = (await sess.run(loss)) as tf.NDArray;
    for (let i = 0; i < 3; i++) await sess.run(train);
    const after = (await sess.run(loss)) as tf.NDArray;
    expect(after.data[0]!).toBeLessThan(before.data[0]!);
    sess.close();
  });
});
