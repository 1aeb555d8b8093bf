import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { buildArticleGraph } from '../helpers/article_graph.js';

const names = (g: tf.Graph): string[] => g.get_operations().map((o) => o.name);

describe('TF1 naming', () => {
  it('uniquifies names with _1, _2 and treats them case-insensitively', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.placeholder(tf.float32);
      const b = tf.placeholder(tf.float32);
      const c = tf.placeholder(tf.float32, null, 'placeholder');
      expect([a.name, b.name, c.name]).toEqual(['Placeholder:0', 'Placeholder_1:0', 'placeholder_2:0']);
      tf.placeholder(tf.float32, null, 'x_1');
      expect(tf.placeholder(tf.float32, null, 'x').name).toBe('x:0');
      expect(tf.placeholder(tf.float32, null, 'x').name).toBe('x_2:0');
    });
  });

  it('names operator methods as Python operators and tf.* functions as op types', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.constant(1.5);
      expect(a.add(2).name).toBe('add:0');
      expect(tf.add(a, a).name).toBe('Add_1:0'); // names are case-insensitive, as in TF1
      expect(a.mul(a).name).toBe('mul:0');
      expect(tf.multiply(a, a).name).toBe('Mul_1:0');
      expect(tf.subtract(a, a).name).toBe('Sub:0');
      expect(a.sub(a).name).toBe('sub_1:0');
      expect(a.div(a).name).toBe('truediv:0');
      expect(a.neg().name).toBe('Neg:0');
      expect(g.get_operation_by_name('add/y').type).toBe('Const');
    });
  });

  it('nests name scopes and reuses a scope ending in a slash', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      tf.name_scope('layer', (s) => {
        expect(s).toBe('layer/');
        expect(tf.constant(1).name).toBe('layer/Const:0');
        tf.name_scope('inner', () => expect(tf.constant(1).name).toBe('layer/inner/Const:0'));
      });
      tf.name_scope('layer', (s) => expect(s).toBe('layer_1/'));
      tf.name_scope('layer/', () => expect(tf.constant(1).name).toBe('layer/Const_1:0'));
    });
  });

  it('adds control dependencies to ops made inside the block', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.constant(1);
      const c = tf.control_dependencies([a], () => tf.constant(2));
      expect(c.op.control_inputs.map((o) => o.name)).toEqual(['Const']);
      const d = tf.control_dependencies([a], () => tf.identity(a));
      expect(d.op.control_inputs).toEqual([]); // already a data input
      const grp = tf.group([a, c]);
      expect(grp.name).toBe('group_deps');
      expect(String(grp)).toContain('input: "^Const"');
    });
  });

  it('prints tensors, variables and shapes as TF1', () => {
    const { y, W, cross_entropy, x } = buildArticleGraph();
    expect(String(y)).toBe('Tensor("Softmax:0", shape=(?, 10), dtype=float32)');
    expect(String(x)).toBe('Tensor("Placeholder:0", shape=(?, 784), dtype=float32)');
    expect(String(W)).toBe("<tf.Variable 'Variable:0' shape=(784, 10) dtype=float32_ref>");
    expect(String(cross_entropy)).toBe('Tensor("Mean:0", shape=(), dtype=float32)');
    expect(String(W._ref())).toBe('Tensor("Variable:0", shape=(784, 10), dtype=float32_ref)');
    expect(String(new tf.TensorShape([3]))).toBe('(3,)');
  });

  it("gives the article's graph TF1's node names, forward and backward", () => {
    const { graph } = buildArticleGraph();
    const all = names(graph);
    expect(all.slice(0, 24)).toEqual([
      'Placeholder',
      'Placeholder_1',
      'zeros/shape_as_tensor',
      'zeros/Const',
      'zeros',
      'Variable',
      'Variable/Assign',
      'Variable/read',
      'zeros_1',
      'Variable_1',
      'Variable_1/Assign',
      'Variable_1/read',
      'MatMul',
      'add',
      'Softmax',
      'Log',
      'mul',
      'Sum/reduction_indices',
      'Sum',
      'Neg',
      'Const',
      'Mean',
      'init',
      'gradients/Shape',
    ]);
    for (const n of [
      'gradients/grad_ys_0',
      'gradients/Fill',
      'gradients/Mean_grad/Reshape/shape',
      'gradients/Mean_grad/Tile',
      'gradients/Mean_grad/Maximum/y',
      'gradients/Mean_grad/floordiv',
      'gradients/Mean_grad/Cast',
      'gradients/Mean_grad/truediv',
      'gradients/Neg_grad/Neg',
      'gradients/Sum_grad/Size',
      'gradients/Sum_grad/add',
      'gradients/Sum_grad/mod',
      'gradients/Sum_grad/range/start',
      'gradients/Sum_grad/Fill/value',
      'gradients/Sum_grad/DynamicStitch',
      'gradients/Sum_grad/Tile',
      'gradients/mul_grad/BroadcastGradientArgs',
      'gradients/mul_grad/Mul_1',
      'gradients/mul_grad/Reshape_1',
      'gradients/mul_grad/tuple/group_deps',
      'gradients/mul_grad/tuple/control_dependency_1',
      'gradients/Log_grad/Reciprocal',
      'gradients/Log_grad/mul',
      'gradients/Softmax_grad/mul',
      'gradients/Softmax_grad/Sum/reduction_indices',
      'gradients/Softmax_grad/sub',
      'gradients/Softmax_grad/mul_1',
      'gradients/add_grad/Shape_1',
      'gradients/add_grad/tuple/control_dependency_1',
      'gradients/MatMul_grad/MatMul',
      'gradients/MatMul_grad/MatMul_1',
      'gradients/MatMul_grad/tuple/control_dependency_1',
      'GradientDescent/learning_rate',
      'GradientDescent/update_Variable/ApplyGradientDescent',
      'GradientDescent/update_Variable_1/ApplyGradientDescent',
      'GradientDescent',
      'ArgMax/dimension',
      'ArgMax',
      'ArgMax_1',
      'Equal',
      'Cast',
      'Const_1',
      'Mean_1',
    ])
      expect(all, n).toContain(n);
    expect(graph.get_operation_by_name('gradients/Log_grad/Reciprocal').control_inputs.map((o) => o.name)).toEqual([
      'gradients/mul_grad/tuple/control_dependency_1',
    ]);
    const apply = graph.get_operation_by_name('GradientDescent/update_Variable/ApplyGradientDescent');
    expect(apply.inputs.map((t) => t.name)).toEqual(['Variable:0', 'GradientDescent/learning_rate:0', 'gradients/MatMul_grad/tuple/control_dependency_1:0']);
  });

  it('gives gradients static shapes and plain tf.gradients no tuple ops', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3]);
      const w = tf.Variable(tf.ones([3, 2]));
      const loss = tf.reduce_sum(tf.matmul(x, w));
      const [gw] = denseGradients(loss, [w]);
      expect(String(gw!.shape)).toBe('(3, 2)');
      expect(gw!.name).toBe('gradients/MatMul_grad/MatMul_1:0');
      expect(names(g).some((n) => n.includes('tuple'))).toBe(false);
      expect(denseGradients(loss, [x])[0]!.name).toBe('gradients_1/MatMul_grad/MatMul:0');
    });
  });

  it('keeps an immutable snapshot that shares unchanged nodes', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      tf.placeholder(tf.float32, [null, 2]);
      const s1 = g.as_graph_def();
      expect(Object.isFrozen(s1.node)).toBe(true);
      expect(g.as_graph_def()).toBe(s1);
      tf.constant(1);
      const s2 = g.as_graph_def();
      expect(s2).not.toBe(s1);
      expect(s2.node[0]).toBe(s1.node[0]);
      expect(s2.node.map((n) => n.name)).toEqual(['Placeholder', 'Const']);
      expect(s1.node.length).toBe(1);
    });
  });
});

describe("TF1's rules for op names: every name a builder accepts survives write_graph and import_graph_def", () => {
  const expectInvalid = (fn: () => unknown, message: string): void => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(tf.errors.ValueError);
    expect((err as Error).message).toBe(message);
  };

  it("name='' resets to the root scope and is then no node name (TF1: \"'' is not a valid node name\"); nothing is added", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expectInvalid(() => tf.placeholder(tf.float32, null, ''), "'' is not a valid node name");
      // Builders open name_scope(name): '' resets to the root there, so the op name is '' in any scope.
      tf.name_scope('outer', () => expectInvalid(() => tf.placeholder(tf.float32, [2], ''), "'' is not a valid node name"));
      expectInvalid(() => tf.constant(1, { name: '' }), "'' is not a valid node name");
      expect(names(g)).toEqual([]);
      // null/undefined is the default name, as TF1's None.
      expect(tf.placeholder(tf.float32, null).name).toBe('Placeholder:0');
    });
  });

  it("Graph.create_op refuses names TF1's Operation refuses: '_x', '-x', '/x', 'a:b', ''", () => {
    const g = new tf.Graph();
    for (const name of ['_x', '-x', '/x', 'a:b', 'a b', 'a>b', '']) {
      expectInvalid(() => g.create_op('NoOp', [], {}, name), `'${name}' is not a valid node name`);
      expectInvalid(() => g.create_op('NoOp', [], {}, `${name}/`), `'${name}' is not a valid node name`);
    }
    expect(names(g)).toEqual([]);
    expect(g.create_op('NoOp', [], {}, '.x-1/y_z').name).toBe('.x-1/y_z'); // r1.12's alphabet: no '>' (TF2 added it)
  });

  it("name_scope('/') inside a scope resets to the root and yields '/', as TF1; at the root '/' is not a valid scope name", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      tf.name_scope('outer', () => {
        tf.name_scope('/', (s) => {
          expect(s).toBe('/');
          expect(g.get_name_scope()).toBe('');
          expect(tf.constant(1).name).toBe('Const:0');
        });
        tf.name_scope('', (s) => expect(s).toBe(''));
        tf.name_scope(null, (s) => expect(s).toBe(''));
        // A scope may start with '_' inside another scope, since the op name then starts with the outer scope.
        tf.name_scope('_inner', (s) => expect(tf.constant(1).name).toBe(`${s}Const:0`));
      });
      expect(() => tf.name_scope('/', () => 0)).toThrow("'/' is not a valid scope name");
      expect(() => tf.name_scope('_x', () => 0)).toThrow("'_x' is not a valid scope name");
    });
    expect(names(g)).toEqual(['Const', 'outer/_inner/Const']);
    const back = new tf.Graph();
    back.as_default(() => tf.import_graph_def(g.as_graph_def(), { name: '' }));
    expect(names(back)).toEqual(names(g));
  });
});
