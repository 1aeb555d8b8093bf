import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { Notebook } from '../../src/tutorial/notebook.js';

/** A notebook with `tf` that prints into a list. */
function notebook(graph?: tf.Graph): { nb: Notebook; lines: string[] } {
  const lines: string[] = [];
  return { nb: new Notebook({ tf }, { print: (l) => lines.push(l), graph }), lines };
}

describe('the tutorial notebook: each printed statement is the text that runs', () => {
  it('prints a statement as `> ` lines, then runs that text and prints its value, as a REPL', async () => {
    const { nb, lines } = notebook();
    await nb.run('const a = 2 + 3');
    expect(await nb.run('a * 2')).toBe(10);
    expect(lines).toEqual(['> const a = 2 + 3', '> a * 2', '10']);
  });

  it('binds names from const, let, plain and destructuring assignments for later statements', async () => {
    const { nb } = notebook();
    await nb.run('[p, q] = [1, 2]');
    await nb.run('let r = p + q');
    await nb.run('r = r * 10');
    await nb.run('const s = [p, q, r]');
    expect(nb.get('s', Array)).toEqual([1, 2, 30]);
  });

  it('prints a value with String(), one line at a time; undefined and null print nothing (Jupyter prints nothing for None)', async () => {
    const { nb, lines } = notebook();
    await nb.run('tf.NDArray.zeros([2, 2])');
    await nb.run('undefined');
    await nb.run('null');
    expect(lines).toEqual(['> tf.NDArray.zeros([2, 2])', '[[0. 0.]', ' [0. 0.]]', '> undefined', '> null']);
  });

  it('keeps a trailing // comment in the printed statement without breaking it', async () => {
    const { nb, lines } = notebook();
    await nb.run('const k = [0, 1]  // the label 1');
    await nb.run('k.length  // two');
    expect(lines).toEqual(['> const k = [0, 1]  // the label 1', '> k.length  // two', '2']);
  });

  it("assigning to a const name is JavaScript's TypeError; a new const replaces it, as a browser console allows", async () => {
    const { nb } = notebook();
    await nb.run('const c = 1');
    await expect(nb.run('c = 2')).rejects.toThrow(new TypeError('Assignment to constant variable.'));
    await expect(nb.run('[c] = [2]')).rejects.toThrow(TypeError);
    await expect(nb.run('tf = null')).rejects.toThrow(TypeError);
    await nb.run('const c = 3');
    expect(nb.value('c')).toBe(3);
  });

  it('runs a for statement as written: its own declarations stay inside, its assignments to notebook names persist', async () => {
    const { nb, lines } = notebook();
    await nb.run('let total = 0');
    await nb.run(['for (const i of [1, 2, 3]) {', '  const twice = 2 * i;', '  total += twice;', '}'].join('\n'));
    expect(nb.value('total')).toBe(12);
    expect(nb.has('twice')).toBe(false);
    expect(lines.slice(1)).toEqual(['> for (const i of [1, 2, 3]) {', '>   const twice = 2 * i;', '>   total += twice;', '> }']);
  });

  it("builds a statement's ops (made before its first await) in its graph, TF1's `with g.as_default():`, not the default graph", async () => {
    const graph = new tf.Graph();
    const { nb } = notebook(graph);
    const before = tf.get_default_graph().get_operations().length;
    await nb.run('const sess = new tf.Session({ backend: "cpu" })');
    expect(await nb.run('await sess.run(tf.constant([1, 2]).add(tf.constant([3, 4])))')).toBeInstanceOf(tf.NDArray);
    expect(nb.get('sess', tf.Session).graph).toBe(graph);
    expect(graph.get_operations().map((o) => o.type)).toEqual(['Const', 'Const', 'Add']);
    expect(tf.get_default_graph().get_operations()).toHaveLength(before);
    nb.get('sess', tf.Session).close();
  });

  it('runSync runs a statement at once and refuses one with await (a SyntaxError, as JavaScript gives)', () => {
    const { nb } = notebook();
    expect(nb.runSync('const z = tf.zeros([2])')).toBeInstanceOf(tf.Tensor);
    expect(() => nb.runSync('await 1')).toThrow(SyntaxError);
    expect(() => nb.runSync('const = 1')).toThrow(SyntaxError);
    expect(() => nb.runSync('[a, if] = [1, 2]')).toThrow(SyntaxError);
    expect(nb.has('const')).toBe(false);
  });

  it('a statement that throws binds nothing; get() checks the type it asks for', async () => {
    const { nb } = notebook();
    await expect(nb.run('const bad = tf.placeholder("float17")')).rejects.toThrow();
    expect(nb.has('bad')).toBe(false);
    await nb.run('const n = 3');
    expect(() => nb.get('n', tf.Tensor)).toThrow(new TypeError("the notebook's n is not a Tensor: 3"));
  });
});
