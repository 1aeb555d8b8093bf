// The graph tf.cond builds and its gradient, node by node, with TF1 r1.12's names (control_flow_ops.py's cond and
// CondContext, control_flow_grad.py's cond_grad), and what runs: only the taken branch's ops.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { import_graph_def } from '../../src/graph/import_graph_def.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode } from '../helpers/protoc.js';

const nodes = (g: tf.Graph): string[] =>
  g.get_operations().map((op) => `${op.name} ${op.type}(${[...op.inputs.map((t) => t.name), ...op.control_inputs.map((c) => `^${c.name}`)].join(', ')})`);

describe('tf.cond graph', () => {
  it("has TF1's nodes: cond/Switch, switch_t, switch_f, pred_id, a Switch per external value, consts after the pivot, Merge", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant(2, { name: 'x' });
      const y = tf.constant(5, { name: 'y' });
      tf.cond(
        tf.less(x, y),
        () => tf.multiply(x, 17),
        () => tf.add(y, 23),
      );
    });
    expect(nodes(g).slice(3)).toEqual([
      'cond/Switch Switch(Less:0, Less:0)',
      'cond/switch_t Identity(cond/Switch:1)',
      'cond/switch_f Identity(cond/Switch:0)',
      'cond/pred_id Identity(Less:0)',
      'cond/Mul/y Const(^cond/switch_t)',
      'cond/Mul Mul(cond/Mul/Switch:1, cond/Mul/y:0)',
      'cond/Mul/Switch Switch(x:0, cond/pred_id:0)',
      'cond/Add/y Const(^cond/switch_f)',
      'cond/Add Add(cond/Add/Switch:0, cond/Add/y:0)',
      'cond/Add/Switch Switch(y:0, cond/pred_id:0)',
      'cond/Merge Merge(cond/Add:0, cond/Mul:0)',
    ]);
  });

  it("differentiates as TF1: Merge's gradient is a Switch named cond_grad, a branch Switch's a Merge named cond_grad", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant(2, tf.float32, { name: 'x' });
      const r = tf.cond(
        tf.constant(true),
        () => tf.square(x),
        () => x,
      );
      tf.gradients(r, [x]);
    });
    const byName = new Map(g.get_operations().map((op) => [op.name, op.type]));
    expect(byName.get('gradients/cond/Merge_grad/cond_grad')).toBe('Switch');
    expect(byName.get('gradients/cond/Square/Switch_grad/cond_grad')).toBe('Merge');
    expect(byName.get('gradients/cond/Switch_1_grad/cond_grad')).toBe('Merge');
  });

  it('runs only the taken branch: an assign in the other one leaves its variable as it was', async () => {
    const g = new tf.Graph();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const { v, r, p } = g.as_default(() => {
      const v = tf.Variable(tf.constant(0, tf.float32));
      const p = tf.placeholder(tf.bool, []);
      const r = tf.cond(
        p,
        () => tf.assign_add(v, 1),
        () => tf.identity(v),
      );
      return { v, r, p };
    });
    await sess.run(v.initializer);
    const feed = (b: boolean) => new Map([[p, new tf.NDArray(Uint8Array.of(b ? 1 : 0), [], 'bool')]]);
    expect((await sess.run(r, feed(false))).item()).toBe(0);
    expect((await sess.run(r, feed(true))).item()).toBe(1);
    expect((await sess.run(r, feed(false))).item()).toBe(1);
    sess.close();
  });

  it("writes Switch and Merge as TF1's NodeDefs (protoc reads them), and an imported cond and its gradient run", async ({ skip }) => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float32, [], 'x');
      const r = tf.cond(
        tf.greater(x, 0),
        () => tf.square(x),
        () => tf.negative(x),
      );
      tf.gradients(r, [x], { name: 'grad' });
    });
    const bytes = g.as_graph_def().SerializeToString();
    const g2 = new tf.Graph();
    g2.as_default(() => import_graph_def(tf.GraphDef.FromString(bytes), { name: '' }));
    const sess = new tf.Session({ graph: g2, backend: 'cpu' });
    const x = g2.get_tensor_by_name('x:0');
    const fetches = [g2.get_tensor_by_name('cond/Merge:0'), g2.get_tensor_by_name('grad/AddN:0')];
    const at = async (v: number) => (await sess.run(fetches, new Map([[x, new tf.NDArray(Float32Array.of(v), [], 'float32')]]))).map((a) => a.item());
    expect(await at(-3)).toEqual([3, -1]);
    expect(await at(2)).toEqual([4, 4]);
    sess.close();
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    const text = protocDecode('tensorflow.GraphDef', bytes);
    expect(text).toContain('name: "cond/Merge"\n  op: "Merge"\n  input: "cond/Neg"\n  input: "cond/Square"');
    expect(text).toContain('name: "cond/switch_t"\n  op: "Identity"\n  input: "cond/Switch:1"');
    expect(text).toContain('op: "Switch"');
  });
});
