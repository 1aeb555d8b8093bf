import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { buildForwardModel, buildModel, FORWARD_CODE, LOSS_CODE, TRAIN_CODE } from '../../src/tutorial/model.js';
import { Notebook } from '../../src/tutorial/notebook.js';

describe("the article's model is built by the statements it prints", () => {
  it("buildModel's code starts with the LEARNING_RATE the optimizer uses, written out", async () => {
    const m = buildModel(new tf.Graph(), 0.375);
    expect(m.code).toEqual(['const LEARNING_RATE = 0.375', ...FORWARD_CODE, ...LOSS_CODE, ...TRAIN_CODE]);
    const lr = m.graph.get_operations().find((o) => o.type === 'Const' && o.name.endsWith('learning_rate'))!;
    const sess = new tf.Session({ graph: m.graph, backend: 'cpu' });
    try {
      expect((await sess.run(lr.outputs[0]!)).item()).toBe(0.375);
    } finally {
      sess.close();
    }
  });

  it("buildModel's code, run again in a fresh notebook, builds the same GraphDef node for node", () => {
    const m = buildModel(new tf.Graph(), 0.1);
    const graph = new tf.Graph();
    const nb = new Notebook({ tf }, { graph });
    for (const line of m.code) nb.runSync(line);
    expect(JSON.stringify(graph.as_graph_def())).toBe(JSON.stringify(m.graph.as_graph_def()));
  });

  it('buildForwardModel leaves the optimizer out, and its statement out of its code', () => {
    const m = buildForwardModel(new tf.Graph());
    expect(m.training).toBeNull();
    expect(m.code.some((l) => l.includes('GradientDescentOptimizer') || l.includes('LEARNING_RATE'))).toBe(false);
    expect(m.graph.get_operations().some((o) => o.name.startsWith('gradients/'))).toBe(false);
    expect(m.accuracy.op.type).toBe('Mean');
  });

  it('refuses a learning rate with no digits to print (NaN, Infinity)', () => {
    expect(() => buildModel(new tf.Graph(), Number.NaN)).toThrow(RangeError);
    expect(() => buildModel(new tf.Graph(), Infinity)).toThrow(RangeError);
  });
});
