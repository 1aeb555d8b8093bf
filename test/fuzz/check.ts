// The fuzz property: whatever is built, fed and fetched, every call returns or throws one of TF1's
// errors, values that come back agree with their tensors' static dtype and shape, and a failed run
// leaves every variable exactly as it was.
import * as tf from '../../src/index.js';
import { build, type Program } from './programs.js';
import { runArgs, type RunSpec } from './feeds.js';

/** True for TF1's error classes: tf.errors.* (run time) and the build-time ValueError/TypeError/RuntimeError/LookupError. */
export function isTfError(e: unknown): boolean {
  // InternalError is how the session reports a raw exception from inside a kernel: a bug, so not accepted here.
  if (e instanceof tf.errors.InternalError) return false;
  return (
    e instanceof tf.errors.OpError ||
    e instanceof tf.errors.ValueError ||
    e instanceof tf.errors.TypeError ||
    e instanceof tf.errors.RuntimeError ||
    e instanceof tf.LookupError
  );
}

/** Throws, describing `e`, unless it is one of TF1's errors. */
export function expectTfError(e: unknown, where: string): void {
  if (!isTfError(e)) {
    const desc = e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack}` : String(e);
    throw new Error(`${where} threw a non-TF error: ${desc}`);
  }
}

/** Exact equality of two variable snapshots (NaN equals NaN, -0 differs from 0). */
function sameValue(a: tf.NDArray | null, b: tf.NDArray | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.dtype !== b.dtype || a.shape.join() !== b.shape.join()) return false;
  for (let i = 0; i < a.size; i++) if (!Object.is(a.data[i], b.data[i])) return false;
  return true;
}

async function snapshot(sess: tf.Session, vars: readonly tf.RefVariable[]): Promise<(tf.NDArray | null)[]> {
  return Promise.all(vars.map((v) => sess.readVariable(v)));
}

/** Checks a returned value against the static dtype and shape of the tensor it came from. */
function checkResult(t: unknown, v: unknown, where: string): void {
  if (t instanceof tf.Tensor) {
    if (!(v instanceof tf.NDArray)) throw new Error(`${where}: fetching ${t} gave ${String(v)}`);
    if (v.dtype !== t.dtype) throw new Error(`${where}: ${t} came back as ${v.dtype}`);
    if (!t.shape.is_compatible_with(new tf.TensorShape(v.shape))) throw new Error(`${where}: ${t} came back with shape [${v.shape.join(',')}]`);
  } else if (t instanceof tf.Operation && v !== null) {
    throw new Error(`${where}: fetching operation ${t.name} gave ${String(v)}`);
  }
}

/**
 * Builds `p`, then performs `runs` in one session on the CPU backend, checking the property at each; with
 * `initFirst`, the variables' initializer runs on its own first, as programs usually start.
 */
export async function checkProgram(p: Program, runs: readonly RunSpec[], opts: { initFirst?: boolean } = {}): Promise<{ failedAfterWrite: number }> {
  let failedAfterWrite = 0;
  const built = build(p);
  built.buildErrors.forEach((e, i) => expectTfError(e, `building step ${i}`));
  let init: tf.Operation | null = null;
  try {
    init = built.g.as_default(() => tf.global_variables_initializer());
  } catch (e) {
    expectTfError(e, 'global_variables_initializer');
  }
  const sess = new tf.Session({ graph: built.g, backend: 'cpu' });
  try {
    if (opts.initFirst && init) await sess.run(init).catch((e: unknown) => expectTfError(e, 'initializer'));
    for (const [k, spec] of runs.entries()) {
      const where = `run ${k}`;
      let args: ReturnType<typeof runArgs>;
      try {
        args = runArgs(spec, built, init);
      } catch (e) {
        expectTfError(e, `${where} arguments`);
        continue;
      }
      const before = await snapshot(sess, built.variables);
      let result: unknown;
      const md = new tf.RunMetadata();
      try {
        result = await (sess.run as (f: unknown, d: unknown, o: unknown, m: unknown) => Promise<unknown>).call(sess, args.fetches, args.feeds, TRACE, md);
      } catch (e) {
        expectTfError(e, where);
        // Step stats list the ops that ran before the failure: a variable write among them exercised the rollback.
        if (md.step_stats.some((st) => WRITERS.has(st.op))) failedAfterWrite++;
        const after = await snapshot(sess, built.variables);
        built.variables.forEach((v, i) => {
          if (!sameValue(before[i]!, after[i]!))
            throw new Error(`${where} failed (${(e as Error).message}) but changed ${v.name}: ${before[i]} -> ${after[i]}`);
        });
        continue;
      }
      const f = args.fetches as unknown[] | { list: unknown[] };
      const list = Array.isArray(f) ? f : f.list;
      const vals = Array.isArray(result) ? result : (result as { list: unknown[] }).list;
      list.forEach((t, i) => checkResult(t, vals[i], where));
    }
  } finally {
    sess.close();
  }
  await expectClosedErrors(sess);
  return { failedAfterWrite };
}

const WRITERS = new Set(['Assign', 'AssignAdd', 'AssignSub', 'ApplyGradientDescent']);
/** TF1 collects step stats only for a traced run. */
const TRACE = new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE });

/** A closed session refuses runs and variable access with TF1's RuntimeError. */
async function expectClosedErrors(sess: tf.Session): Promise<void> {
  const e = await sess.run([]).then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof tf.errors.RuntimeError)) throw new Error(`run after close gave ${String(e)}`);
}
