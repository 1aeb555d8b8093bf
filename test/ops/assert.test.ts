// tf.Assert as TF1 r1.12 builds and runs it: the op alone when every data value is a string or int32 tensor, else
// inside the `AssertGuard` cond; the kernel's message as TF1's AssertOp formats the data (Tensor::SummarizeValue).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { import_graph_def } from '../../src/graph/import_graph_def.js';
import { summarizeValue } from '../../src/session/kernels/logging.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode } from '../helpers/protoc.js';
import { inSession, np, rejected } from '../tf1/helpers.js';

const nodes = (g: tf.Graph): string[] =>
  g.get_operations().map((op) => `${op.name} ${op.type}(${[...op.inputs.map((t) => t.name), ...op.control_inputs.map((c) => `^${c.name}`)].join(', ')})`);

/** The message of the run that fetches a tensor depending on the Assert. */
async function failure(build: () => tf.Operation): Promise<Error> {
  return inSession(async (g, sess) => {
    const out = g.as_default(() => tf.control_dependencies([build()], () => tf.identity(tf.constant(1))));
    return rejected(sess.run(out));
  });
}

describe('tf.Assert', () => {
  it("builds one Assert op under Assert/ when the data are strings and int32, with TF1's T list attr", () => {
    const g = new tf.Graph();
    const op = g.as_default(() => {
      const x = tf.placeholder(tf.int32, [], 'x');
      return tf.Assert(tf.less(x, 3), ['x is', x]);
    });
    expect(op.name).toBe('Assert/Assert');
    expect(op.type).toBe('Assert');
    expect(nodes(g).slice(3)).toEqual(['Assert/Const Const()', 'Assert/Assert/data_0 Const()', 'Assert/Assert Assert(Less:0, Assert/Assert/data_0:0, x:0)']);
    expect(op.get_attr('T')).toEqual(['string', 'int32']);
    expect(op.get_attr('summarize')).toBe(3);
    expect(op.toString()).toContain('key: "T"\n  value {\n    list {\n      type: DT_STRING\n      type: DT_INT32\n    }\n  }');
  });

  it('guards the op with the AssertGuard cond for other dtypes and returns the Merge op', () => {
    const g = new tf.Graph();
    const op = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [], 'x');
      return tf.Assert(tf.less(x, 3), [x], { summarize: 5 });
    });
    expect(op.name).toBe('Assert/AssertGuard/Merge');
    const names = g.get_operations().map((o) => o.name);
    expect(names).toContain('Assert/AssertGuard/NoOp');
    expect(names).toContain('Assert/AssertGuard/Assert');
    const a = g.get_operation_by_name('Assert/AssertGuard/Assert');
    expect(a.inputs.map((t) => t.name)).toEqual(['Assert/AssertGuard/Assert/Switch:0', 'Assert/AssertGuard/Assert/Switch_1:0']);
    expect(a.get_attr('summarize')).toBe(5);
  });

  it("passes when the condition holds and fails with TF1's message otherwise, on both routes", async () => {
    await inSession(async (g, sess) => {
      const [ok, xi, xf] = g.as_default(() => {
        const xi = tf.placeholder(tf.int32, [], 'xi');
        const xf = tf.placeholder(tf.float32, [2], 'xf');
        const check = tf.Assert(tf.less(xi, 10), ['xi:', xi, tf.add(xi, 1)]);
        const checkF = tf.Assert(tf.reduce_all(tf.greater(xf, 0)), ['xf must be positive:', xf]);
        return [tf.control_dependencies([check, checkF], () => tf.identity(xi)), xi, xf];
      });
      const feeds = (i: number, f: number[]) =>
        new Map([
          [xi, np(i, 'int32')],
          [xf, np(f, 'float32')],
        ]);
      expect((await sess.run(ok, feeds(3, [1, 2]))).item()).toBe(3);
      const e = await rejected(sess.run(ok, feeds(12, [1, 2])));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toMatch(/^assertion failed: \[xi:\] \[12\] \[13\]/);
      const f = await rejected(sess.run(ok, feeds(1, [0.5, -1.25])));
      expect(f).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(f.message).toMatch(/^assertion failed: \[xf must be positive:\] \[0.5 -1.25\]/);
    });
  });

  it('prints at most `summarize` entries, nested dimensions in brackets, as Tensor::SummarizeValue', async () => {
    const e = await failure(() =>
      tf.Assert(false, [
        tf.constant([
          [1, 2],
          [3, 4],
        ]),
        tf.constant([1.5, 0.1, 1e-7, 3e20], tf.float32),
        tf.constant([true, false]),
      ]),
    );
    expect(e.message).toMatch(/^assertion failed: \[\[1 2\]\[3\.\.\.\]\.\.\.\] \[1\.5 0\.1 1e-07\.\.\.\] \[1 0\]/);
    const all = await failure(() => tf.Assert(false, [tf.constant([1, 2, 3, 4, 5])], { summarize: -1 }));
    expect(all.message).toMatch(/^assertion failed: \[1 2 3 4 5\]/);
  });

  it("formats numbers as C++'s StrCat: %g with 6 (float) or 15 (double) digits, more when they do not read back", () => {
    const f32 = (v: number[]) => new tf.NDArray(Float32Array.from(v), [v.length], 'float32');
    expect(summarizeValue(f32([0.1, 1 / 3, 100000, 1234567, NaN, -Infinity]), 6)).toBe('0.1 0.333333343 100000 1234567 nan -inf');
    expect(summarizeValue(new tf.NDArray(Float64Array.of(0.1, 1 / 3, 1e-5), [3], 'float64'), 3)).toBe('0.1 0.33333333333333331 1e-05');
    expect(summarizeValue(tf.NDArray.fromStrings(['a"b\n'], []), 3)).toBe('a\\"b\\n');
    expect(summarizeValue(tf.NDArray.zeros([0], 'float32'), 3)).toBe('');
  });

  it("refuses a condition that is not a scalar as TF1's kernel does", async () => {
    const e = await failure(() => tf.Assert(tf.constant([true, false]), ['x']));
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toMatch(/^In\[0\] should be a scalar: \[2\]/);
  });

  it('writes the T list(type) attr protoc reads, and an imported Assert runs', async ({ skip }) => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.int32, [], 'x');
      const check = tf.Assert(tf.less(x, 3), ['too big', x], { name: 'check' });
      tf.control_dependencies([check], () => tf.identity(x, { name: 'out' }));
    });
    const bytes = g.as_graph_def().SerializeToString();
    const g2 = new tf.Graph();
    g2.as_default(() => import_graph_def(tf.GraphDef.FromString(bytes), { name: '' }));
    await inSession(async () => {
      const sess = new tf.Session({ graph: g2, backend: 'cpu' });
      const [x, out] = [g2.get_tensor_by_name('x:0'), g2.get_tensor_by_name('out:0')];
      expect((await sess.run(out, new Map([[x, np(2, 'int32')]]))).item()).toBe(2);
      expect((await rejected(sess.run(out, new Map([[x, np(7, 'int32')]])))).message).toMatch(/^assertion failed: \[too big\] \[7\]/);
      sess.close();
    });
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    const text = protocDecode('tensorflow.GraphDef', bytes);
    expect(text).toContain('name: "check/Assert"\n  op: "Assert"\n  input: "Less"\n  input: "check/Assert/data_0"\n  input: "x"');
    expect(text).toMatch(/key: "T"\n\s+value \{\n\s+list \{\n\s+type: DT_STRING\n\s+type: DT_INT32\n/);
  });
});
