// TF1 r1.12's tensorflow/python/kernel_tests/logging_ops_test.py, PrintV2Test ported (one `it` per method): tf.print
// builds a StringFormat op and a PrintV2 op, and each printed line is checked as TF1 checks what reached the stream
// (console.error for sys.stderr and the log levels, console.log for sys.stdout). Its eager, defun and SparseTensor
// methods are not ported (test/tf1/NOT_PORTED.md). The rest of the file: logging_ops_test.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, inSession, rejected, thrown } from './helpers.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `build`'s op in a fresh session after running `before` (each fetch once, in order); the lines written to `stream`. */
async function printedV2(
  build: () => tf.Operation,
  stream: 'error' | 'log' = 'error',
  before: () => (tf.Operation | tf.Tensor)[] = () => [],
): Promise<string[]> {
  const lines: string[] = [];
  vi.spyOn(console, stream).mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  await inSession(async (g, sess) => {
    const first = g.as_default(before);
    for (const f of first) await sess.run(f);
    await sess.run(g.as_default(build));
  });
  return lines;
}

/** `printedV2` of what `build` makes (variables among it), global_variables_initializer run first. */
function afterInit(build: () => tf.Operation): Promise<string[]> {
  let p: tf.Operation | null = null;
  return printedV2(
    () => p!,
    'error',
    () => {
      p = build();
      return [tf.global_variables_initializer()];
    },
  );
}

describe('PrintV2Test', () => {
  it('testPrintOneTensor', async () => {
    expect(await printedV2(() => tf.print(tf.range(10)))).toContain('[0 1 2 ... 7 8 9]');
  });

  it('testPrintOneStringTensor', async () => {
    const tensor = () => tf.convert_to_tensor([...'abcdefghijklmnopqrstuvwxyz']);
    expect(await printedV2(() => tf.print(tensor()))).toContain('["a" "b" "c" ... "x" "y" "z"]');
  });

  it('testPrintOneTensorVarySummarize', async () => {
    expect(await printedV2(() => tf.print(tf.range(10), { summarize: 1 }))).toContain('[0 ... 9]');
    expect(await printedV2(() => tf.print(tf.range(10), { summarize: 2 }))).toContain('[0 1 ... 8 9]');
    expect(await printedV2(() => tf.print(tf.range(10), { summarize: 3 }))).toContain('[0 1 2 ... 7 8 9]');
    expect(await printedV2(() => tf.print(tf.range(10), { summarize: -1 }))).toContain('[0 1 2 3 4 5 6 7 8 9]');
  });

  it('testPrintOneVariable', async () => {
    expect(await afterInit(() => tf.print(tf.Variable(tf.range(10))))).toContain('[0 1 2 ... 7 8 9]');
  });

  it('testPrintTwoVariablesInStructWithAssignAdd', async () => {
    let print: tf.Operation | null = null;
    const lines = await printedV2(
      () => print!,
      'error',
      () => {
        const varOne = tf.Variable(2.14);
        const plusOne = varOne.assign_add(1.0);
        const varTwo = tf.Variable(tf.range(10));
        print = tf.print(varOne, { second: varTwo }, {});
        return [tf.global_variables_initializer(), plusOne];
      },
    );
    expect(lines).toContain("3.14 {'second': [0 1 2 ... 7 8 9]}");
  });

  it('testPrintTwoTensors', async () => {
    const lines = await printedV2(() => {
      const tensor = tf.range(10);
      return tf.print(tensor, tensor.mul(10));
    });
    expect(lines).toContain('[0 1 2 ... 7 8 9] [0 10 20 ... 70 80 90]');
  });

  it('testPrintPlaceholderGeneration', async () => {
    const lines = await printedV2(() => tf.print('{}6', { '{}': tf.range(10).mul(10) }, {}));
    expect(lines).toContain("{}6 {'{}': [0 10 20 ... 70 80 90]}");
  });

  it('testPrintNoTensors', async () => {
    expect(await printedV2(() => tf.print(23, [23, 5], { '6': 12 }, {}))).toContain("23 [23, 5] {'6': 12}");
  });

  it('testPrintFloatScalar', async () => {
    expect(await printedV2(() => tf.print(tf.convert_to_tensor(434.43)))).toContain('434.43');
  });

  it('testPrintStringScalar', async () => {
    expect(await printedV2(() => tf.print(tf.convert_to_tensor('scalar')))).toContain('scalar');
  });

  it('testPrintComplexTensorStruct', async () => {
    const lines = await printedV2(() => {
      const tensor = tf.range(10);
      const smallTensor = tf.constant([0.3, 12.4, -16.1]);
      const bigTensor = tf.multiply(tensor, 10);
      return tf.print('first:', tensor, 'middle:', { small: smallTensor, Big: bigTensor }, 10, [tensor.mul(2), tensor]);
    });
    // the keys in the dict are sorted, so 'Big' comes before 'small'
    expect(lines).toContain(
      "first: [0 1 2 ... 7 8 9] middle: {'Big': [0 10 20 ... 70 80 90], 'small': [0.3 12.4 -16.1]} 10 [[0 2 4 ... 14 16 18], [0 1 2 ... 7 8 9]]",
    );
  });

  it('testPrintOneTensorStdout', async () => {
    expect(await printedV2(() => tf.print(tf.range(10), { output_stream: 'stdout' }), 'log')).toContain('[0 1 2 ... 7 8 9]');
  });

  // tf.logging.info, .warning, .error: LOG(INFO), LOG(WARNING), LOG(ERROR) write to stderr, after their prefix
  for (const [method, level, letter] of [
    ['testPrintOneTensorLogInfo', 'info', 'I'],
    ['testPrintOneTensorLogWarning', 'warning', 'W'],
    ['testPrintOneTensorLogError', 'error', 'E'],
  ] as const) {
    it(method, async () => {
      const lines = await printedV2(() => tf.print(tf.range(10), { output_stream: level }));
      expect(lines.join('\n')).toContain('[0 1 2 ... 7 8 9]');
      expect(lines[0]).toMatch(
        new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}: ${letter} tensorflow/core/kernels/logging_ops.cc\\] \\[0 1 2 \\.\\.\\. 7 8 9\\]$`),
      );
    });
  }

  it('testInvalidOutputStreamRaisesError', () => {
    inGraph(() => {
      const e = thrown(() => tf.print(tf.range(10), { output_stream: 'unknown' }));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/^Unsupported output stream or logging level unknown\./);
    });
  });

  it('testPrintOpName', () => {
    inGraph(() => {
      const printOp = tf.print(tf.range(10), { name: 'print_name' });
      expect(printOp.name).toBe('print_name');
      // its StringFormat is named after it
      expect(printOp.inputs[0]!.op.name).toBe('print_name_format');
    });
  });

  it('testNoDuplicateFormatOpGraphModeAfterExplicitFormat', async () => {
    await inSession(async (g, sess) => {
      const printOp = g.as_default(() => tf.print(tf.strings.format('{}', tf.range(10))));
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      await sess.run(printOp);
      expect(g.get_operations().filter((op) => op.type === 'StringFormat')).toHaveLength(1);
    });
  });
});

describe('tf.print: the graph it builds and the inputs it takes', () => {
  it("is a PrintV2 op reading a StringFormat op: TF1's attributes, the template with '{}' where each tensor goes", () => {
    inGraph((g) => {
      const p = tf.print('x:', tf.constant([1, 2]), [tf.constant(1.5), 'y']);
      expect(p.type).toBe('PrintV2');
      expect(p.name).toBe('PrintV2');
      expect(p.outputs).toHaveLength(0);
      const fmt = p.inputs[0]!.op;
      expect(fmt.type).toBe('StringFormat');
      expect(fmt.get_attr('template')).toBe("x: {} [{}, 'y']");
      expect(fmt.get_attr('placeholder')).toBe('{}');
      expect(fmt.get_attr('summarize')).toBe(3);
      expect(p.get_attr('output_stream')).toBe('stderr');
      expect(g.get_operations().map((op) => op.type)).toEqual(['Const', 'Const', 'StringFormat', 'PrintV2']);
    });
  });

  it("lengthens the placeholder with r1.12's digits while the template holds it; a string scalar alone goes straight to PrintV2", () => {
    inGraph(() => {
      const once = tf.print('{}', tf.constant(1)).inputs[0]!.op;
      expect(once.get_attr('placeholder')).toBe('{}9');
      expect(once.get_attr('template')).toBe('{} {}9');
      const twice = tf.print('{} {}9', tf.constant(1)).inputs[0]!.op;
      expect(twice.get_attr('placeholder')).toBe('{}94');
      const s = tf.constant('hi');
      expect(tf.print(s).inputs[0]).toBe(s);
    });
  });

  it("wraps a structure wider than pprint's 80 columns one item a line, as TF1's template does", async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await inSession(async (g, sess) => {
      // pprint.pformat(['{}'] * 20) is 100 columns on one line
      await sess.run(g.as_default(() => tf.print(Array.from({ length: 20 }, (_, i) => tf.constant(i)))));
    });
    expect(lines).toEqual([`[${Array.from({ length: 20 }, (_, i) => i).join(',\n ')}]`]);
  });

  it('prints a string tensor of rank 1 quoted, and each run prints again', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await inSession(async (g, sess) => {
      const p = g.as_default(() => tf.print('s:', tf.constant(["it's"])));
      await sess.run(p);
      await sess.run(p);
    });
    // CEscape escapes the single quote too
    expect(lines).toEqual(Array(2).fill(`s: ["it\\'s"]`));
  });

  it("refuses a wrong kind of option with TF1's TypeError, and a non-scalar string fed to PrintV2 before it runs", async () => {
    inGraph(() => {
      expect(thrown(() => tf.print(tf.constant(1), { summarize: 'x' as unknown as number }))).toBeInstanceOf(tf.errors.TypeError);
    });
    await inSession(async (g, sess) => {
      const { ph, p } = g.as_default(() => {
        const ph = tf.placeholder(tf.string);
        return { ph, p: g.create_op('PrintV2', [ph], { output_stream: 'stderr' }, 'PrintV2') };
      });
      const e = await rejected(sess.run(p, new Map([[ph, tf.NDArray.fromStrings(['a', 'b'])]])));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      // the session checks the fed shape against PrintV2's shape function before any kernel runs (TF1's kernel
      // would say "Input is expected to be scalar, but got [2]")
      expect(e.message).toMatch(/^Shape must be rank 0 but is rank 1 for 'PrintV2'/);
    });
  });
});
