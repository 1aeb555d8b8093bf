// TF1's tensorflow/python/ops/control_flow_ops_test.py, the group and with_dependencies cases (cond, case and
// while_loop are another issue). Read from microsoft/tensorflow-directml (TF 1.15, whose cases here are r1.12's;
// r1.12's file is not in the index). Python's float literals are float32 constants here.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { with_dependencies } from '../../src/ops/control_flow_ops.js';

/** TF1's _StripGraph: each node's name, op and inputs. */
const stripGraph = (gd: tf.GraphDef): { name: string; op: string; input: string[] }[] => gd.node.map((n) => ({ name: n.name, op: n.op, input: [...n.input] }));

describe('GroupTestCase', () => {
  it('testGroup_NoDevices', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.constant(0, { name: 'a' });
      const b = tf.constant(0, { name: 'b' });
      const c = tf.constant(0, { name: 'c' });
      tf.group(a.op, b.op, c.op, { name: 'root' });
    });
    expect(stripGraph(g.as_graph_def())).toEqual([
      { name: 'a', op: 'Const', input: [] },
      { name: 'b', op: 'Const', input: [] },
      { name: 'c', op: 'Const', input: [] },
      { name: 'root', op: 'NoOp', input: ['^a', '^b', '^c'] },
    ]);
  });

  it('testPassingList', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.constant(0, { name: 'a' });
      const b = tf.constant(0, { name: 'b' });
      tf.group([a.op, b.op], { name: 'root' });
    });
    expect(stripGraph(g.as_graph_def())).toEqual([
      { name: 'a', op: 'Const', input: [] },
      { name: 'b', op: 'Const', input: [] },
      { name: 'root', op: 'NoOp', input: ['^a', '^b'] },
    ]);
  });

  it('testPassingNonTensors', () => {
    new tf.Graph().as_default(() => {
      expect(() => tf.group(1 as never, 2 as never)).toThrow(tf.errors.TypeError);
      expect(() => tf.group(1 as never, 2 as never)).toThrow("Expected tf.group() expected Tensor arguments not '1' with type '<class 'int'>'");
    });
  });
});

describe('ShapeTestCase', () => {
  it('testShape', () => {
    new tf.Graph().as_default(() => {
      const tensor = tf.constant([1.0, 2.0], tf.float32);
      expect(tensor.get_shape().as_list()).toEqual([2]);
      expect(
        with_dependencies([tf.constant(1.0, tf.float32)], tensor)
          .get_shape()
          .as_list(),
      ).toEqual([2]);
    });
  });
});

describe('WithDependenciesTestCase', () => {
  // TF1 makes the counter with variable_scope.get_variable("my_counter", shape=[], initializer=zeros_initializer()),
  // which tf1-ts has not: tf.Variable(tf.zeros([])) is the same variable.
  const counterCase = (deps: (counter: tf.Variable) => (tf.Tensor | tf.Operation)[]) => async (): Promise<void> => {
    const g = new tf.Graph();
    const { counter, constWithDep, init } = g.as_default(() => {
      const counter = tf.Variable(tf.zeros([]), { name: 'my_counter' });
      const constWithDep = with_dependencies(deps(counter), tf.constant(7));
      return { counter, constWithDep, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    expect((await sess.run(counter)).item()).toBe(0);
    expect((await sess.run(constWithDep)).item()).toBe(7);
    expect((await sess.run(counter)).item()).toBe(1);
    sess.close();
  };

  // TF1 passes a tuple (increment_counter, constant(42)); a tuple is an array here.
  it(
    'testTupleDependencies',
    counterCase((counter) => [tf.assign_add(counter, 1), tf.constant(42)]),
  );
  it(
    'testListDependencies',
    counterCase((counter) => [tf.assign_add(counter, 1), tf.constant(42)]),
  );
});
