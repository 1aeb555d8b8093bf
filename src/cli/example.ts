import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Command, InvalidArgumentError } from 'commander';

/**
 * The folders that may hold the example programs: dist/examples (the installed package: dist/cli's sibling) and
 * the repository's examples/ (run from source with tsx: src/cli's grandparent's).
 */
function exampleDirs(): { dir: string; ext: string }[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return [
    { dir: join(here, '..', 'examples'), ext: '.js' },
    { dir: join(here, '..', '..', 'examples'), ext: '.ts' },
  ];
}

/** True when the file is a program (it exports `main`), not a module the programs import (examples/mnist.ts, TF1's mnist.py). */
const isProgram = (file: string): boolean => /^export (async )?function main\b/m.test(readFileSync(file, 'utf8'));

/** The example programs by name, each with its file (the first folder that has any wins). */
export function listExamples(): Map<string, string> {
  for (const { dir, ext } of exampleDirs()) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir).filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts') && isProgram(join(dir, f)));
    if (files.length === 0) continue;
    return new Map(files.sort().map((f) => [f.slice(0, -ext.length), join(dir, f)]));
  }
  return new Map();
}

/** Runs example `name` (its `main`), with CI's short setting when `short`. */
export async function runExample(name: string, short: boolean): Promise<void> {
  const examples = listExamples();
  const file = examples.get(name);
  if (!file) throw new InvalidArgumentError(`unknown example '${name}' (one of: ${[...examples.keys()].join(', ')})`);
  const mod = (await import(pathToFileURL(file).href)) as { main?: (opts: { short: boolean }) => Promise<unknown> };
  if (typeof mod.main !== 'function') throw new Error(`${file} has no main()`);
  await mod.main({ short });
}

/** `tf1-ts example NAME [--short]`: runs one of the TF1 example programs of examples/ (docs/examples.md). */
export function registerExampleCommand(program: Command): void {
  program
    .command('example')
    .description('run one of the TF1 example programs (examples/NAME.ts, docs/examples.md)')
    .argument('[name]', 'the example to run; left out: list them')
    .option('--short', "CI's short setting: fewer epochs or steps")
    .action(async (name: string | undefined, opts: { short?: boolean }) => {
      if (name === undefined) {
        for (const n of listExamples().keys()) console.log(n);
        return;
      }
      try {
        await runExample(name, opts.short ?? false);
      } catch (e) {
        if (e instanceof InvalidArgumentError) program.error(`error: ${e.message}`, { exitCode: 2 });
        throw e;
      }
    });
}
