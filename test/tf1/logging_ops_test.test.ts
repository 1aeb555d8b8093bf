// TF1 r1.12's tensorflow/python/kernel_tests/logging_ops_test.py, PrintGradientTest ported (one `it` per method), with
// what PrintOp (core/kernels/logging_ops.cc) writes to stderr: the message, then each data tensor in brackets as
// Tensor::SummarizeValue prints it, for the first `first_n` runs of a session; and LoggingOpsTest (tf.Assert).
// PrintV2Test (tf.print) is in logging_ops_test_print_v2.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllEqual, evaluate, inGraph, inSession, rejected } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `fetch` `times` times in one session, returning what was written to stderr. */
async function printed(build: () => tf.Tensor, times = 1): Promise<string[]> {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  await inSession(async (g, sess) => {
    const t = g.as_default(build);
    for (let i = 0; i < times; i++) await sess.run(t);
  });
  return lines;
}

describe('LoggingOpsTest', () => {
  it('testAssertDivideByZero', async () => {
    await inSession(async (g, sess) => {
      const { ok, bad } = g.as_default(() => {
        const epsilon = tf.convert_to_tensor(1e-20, tf.float32);
        const x = tf.convert_to_tensor(0.0, tf.float32);
        const y = tf.convert_to_tensor(1.0, tf.float32);
        const z = tf.convert_to_tensor(2.0, tf.float32);
        const ok = g.control_dependencies([tf.Assert(tf.less(epsilon, y), ['Divide-by-zero'])], () => tf.div(z, y));
        // This tests printing out multiple tensors
        const bad = g.control_dependencies([tf.Assert(tf.less(epsilon, x), ['Divide-by-zero', 'less than x'])], () => tf.div(z, x));
        return { ok, bad };
      });
      assertAllEqual(await sess.run(ok), 2.0);
      const e = await rejected(sess.run(bad));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toMatch(/less than x/);
    });
  });
});

describe('PrintGradientTest', () => {
  it('testPrintShape', () => {
    inGraph(() => {
      const inp = tf.fill([100, 32], 2.0);
      const inpPrinted = tf.Print(inp, [inp]);
      expect(String(inpPrinted.shape)).toBe(String(inp.shape));
    });
  });

  it('testPrintString', () => {
    inGraph(() => {
      const inp = tf.fill([100, 32], 2.0);
      const inpPrinted = tf.Print(inp, ['hello']);
      expect(String(inpPrinted.shape)).toBe(String(inp.shape));
    });
  });

  it('testPrintGradient', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const [wxg, wxpg] = await evaluate(() => {
      const inp = tf.fill([100, 32], tf.constant(2.0, tf.float32), { name: 'in' });
      const w = tf.fill([10, 100], tf.constant(4.0, tf.float32), { name: 'w' });
      const wx = tf.matmul(w, inp, { name: 'wx' });
      const wxPrint = tf.Print(wx, [w, w, w]);
      return [denseGradients(wx, w)[0]!, denseGradients(wxPrint, w)[0]!];
    });
    assertAllEqual(wxg!, wxpg!);
  });
});

describe('PrintOp: what it writes and returns', () => {
  it('writes the message and each data tensor in brackets, summarized to 3 entries, and returns its input', async () => {
    const lines = await printed(() =>
      tf.Print(
        tf.constant([1, 2, 3, 4], tf.float32),
        [
          tf.constant(
            [
              [1.5, 2],
              [3, 4],
            ],
            tf.float32,
          ),
          'hi',
          7,
        ],
        { message: 'x: ' },
      ),
    );
    // SummarizeValue stops after 3 entries: "..." where the row was cut, and again after the whole
    expect(lines).toEqual(['x: [[1.5 2][3...]...][hi][7]']);
    const [out] = await evaluate(() => {
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      return [tf.Print(tf.constant([1, 2, 3], tf.int32), [])];
    });
    expect([...out!.data]).toEqual([1, 2, 3]);
  });

  it('first_n: the first n runs of a session only; negative (the default) every run; summarize -1 every entry', async () => {
    expect(await printed(() => tf.Print(tf.constant(1), [tf.constant([1, 2, 3, 4, 5])], { first_n: 2 }), 4)).toEqual(['[1 2 3...]', '[1 2 3...]']);
    expect(await printed(() => tf.Print(tf.constant(1), [tf.constant([1, 2, 3, 4, 5])], { summarize: -1 }), 3)).toEqual(Array(3).fill('[1 2 3 4 5]'));
  });

  it("is one Print op with TF1's attributes (T, U, message, first_n, summarize) and inputs input, data_0, ...", () => {
    inGraph(() => {
      const p = tf.Print([1.5, 2], [3], 'm');
      expect(p.op.name).toBe('Print');
      expect(p.op.type).toBe('Print');
      expect(p.op.inputs.map((t) => t.op.name)).toEqual(['Print/input', 'Print/data_0']);
      const text = String(p.op);
      expect([...text.matchAll(/key: "(\w+)"/g)].map((m) => m[1])).toEqual(['T', 'U', 'first_n', 'message', 'summarize']);
      expect(text).toMatch(/key: "U"\n {2}value \{\n {4}list \{\n {6}type: DT_INT32\n/);
      expect(text).toMatch(/key: "first_n"\n {2}value \{\n {4}i: -1\n/);
    });
  });
});
