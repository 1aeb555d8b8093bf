import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../src/tutorial');
/** `import ... from '../x'` and `export ... from '../x'` (static and dynamic) of one source file: what and from where. */
const libraryImports = (text: string): { what: string; from: string }[] =>
  [...text.matchAll(/(?:import|export)\s*([^;]*?)\s*from\s*'(\.\.\/[^']+)'|import\(\s*'(\.\.\/[^']+)'\s*\)/g)].map((m) => ({
    what: (m[1] ?? '').replace(/\s+/g, ' '),
    from: (m[2] ?? m[3])!,
  }));

describe('the tutorial uses the library as a user does', () => {
  it('imports it only through the public index (src/index.ts), so it works with what users get', () => {
    const outside: string[] = [];
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.ts'))) {
      for (const { what, from } of libraryImports(readFileSync(join(DIR, file), 'utf8'))) {
        // The CLI makes its --out and --save folders with the checkpoint writer's mkdir (there is no tf.gfile).
        // The MNIST loader is tf1-ts/examples/tutorials/mnist, TF1's tensorflow.examples.tutorials.mnist.
        if (from === '../index.js' || from.startsWith('../examples/tutorials/mnist/') || (file === 'cli.ts' && what === '{ makeDirs }')) continue;
        outside.push(`${file}: ${what} from '${from}'`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('finds the imports it checks (the check cannot pass by reading nothing)', () => {
    expect(libraryImports("import * as tf from '../index.js';\nimport { a,\n  b } from '../x/y.js';\nawait import('../z.js');")).toEqual([
      { what: '* as tf', from: '../index.js' },
      { what: '{ a, b }', from: '../x/y.js' },
      { what: '', from: '../z.js' },
    ]);
    expect(libraryImports(readFileSync(join(DIR, 'model.ts'), 'utf8'))).toEqual([{ what: '* as tf', from: '../index.js' }]);
  });
});
