// TF1's tensorflow/python/kernel_tests/string_format_op_test.py (StringFormatOpTest, as r1.12 has it) ported, one `it`
// per method: tf.strings.format's StringFormat op and Tensor::SummarizeValue with print_v2 (core/framework/tensor.cc),
// checked by the string the op makes. The methods' graph mode is what tf1-ts has (no eager).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { evaluate, inSession, thrown } from './helpers.js';

const text = (a: tf.NDArray): string => new TextDecoder().decode(a.strings[0]!);

/** The formatted string `build` makes, evaluated in a fresh graph and session. */
const formatted = async (build: () => tf.Tensor): Promise<string> => text(await evaluate(build));

/** range(n) reshaped. */
const ranged = (n: number, shape?: number[]): tf.Tensor => (shape ? tf.reshape(tf.range(n), shape) : tf.range(n));

const TEN_BY_TEN =
  '[[0 1 2 ... 7 8 9]\n [10 11 12 ... 17 18 19]\n [20 21 22 ... 27 28 29]\n ...\n [70 71 72 ... 77 78 79]\n [80 81 82 ... 87 88 89]\n [90 91 92 ... 97 98 99]]';

/** One 10x10 block of testFormatOneTensorThreeDim's expected string, its first element `b`. */
function block(b: number): string {
  const row = (r: number): string => `[${b + r} ${b + r + 1} ${b + r + 2} ... ${b + r + 7} ${b + r + 8} ${b + r + 9}]`;
  return `[${row(0)}\n  ${row(10)}\n  ${row(20)}\n  ...\n  ${row(70)}\n  ${row(80)}\n  ${row(90)}]`;
}

describe('StringFormatOpTest', () => {
  it('testFormatOneTensorOneDim', async () => {
    expect(await formatted(() => tf.strings.format('{}', ranged(10)))).toBe('[0 1 2 ... 7 8 9]');
    expect(await formatted(() => tf.strings.format('{}', [ranged(10)]))).toBe('[0 1 2 ... 7 8 9]');
  });

  it('testFormatOneVariableScalar', async () => {
    await inSession(async (g, sess) => {
      const out = g.as_default(() => {
        const v = tf.Variable(3.34);
        return tf.strings.format('{}', [v]);
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      expect(text(await sess.run(out))).toBe('3.34');
    });
  });

  it('testFormatOneVariableOneDim', async () => {
    await inSession(async (g, sess) => {
      const out = g.as_default(() => tf.strings.format('{}', [tf.Variable(tf.range(10))]));
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      expect(text(await sess.run(out))).toBe('[0 1 2 ... 7 8 9]');
    });
  });

  it('testFormatTwoVariablesWithAssignAdd', async () => {
    await inSession(async (g, sess) => {
      const { plusOne, out } = g.as_default(() => {
        const varOne = tf.Variable(2.14);
        const plusOne = varOne.assign_add(1.0);
        const varTwo = tf.Variable(tf.range(10));
        return { plusOne, out: tf.strings.format('{}, {}', [varOne, varTwo]) };
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      await sess.run(plusOne);
      expect(text(await sess.run(out))).toBe('3.14, [0 1 2 ... 7 8 9]');
    });
  });

  it('testFormatOneTensorOneDimFloat', async () => {
    const out = await formatted(() => tf.strings.format('{}', tf.constant([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])));
    expect(out).toBe('[0 0.1 0.2 ... 0.5 0.6 0.7]');
  });

  it('testFormatOneTensorOneDimMatchesSummarize', async () => {
    expect(await formatted(() => tf.strings.format('{}', ranged(6), { summarize: 3 }))).toBe('[0 1 2 3 4 5]');
  });

  it('testFormatOneTensorOneDimVarySummarize', async () => {
    expect(await formatted(() => tf.strings.format('{}', ranged(6), { summarize: -1 }))).toBe('[0 1 2 3 4 5]');
    expect(await formatted(() => tf.strings.format('{}', ranged(6), { summarize: 1 }))).toBe('[0 ... 5]');
    expect(await formatted(() => tf.strings.format('{}', ranged(6), { summarize: 2 }))).toBe('[0 1 ... 4 5]');
    expect(await formatted(() => tf.strings.format('{}', ranged(6), { summarize: 10 }))).toBe('[0 1 2 3 4 5]');
  });

  it('testFormatOneTensorOneDimAlmostSummarize', async () => {
    expect(await formatted(() => tf.strings.format('{}', ranged(5), { summarize: 3 }))).toBe('[0 1 2 3 4]');
  });

  it('testFormatOneTensorTwoDimLessThanSummarize', async () => {
    expect(await formatted(() => tf.strings.format('{}', ranged(4, [2, 2]), { summarize: 3 }))).toBe('[[0 1]\n [2 3]]');
  });

  it('testFormatOneTensorTwoDim', async () => {
    expect(await formatted(() => tf.strings.format('{}', ranged(100, [10, 10])))).toBe(TEN_BY_TEN);
  });

  it('testFormatOneTensorTwoDimSummarizeTwo', async () => {
    const out = await formatted(() => tf.strings.format('{}', ranged(100, [10, 10]), { summarize: 2 }));
    expect(out).toBe('[[0 1 ... 8 9]\n [10 11 ... 18 19]\n ...\n [80 81 ... 88 89]\n [90 91 ... 98 99]]');
  });

  it('testFormatOneTensorThreeDim', async () => {
    const out = await formatted(() => tf.strings.format('{}', ranged(1000, [10, 10, 10])));
    const blocks = [0, 100, 200].map(block).concat(['...'], [700, 800, 900].map(block));
    expect(out).toBe(`[${blocks.join('\n\n ')}]`);
    // the expected string's start, spelled out as TF1's test has it
    expect(out.startsWith('[[[0 1 2 ... 7 8 9]\n  [10 11 12 ... 17 18 19]\n  [20 21 22 ... 27 28 29]\n  ...\n  [70 71 72 ... 77 78 79]\n')).toBe(true);
    expect(out).toContain('  [290 291 292 ... 297 298 299]]\n\n ...\n\n [[700 701 702 ... 707 708 709]\n');
  });

  it('testFormatOneTensorTemplatePrefix', async () => {
    expect(await formatted(() => tf.strings.format('tensor summary: {}', ranged(100, [10, 10])))).toBe(`tensor summary: ${TEN_BY_TEN}`);
  });

  it('testFormatOneTensorTemplatePrefixAndSuffix', async () => {
    expect(await formatted(() => tf.strings.format('tensor summary: {}, suffix', ranged(100, [10, 10])))).toBe(`tensor summary: ${TEN_BY_TEN}, suffix`);
  });

  it('testFormatOneTensorTemplateSuffix', async () => {
    expect(await formatted(() => tf.strings.format('{}, suffix', ranged(100, [10, 10])))).toBe(`${TEN_BY_TEN}, suffix`);
  });

  it('testFormatNoTensor', async () => {
    expect(await formatted(() => tf.strings.format('No tensor.', []))).toBe('No tensor.');
  });

  it('testFormatMultiTensor', async () => {
    const out = await formatted(() => {
      const one = ranged(100, [10, 10]);
      return tf.strings.format('One: {},\nTwo: {}', [one, one.mul(10)]);
    });
    const two =
      '[[0 10 20 ... 70 80 90]\n [100 110 120 ... 170 180 190]\n [200 210 220 ... 270 280 290]\n ...\n' +
      ' [700 710 720 ... 770 780 790]\n [800 810 820 ... 870 880 890]\n [900 910 920 ... 970 980 990]]';
    expect(out).toBe(`One: ${TEN_BY_TEN},\nTwo: ${two}`);
  });

  it('testFormatSummarizeOne', async () => {
    const out = await formatted(() => tf.strings.format('tensor summary: {}', ranged(100, [10, 10]), { summarize: 1 }));
    expect(out).toBe('tensor summary: [[0 ... 9]\n ...\n [90 ... 99]]');
  });

  it('testFormatSummarizeTwo', async () => {
    const out = await formatted(() => tf.strings.format('tensor summary: {}', ranged(100, [10, 10]), { summarize: 2 }));
    expect(out).toBe('tensor summary: [[0 1 ... 8 9]\n [10 11 ... 18 19]\n ...\n [80 81 ... 88 89]\n [90 91 ... 98 99]]');
  });

  it('testFormatPlaceholder', async () => {
    const out = await formatted(() => tf.strings.format('tensor summary: %t%', ranged(100, [10, 10]), { placeholder: '%t%' }));
    expect(out).toBe(`tensor summary: ${TEN_BY_TEN}`);
  });

  it('testTensorCountMustMatchPlaceholderCount', () => {
    const message = (build: () => unknown): Error => thrown(() => new tf.Graph().as_default(build));
    for (const [template, inputs, placeholders, tensors] of [
      ['{} {}', (t: tf.Tensor) => t, 2, 1],
      ['{} {}', (t: tf.Tensor) => [t], 2, 1],
      ['{}', (t: tf.Tensor) => [t, t], 1, 2],
    ] as const) {
      const e = message(() => tf.strings.format(template, inputs(tf.range(10))));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(new RegExp(`${placeholders} placeholder\\(s\\) in template does not match ${tensors} tensor\\(s\\) provided as input`));
    }
  });
});

describe('StringFormat: the other dtypes SummarizeValue prints (tensor.cc r1.12)', () => {
  it('bools as 1 and 0, strings C-escaped in double quotes, float64 with up to 17 digits, scalars bare', async () => {
    expect(await formatted(() => tf.strings.format('{}', tf.constant([true, false, true, true, false, false, true, false])))).toBe('[1 0 1 ... 0 1 0]');
    expect(await formatted(() => tf.strings.format('{}', tf.constant(['a', 'b"c', 'd\n'])))).toBe('["a" "b\\"c" "d\\n"]');
    expect(await formatted(() => tf.strings.format('{}', tf.constant('s')))).toBe('"s"');
    expect(await formatted(() => tf.strings.format('{} {}', [tf.constant(0.1, tf.float64), tf.constant(-2.5, tf.float32)]))).toBe('0.1 -2.5');
  });

  it('an empty tensor prints its brackets: [] for [0], "..." in place of [3, 0]\'s rows', async () => {
    expect(await formatted(() => tf.strings.format('{}', tf.zeros([0])))).toBe('[]');
    // summarize is capped at the element count (0), so every row is left out
    expect(await formatted(() => tf.strings.format('{}', tf.zeros([3, 0])))).toBe('[\n ...]');
  });

  it("is one StringFormat op with TF1's attributes, inputs named inputs_0, ...; a bad count also fails in the op's shape function", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const f = tf.strings.format('a {} b {}', [1, tf.constant([2.5])], { name: 'fmt' });
      expect(f.op.type).toBe('StringFormat');
      expect(f.op.name).toBe('fmt');
      expect(f.dtype).toBe(tf.string);
      expect(f.shape.ndims).toBe(0);
      expect(f.op.inputs.map((t) => t.op.name)).toEqual(['fmt/inputs_0', 'Const']);
      const text = String(f.op);
      expect([...text.matchAll(/key: "(\w+)"/g)].map((m) => m[1])).toEqual(['T', 'placeholder', 'summarize', 'template']);
      expect(text).toMatch(/key: "T"\n {2}value \{\n {4}list \{\n {6}type: DT_INT32\n {6}type: DT_FLOAT\n/);
      const e = thrown(() => g.create_op('StringFormat', [tf.constant(1)], { template: '{} {}', placeholder: '{}', summarize: 3 }, 'bad'));
      expect(e.message).toMatch(/num placeholders in template and num inputs must match: 2 vs\. 1/);
    });
  });
});
