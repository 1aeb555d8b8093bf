// Runs one fuzz property in its own process, so that the test (fuzz.test.ts) can kill it if it hangs in
// synchronous code, which no in-process timer can interrupt. Usage: fuzz_child.ts <property> <numRuns> <seed>.
// Prints one JSON line per case ({ case, program }) and a final { ok, cases, failedAfterWrite } or { ok: false, report }.
import fc from 'fast-check';
import { programArb, statefulProgramArb, type Program } from './programs.js';
import { runArb, type RunSpec } from './feeds.js';
import { checkProgram } from './check.js';

const [property, numRuns, seed] = process.argv.slice(2) as [string, string, string];
const props: Record<string, () => { arb: fc.Arbitrary<[Program, RunSpec[]]>; initFirst: boolean }> = {
  graphs: () => ({ arb: fc.tuple(programArb(), fc.array(runArb(), { minLength: 1, maxLength: 4 })), initFirst: false }),
  stateful: () => ({ arb: fc.tuple(statefulProgramArb(), fc.array(runArb(3), { minLength: 2, maxLength: 5 })), initFirst: true }),
};
const { arb, initFirst } = props[property]!();
let n = 0;
let failedAfterWrite = 0;
const out = (o: unknown): boolean =>
  process.stdout.write(JSON.stringify(o, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) + '\n');
try {
  await fc.assert(
    fc.asyncProperty(arb, async ([p, runs]) => {
      out({ case: n++, program: p, runs });
      failedAfterWrite += (await checkProgram(p, runs, { initFirst })).failedAfterWrite;
    }),
    { numRuns: Number(numRuns), seed: Number(seed), timeout: 10_000 },
  );
  out({ ok: true, cases: n, failedAfterWrite });
} catch (e) {
  out({ ok: false, report: e instanceof Error ? `${e.message}\n${(e as Error & { cause?: Error }).cause?.stack ?? ''}` : String(e) });
}
