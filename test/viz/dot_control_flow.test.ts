import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { toDot } from '../../src/viz/dot.js';
import { parseDot } from './parse_dot.js';

// Control flow drawn as TensorBoard draws it: a while loop's frame is its `while` scope's cluster, the
// NextIteration → Merge back edge does not rank the layout (Graphviz's constraint=false), control edges are dashed.
describe('toDot of control flow', () => {
  it("draws tf.while_loop's frame as the `while` cluster, its back edge left out of the ranking", async () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const i = tf.constant(0, { name: 'i' });
      tf.while_loop(
        (i: tf.Tensor) => tf.less(i, 10),
        (i: tf.Tensor) => [tf.add(i, 1)],
        [i],
      );
    });
    const p = await parseDot(toDot(g));
    for (const op of ['Enter', 'Merge', 'Switch', 'Identity', 'NextIteration', 'Exit', 'LoopCond']) {
      expect(p.nodes.get(`while/${op}`)?.cluster, op).toBe('cluster_while');
    }
    const back = p.edges.filter((e) => e.attrs.constraint === 'false');
    expect(back.map((e) => `${e.tail} -> ${e.head}`)).toEqual(['while/NextIteration -> while/Merge']);
    expect(back[0]!.attrs.class).toBe('data back');
    // every other edge ranks the layout: Enter → Merge → Switch → Identity → Add → NextIteration, top to bottom
    expect(p.edges.filter((e) => e.attrs.class === 'data').length).toBeGreaterThan(5);
    // the loop body's constant hangs off the frame's pivot by a control edge, drawn dashed
    const ctl = p.edges.filter((e) => e.attrs.class === 'control');
    expect(ctl.length).toBeGreaterThan(0);
    for (const e of ctl) expect(e.attrs.style).toBe('dashed');
  });

  it("draws a loop carrying a variable's storage with its RefNextIteration → RefMerge back edge left out of the ranking", async () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.Variable(0)._ref();
      tf.while_loop(
        (i: tf.Tensor) => tf.less(i, 10),
        (i: tf.Tensor, x: tf.Tensor) => [tf.add(i, 1), g.create_op('RefIdentity', [x], {}).outputs[0]!],
        [tf.constant(0, { name: 'i' }), x],
      );
    });
    const p = await parseDot(toDot(g));
    const back = p.edges.filter((e) => e.attrs.constraint === 'false');
    expect(back.map((e) => `${e.tail} -> ${e.head}`).sort()).toEqual(['while/NextIteration -> while/Merge', 'while/NextIteration_1 -> while/Merge_1']);
  });

  it('draws an unrolled static_rnn without back edges: the steps rank one after another in the rnn cluster', async () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 3, 2]);
      const cell = new tf.nn.rnn_cell.BasicLSTMCell(4);
      tf.nn.static_rnn(cell, tf.unstack(x, 3, 1), { dtype: tf.float32 });
    });
    const p = await parseDot(toDot(g, { expand: true }));
    expect(p.edges.filter((e) => e.attrs.constraint === 'false')).toEqual([]);
    expect(p.clusters.has('cluster_rnn')).toBe(true);
    expect(p.nodes.get('rnn/basic_lstm_cell/MatMul_2')?.cluster).toBe('cluster_rnn/basic_lstm_cell');
  });
});
