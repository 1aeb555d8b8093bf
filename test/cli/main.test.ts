import { describe, expect, it } from 'vitest';
import { CLI_PACKAGES, missingPackageLine } from '../../src/cli/main.js';

// src/cli/main.ts loads the program on demand and turns a missing optional package into one line. The real case
// (tf1-ts installed with --omit=optional) runs in .ci/package-check.sh; here, the errors Node gives for it.
describe('the tf1-ts entry (src/cli/main.ts)', () => {
  const notFound = (message: string) => Object.assign(new Error(message), { code: 'ERR_MODULE_NOT_FOUND' });

  it('names the missing package and every optional package the command line needs, on one line', () => {
    const line = missingPackageLine(notFound("Cannot find package 'gifenc' imported from /x/dist/tutorial/gif.js"));
    expect(line).toBe(
      'tf1-ts: the command line needs the optional package gifenc, which is not installed: ' +
        'npm install commander cli-progress gifenc @resvg/resvg-js graphviz-cli',
    );
    expect(line).not.toContain('\n');
  });

  it('lists exactly the optional dependencies of package.json', async () => {
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { optionalDependencies: Record<string, string> };
    expect([...CLI_PACKAGES].sort()).toEqual(Object.keys(pkg.optionalDependencies).sort());
  });

  it('leaves other errors alone: a missing module file of its own, a thrown error, a non-error', () => {
    expect(missingPackageLine(notFound("Cannot find module '/x/dist/cli/program.js' imported from /x/dist/cli/main.js"))).toBeNull();
    expect(missingPackageLine(new Error("Cannot find package 'gifenc'"))).toBeNull();
    expect(missingPackageLine(undefined)).toBeNull();
  });
});
