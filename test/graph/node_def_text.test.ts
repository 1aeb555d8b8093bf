// String(op) is TF1's str(op): the op's NodeDef in protobuf text format, holding every attribute TF1's node
// has (the inferred type attributes and the registered defaults too), sorted by name in byte order.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const attr = (key: string, ...value: string[]): string => [`attr {`, `  key: "${key}"`, `  value {`, ...value.map((l) => `    ${l}`), `  }`, `}`].join('\n');
const node = (name: string, op: string, inputs: string[], ...attrs: string[]): string =>
  [`name: "${name}"`, `op: "${op}"`, ...inputs.map((i) => `input: "${i}"`), ...attrs].join('\n') + '\n';
const FLOAT = 'type: DT_FLOAT';

describe("String(op) prints TF1's NodeDef", () => {
  it('carries the T attribute TF1 infers from the inputs of a binary op', () => {
    const g = new tf.Graph();
    const add = g.as_default(() => tf.add(tf.placeholder(tf.float32), tf.placeholder(tf.float32)));
    expect(String(add.op)).toBe(node('Add', 'Add', ['Placeholder', 'Placeholder_1'], attr('T', FLOAT)));
    expect(add.op.get_attr('T')).toBe(tf.float32);
  });

  it('sorts attributes in byte order, as TF1 prints the attr map: T and Tidx before keep_dims', () => {
    const g = new tf.Graph();
    const sum = g.as_default(() => tf.reduce_sum(tf.placeholder(tf.float64, [2, 3]), 1));
    expect(String(sum.op)).toBe(
      node('Sum', 'Sum', ['Placeholder', 'Sum/reduction_indices'], attr('T', 'type: DT_DOUBLE'), attr('Tidx', 'type: DT_INT32'), attr('keep_dims', 'b: false')),
    );
  });

  it('prints MatMul with T and its transpose flags', () => {
    const g = new tf.Graph();
    const mm = g.as_default(() => tf.matmul(tf.placeholder(tf.float32, [2, 2]), tf.placeholder(tf.float32, [2, 2]), { transpose_b: true }));
    expect(String(mm.op)).toBe(
      node('MatMul', 'MatMul', ['Placeholder', 'Placeholder_1'], attr('T', FLOAT), attr('transpose_a', 'b: false'), attr('transpose_b', 'b: true')),
    );
  });

  it("prints the registered defaults TF1's node has: a Variable's container and shared_name, Cast's Truncate", () => {
    const g = new tf.Graph();
    const { v, c } = g.as_default(() => ({ v: tf.Variable(tf.zeros([2])), c: tf.cast(tf.placeholder(tf.int32), tf.float32) }));
    expect(String(v.op)).toBe(
      node(
        'Variable',
        'VariableV2',
        [],
        attr('container', 's: ""'),
        attr('dtype', FLOAT),
        attr('shape', 'shape {', '  dim {', '    size: 2', '  }', '}'),
        attr('shared_name', 's: ""'),
      ),
    );
    expect(String(c.op)).toBe(node('Cast', 'Cast', ['Placeholder'], attr('DstT', FLOAT), attr('SrcT', 'type: DT_INT32'), attr('Truncate', 'b: false')));
  });

  it('prints N and T for a list input, and the placeholder shape with -1 for unknown dims', () => {
    const g = new tf.Graph();
    const { s, p } = g.as_default(() => {
      const p = tf.placeholder(tf.float32, [null, 3]);
      return { p, s: tf.add_n([p, p, p]) };
    });
    expect(String(s.op)).toBe(node('AddN', 'AddN', ['Placeholder', 'Placeholder', 'Placeholder'], attr('N', 'i: 3'), attr('T', FLOAT)));
    expect(s.op.get_attr('N')).toBe(3);
    expect(String(p.op)).toBe(
      node(
        'Placeholder',
        'Placeholder',
        [],
        attr('dtype', FLOAT),
        attr('shape', 'shape {', '  dim {', '    size: -1', '  }', '  dim {', '    size: 3', '  }', '}'),
      ),
    );
  });

  it('prints a scalar constant as float_val in Python repr, and several elements as tensor_content bytes', () => {
    const g = new tf.Graph();
    const { a, b } = g.as_default(() => ({
      a: tf.constant(0.1),
      b: tf.constant([
        [1.5, 2],
        [3, 4],
      ]),
    }));
    const tensor = (dtype: string, dims: number[], value: string): string[] => [
      'tensor {',
      `  dtype: ${dtype}`,
      '  tensor_shape {',
      ...dims.flatMap((d) => ['    dim {', `      size: ${d}`, '    }']),
      '  }',
      `  ${value}`,
      '}',
    ];
    expect(String(a.op)).toBe(node('Const', 'Const', [], attr('dtype', FLOAT), attr('value', ...tensor('DT_FLOAT', [], 'float_val: 0.10000000149011612'))));
    expect(String(b.op)).toBe(
      node(
        'Const_1',
        'Const',
        [],
        attr('dtype', FLOAT),
        attr('value', ...tensor('DT_FLOAT', [2, 2], 'tensor_content: "\\000\\000\\300?\\000\\000\\000@\\000\\000@@\\000\\000\\200@"')),
      ),
    );
  });

  it('prints control inputs after the data inputs, and _gradient_op_type for an op made under gradient_override_map', () => {
    const g = new tf.Graph();
    const sq = g.as_default(() => {
      const x = tf.placeholder(tf.float32, { name: 'x' });
      const dep = tf.no_op({ name: 'dep' });
      return tf.control_dependencies([dep], () => g.gradient_override_map({ Square: 'MySquare' }, () => tf.square(x)));
    });
    expect(String(sq.op)).toBe(node('Square', 'Square', ['x', '^dep'], attr('T', FLOAT), attr('_gradient_op_type', 's: "MySquare"')));
  });

  it("get_attr raises TF1's ValueError for an attribute the node does not have", () => {
    const op = new tf.Graph().as_default(() => tf.no_op());
    expect(() => op.get_attr('_A')).toThrow(tf.errors.ValueError);
    expect(() => op.get_attr('_A')).toThrow("Operation 'NoOp' has no attr named '_A'.");
  });
});
