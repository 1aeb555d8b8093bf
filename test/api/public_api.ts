// The public API as users reach it: every function and class under `tf` (and its namespaces), by path. Shared by
// the calling-convention walker and the generated API page (docs/api.md).
import * as tf from '../../src/index.js';

export type Callable = (...args: unknown[]) => unknown;

/** The namespaces under `tf` whose functions are public API (`tf.nn.softmax`, `tf.contrib.layers.l2_regularizer`). */
export const NAMESPACES = [
  'nn',
  'train',
  'test',
  'losses',
  'initializers',
  'contrib',
  'contrib.layers',
  'layers',
  'saved_model',
  'saved_model.loader',
  'saved_model.builder',
  'saved_model.utils',
  'saved_model.signature_def_utils',
  'graph_util',
  'summary',
  'python_io',
  'nn.rnn_cell',
  'contrib.rnn',
  'linalg',
  'strings',
] as const;

/** Public values that are not called with arguments by users, with the reason. */
export const NOT_CALLED: Readonly<Record<string, string>> = {
  Operation: 'made by the graph, never by users (as in TF1)',
  Tensor: 'made by the graph, never by users (as in TF1)',
  RefVariable: 'made by tf.Variable (the class behind instanceof tf.Variable)',
  NDArray: "tf1-ts's host value type, constructed by kernels (checks its own sizes)",
  LookupError: "Python's exception class",
  IOError: "Python's exception class",
  'train.Optimizer': 'abstract base class (TF1 raises on its direct use too)',
  Summary: 'a protobuf message: fields by keyword only, as Python protobuf (test/summary/messages.test.ts)',
  SessionLog: 'a protobuf message: fields by keyword only, as Python protobuf (test/summary/messages.test.ts)',
  Event: 'a protobuf message: fields by keyword only, as Python protobuf (test/summary/messages.test.ts)',
  HistogramProto: 'a protobuf message: fields by keyword only, as Python protobuf (test/summary/messages.test.ts)',
  SummaryMetadata: 'a protobuf message: fields by keyword only, as Python protobuf (test/summary/messages.test.ts)',
};

export const isClass = (f: unknown): boolean => typeof f === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(f));

/** Every public function and class, by its path under `tf` (errors are exception classes, not walked). */
export function publicCallables(): Map<string, Callable> {
  const out = new Map<string, Callable>();
  const walk = (ns: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(ns)) {
      if (k === 'errors') continue;
      if (typeof v === 'function') out.set(prefix + k, v as Callable);
      else if (v && typeof v === 'object' && (NAMESPACES as readonly string[]).includes(prefix + k)) walk(v as Record<string, unknown>, `${prefix}${k}.`);
    }
  };
  walk(tf as unknown as Record<string, unknown>, '');
  return out;
}
