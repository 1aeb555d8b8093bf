import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult, type IModule } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering rules of .dependency-cruiser.cjs (`npm run lint:deps`), run through dependency-cruiser's API against
// test/arch/fixtures/src, which breaks each rule once, so that no rule can quietly stop matching anything.
const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(import.meta.dirname, 'fixtures');
const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as IConfiguration;

async function cruiseSrc(baseDir: string): Promise<ICruiseResult> {
  const result = await cruise(['src'], { ...config.options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden ?? [] } });
  return result.output as ICruiseResult;
}

/** A cycle of runtime imports (`import type` left out) as its modules, the first repeated at the end, or undefined. */
function runtimeCycle(modules: readonly IModule[]): string[] | undefined {
  const edges = new Map(
    modules.map((m) => [m.source, m.dependencies.filter((d) => !d.dependencyTypes.includes('type-only') && !d.couldNotResolve).map((d) => d.resolved)]),
  );
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (m: string): string[] | undefined => {
    if (path.includes(m)) return [...path.slice(path.indexOf(m)), m];
    if (done.has(m)) return undefined;
    path.push(m);
    for (const d of edges.get(m) ?? []) {
      const cycle = visit(d);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(m);
    return undefined;
  };
  for (const m of edges.keys()) {
    const cycle = visit(m);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the layering rules', () => {
  let fixtures: ICruiseResult;
  beforeAll(async () => {
    fixtures = await cruiseSrc(FIXTURES);
  });

  it('each fires on the one fixture import that breaks it, and the allowed imports pass', () => {
    const found = fixtures.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    expect(found).toEqual([
      'cli-is-the-entry: src/viz/main.ts -> src/cli/main.ts',
      'cpu-webgpu-apart: src/session/cpu/c.ts -> src/session/webgpu/w.ts',
      'cpu-webgpu-apart: src/session/webgpu/x.ts -> src/session/cpu/y.ts',
      // src/tutorial/uses_loader.ts's import of src/examples is allowed, and so are src/examples' of src/index.ts and args.ts.
      'examples-only-from-top: src/viz/ex.ts -> src/examples/loader.ts',
      'examples-public-api-only: src/examples/loader.ts -> src/ops/o.ts',
      'framework-below-session: src/framework/up.ts -> src/session/s.ts',
      // src/framework/types_ok.ts imports a type from graph: allowed.
      'framework-types-only-from-graph-ops: src/framework/runtime_bad.ts -> src/graph/g.ts',
      'graph-below-ops: src/graph/up.ts -> src/ops/o.ts', // a type-only import, still an error
      // The cycle through type_cycle_*.ts has an `import type` in it: allowed.
      'no-runtime-cycle: src/ops/cycle_a.ts -> src/ops/cycle_b.ts',
      'no-unresolvable: src/ops/missing.ts -> ./no_such_file.js',
      'ops-below-session: src/ops/up.ts -> src/session/s.ts',
      // src/framework/proto/ok_pb.ts imports its sibling: allowed.
      'proto-generated-alone: src/framework/proto/bad_pb.ts -> src/framework/f.ts',
      'public-api-only-from-top: src/viz/v.ts -> src/index.ts',
      'session-below-train: src/session/up.ts -> src/train/t.ts',
      'src-not-test-bench-web: src/session/test_helper.ts -> test/helper.ts',
      // src/train/uses_summary.ts's import of src/summary is allowed.
      'summary-beside-train: src/summary/up.ts -> src/train/t.ts',
      'train-testing-below-top: src/train/t.ts -> src/testing/q.ts',
      // src/tutorial/cli.ts's imports of src/index.ts and src/train/checkpoint_io.ts are allowed.
      'tutorial-cli-public-api-only: src/tutorial/cli.ts -> src/session/s.ts',
      'tutorial-only-from-cli: src/viz/tut.ts -> src/tutorial/article.ts',
      'tutorial-public-api-only: src/tutorial/article.ts -> src/ops/o.ts',
    ]);
  });

  it('all have a fixture (a new rule needs one)', () => {
    const fired = new Set(fixtures.summary.violations.map((v) => v.rule.name));
    expect((config.forbidden ?? []).map((r) => r.name).filter((name) => !fired.has(name!))).toEqual([]);
  });

  it('hold for src, and src has no runtime import cycle even where a type-only one could hide it', async () => {
    // dependency-cruiser reports one cycle per import; this search covers every path of the runtime graph.
    expect(runtimeCycle(fixtures.modules)).toEqual(['src/ops/cycle_a.ts', 'src/ops/cycle_b.ts', 'src/ops/cycle_a.ts']);
    expect(runtimeCycle(fixtures.modules.filter((m) => !m.source.startsWith('src/ops/cycle_')))).toBeUndefined();
    const src = await cruiseSrc(ROOT);
    expect(src.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
    expect(src.modules.length).toBeGreaterThan(150);
    expect(runtimeCycle(src.modules)).toBeUndefined();
  });
});
