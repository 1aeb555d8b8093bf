// docs/api.md is generated from the package's exports (the same walk as the calling-convention test), so the page
// lists exactly what a user can call, with each function's parameters in TF1's order. When the exports change, this
// test fails until the page is rewritten: `UPDATE_DOCS=1 npx vitest run test/api/api_doc.test.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signatureOf } from '../../src/framework/args.js';
import { MESSAGE_FIELDS } from '../../src/session/config.js';
import * as tf from '../../src/index.js';
import { NAMESPACES, NOT_CALLED, isClass, publicCallables } from './public_api.js';
import { EXTENSIONS, TF1_SIGNATURES } from './tf1_signatures.js';

const DOC = new URL('../../docs/api.md', import.meta.url);

const HEADER = `# The public API

Every function and class \`import * as tf from 'tf1-ts'\` exports, by its TF1 path, with its parameters in TF1's
positional order: pass them by position, or by name in one trailing options object
(\`tf.reduce_sum(x, { axis: 1, keepdims: true })\`). The parameter lists are TF1 r1.12's except where marked
**tf1-ts**: a parameter TF1 does not have, or a function of tf1-ts's own. Methods of the classes follow the functions.

This page is generated from the exports by \`test/api/api_doc.test.ts\`, which fails when the two differ
(\`UPDATE_DOCS=1 npx vitest run test/api/api_doc.test.ts\` rewrites it). The MNIST loader is the separate entry
\`tf1-ts/examples/tutorials/mnist\` ([examples.md](examples.md)); \`tf1-ts/testing\` holds the gradient checker's
property helpers ([gradient-checking.md](gradient-checking.md)).
`;

function entry(path: string, f: unknown): string {
  const mark = EXTENSIONS[path] ? ' — **tf1-ts**' : '';
  const fields = MESSAGE_FIELDS.get(f as never);
  if (fields) return `- \`tf.${path}({ ${[...fields].join(', ')} })\` — a protocol message: fields by name only`;
  const sig = signatureOf(f);
  const call = isClass(f) ? `new tf.${path}` : `tf.${path}`;
  if (!sig) return `- \`tf.${path}\` — ${NOT_CALLED[path] ?? 'not called by users'}`;
  return `- \`${call}(${sig.params.map((p) => p.name).join(', ')})\`${mark}`;
}

function render(): string {
  const all = publicCallables();
  const namespaceOf = (path: string): string => {
    const parts = path.split('.');
    return parts.length === 1 ? '' : parts.slice(0, -1).join('.');
  };
  const sections: string[] = [HEADER];
  for (const ns of ['', ...NAMESPACES]) {
    const paths = [...all.keys()].filter((p) => namespaceOf(p) === ns).sort();
    if (paths.length === 0) continue;
    sections.push(`## tf${ns ? `.${ns}` : ''} (${paths.length})\n\n${paths.map((p) => entry(p, all.get(p))).join('\n')}\n`);
  }
  const methods = Object.keys(TF1_SIGNATURES)
    .filter((p) => /^[A-Z]/.test(p) && p.includes('.') && !all.has(p))
    .sort();
  sections.push(`## Methods (${methods.length})\n\n${methods.map((p) => `- \`${p}(${TF1_SIGNATURES[p]!.join(', ')})\``).join('\n')}\n`);
  const values = Object.entries(tf)
    .filter(([k, v]) => typeof v !== 'function' && !(NAMESPACES as readonly string[]).includes(k))
    .map(([k]) => `\`tf.${k}\``)
    .sort();
  sections.push(`## Values (${values.length})\n\nDTypes, constants, collections' keys and the error classes (\`tf.errors\`):\n\n${values.join(', ')}\n`);
  return sections.join('\n');
}

describe('docs/api.md', () => {
  it('lists every public function, class and method with its parameters, as exported', () => {
    const text = render();
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, text);
    expect(readFileSync(DOC, 'utf8')).toBe(text);
  });
});
