// One walker over the public API keeps TF1's calling convention true for every function: each declares
// TF1's parameters in TF1's order (tf1_signatures.ts), and each refuses, with Python's TypeError, an unknown
// keyword, too many positional values, a missing required one, and a value of the wrong kind in any position.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { signatureOf, type Signature } from '../../src/framework/args.js';
import { MESSAGE_FIELDS } from '../../src/session/config.js';
import { EXTENSIONS, TF1_SIGNATURES } from './tf1_signatures.js';
import { NOT_CALLED, isClass, publicCallables, type Callable } from './public_api.js';

/** Calls a function, class or method, turning a synchronous throw and a rejected Promise alike into the error. */
async function errorOf(call: () => unknown): Promise<unknown> {
  try {
    const r = call();
    if (r instanceof Promise) await r;
  } catch (e) {
    return e;
  }
  return null;
}

// Functions whose last argument is Python's `with` block.
const BLOCK = new Set(['name_scope', 'control_dependencies', 'variable_scope']);

function invoker(path: string, f: Callable, self?: object): (args: unknown[]) => unknown {
  const withBlock = (args: unknown[]): unknown[] => (BLOCK.has(path) ? [...args, () => 0] : args);
  if (self) return (args) => f.apply(self, args);
  if (isClass(f) || path === 'Variable') return (args) => Reflect.construct(f, withBlock(args));
  return (args) => f(...withBlock(args));
}

/** Instances whose methods the walker checks. */
function instances(): Record<string, object> {
  const g = new tf.Graph();
  return g.as_default(() => {
    const v = tf.Variable(tf.zeros([2]), { name: 'v' });
    const loss = tf.reduce_sum(v);
    return {
      Session: new tf.Session({ graph: g, backend: 'cpu' }),
      Optimizer: new tf.train.GradientDescentOptimizer(0.1),
      Saver: new tf.train.Saver([v]),
      SavedModelBuilder: new tf.saved_model.builder.SavedModelBuilder('never-created'),
      Variable: v,
      Tensor: loss,
      Operation: loss.op,
      TFRecordWriter: new tf.python_io.TFRecordWriter(join(mkdtempSync(join(tmpdir(), 'tf1ts-api-')), 'records')),
      FileWriter: new tf.summary.FileWriter(mkdtempSync(join(tmpdir(), 'tf1ts-api-'))),
      RNNCell: new tf.nn.rnn_cell.BasicRNNCell(2),
      TensorArray: new tf.TensorArray(tf.float32, 2),
    };
  });
}

const A_SYMBOL = Symbol('not a value any parameter takes');

async function checkConvention(path: string, sig: Signature, call: (args: unknown[]) => unknown): Promise<void> {
  const params = sig.params;
  const isTypeError = (e: unknown, what: string): void => {
    expect(e, `${path}: ${what}`).toBeInstanceOf(tf.errors.TypeError);
  };
  // tf.print's *inputs take plain objects (dicts to print): a trailing object is its options only when its keys are
  // all option names, so an unknown one is printed, not refused (its option values are checked below).
  if (path === 'print') {
    isTypeError(await errorOf(() => call([{ summarize: 'x' }])), 'wrong kind of option');
    return;
  }
  // An unknown keyword, after every position left empty.
  isTypeError(await errorOf(() => call([...params.map(() => undefined), { no_such_parameter: 1 }])), 'unknown keyword');
  expect(String(await errorOf(() => call([...params.map(() => undefined), { no_such_parameter: 1 }])))).toMatch(
    /unexpected (keyword argument|option) 'no_such_parameter'/,
  );
  if (path === 'group') return; // *inputs: any number of positional values
  // One positional value more than there are parameters.
  isTypeError(await errorOf(() => call(params.map(() => 0).concat([0]))), 'too many positional values');
  // A required parameter left out.
  if (params.some((p) => p.required)) {
    const e = await errorOf(() => call([]));
    isTypeError(e, 'missing required parameter');
    expect(String(e)).toMatch(/missing \d+ required positional argument/);
  }
  // A value of no kind, in each position.
  for (const [i, p] of params.entries()) {
    if (p.kind.what === 'any value') continue;
    isTypeError(await errorOf(() => call([...Array<undefined>(i).fill(undefined), A_SYMBOL])), `a symbol for '${p.name}' (position ${i})`);
  }
}

describe("TF1's calling convention over the whole public API", () => {
  const all = publicCallables();

  it("every public function and class declares its parameters, TF1's where TF1 has it", () => {
    const unsigned: string[] = [];
    const wrong: string[] = [];
    for (const [path, f] of all) {
      if (NOT_CALLED[path] || MESSAGE_FIELDS.has(f)) continue;
      const sig = signatureOf(f);
      if (!sig) {
        unsigned.push(path);
        continue;
      }
      const names = sig.params.map((p) => p.name);
      const expected = EXTENSIONS[path] ?? TF1_SIGNATURES[path];
      if (!expected) wrong.push(`${path}: not in TF1_SIGNATURES or EXTENSIONS`);
      else if (names.join() !== expected.join()) wrong.push(`${path}: (${names.join(', ')}) but TF1 has (${expected.join(', ')})`);
    }
    expect(unsigned, 'public callables without a signature').toEqual([]);
    expect(wrong).toEqual([]);
  });

  it('every TF1 function in the table is public and signed (methods included)', () => {
    const inst = instances();
    const missing: string[] = [];
    for (const [path, names] of Object.entries(TF1_SIGNATURES)) {
      const [owner, method] = path.split('.');
      const f = method && inst[owner!] ? (inst[owner!] as Record<string, unknown>)[method] : all.get(path);
      const sig = signatureOf(f);
      if (!sig) missing.push(path);
      else if (!EXTENSIONS[path] && sig.params.map((p) => p.name).join() !== names.join()) missing.push(`${path} (parameters differ)`);
    }
    expect(missing).toEqual([]);
  });

  it('every public function refuses an unknown keyword, extra positional values, a missing argument and a wrong kind with TypeError', async () => {
    for (const [path, f] of all) {
      const sig = signatureOf(f);
      if (!sig || NOT_CALLED[path]) continue;
      await tf.Graph.prototype.as_default.call(new tf.Graph(), () => checkConvention(path, sig, invoker(path, f)));
    }
  });

  it('protobuf messages (ConfigProto, RunOptions, RunMetadata) take fields by keyword only, as Python protobuf', () => {
    const messages = [...all].filter(([, f]) => MESSAGE_FIELDS.has(f));
    expect(messages.map(([p]) => p).sort()).toEqual(['ConfigProto', 'RunMetadata', 'RunOptions']);
    for (const [path, f] of messages) {
      const C = f as unknown as new (...a: unknown[]) => object;
      expect(() => new C(1)).toThrow(new tf.errors.TypeError('No positional arguments allowed'));
      expect(() => new C({ no_such_field: 1 })).toThrow(new tf.errors.ValueError(`Protocol message ${path} has no "no_such_field" field.`));
      for (const field of MESSAGE_FIELDS.get(f)!) expect(() => new C({ [field]: undefined })).not.toThrow();
    }
  });

  it('so does every method TF1 programs call on sessions, optimizers, savers, variables, tensors and operations', async () => {
    const inst = instances();
    for (const path of Object.keys(TF1_SIGNATURES)) {
      const [owner, method] = path.split('.');
      const self = inst[owner!];
      if (!method || !self) continue;
      const f = (self as Record<string, unknown>)[method] as Callable;
      await checkConvention(path, signatureOf(f)!, invoker(path, f, self));
    }
    (inst.Session as tf.Session).close();
  });
});
