import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerGraphCommand } from '../../src/cli/graph.js';
import { toDot } from '../../src/viz/dot.js';
import { buildTutorialGraph } from '../../src/cli/models.js';
import { parseGraphDef } from '../../src/graph/graph_def_json.js';
import { errorLine } from '../../src/cli/program.js';
import * as tf from '../../src/index.js';

/** Runs `tf1-ts graph <args>`; resolves to what it printed, or rejects with commander's error. */
async function run(...args: string[]): Promise<string> {
  let printed = '';
  const program = new Command('tf1-ts').exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
  registerGraphCommand(program, { out: (t) => (printed += t) });
  program.commands.forEach((c) => c.exitOverride());
  await program.parseAsync(['graph', ...args], { from: 'user' });
  return printed;
}

const dir = mkdtempSync(join(tmpdir(), 'tf1-ts-graph-'));

describe('tf1-ts graph', () => {
  it("prints the tutorial's DOT without --out, and writes SVG to --out", async () => {
    expect(await run()).toBe(toDot(buildTutorialGraph()));
    expect(await run('--model', 'tutorial', '--training', '--expand', 'gradients', '--depth', '2')).toBe(
      toDot(buildTutorialGraph({ training: true }), { expand: ['gradients'], depth: 2, rankdir: 'BT' }),
    );
    const out = join(dir, 'train.svg');
    expect(await run('--training', '--out', out, '--title', 'training')).toBe('');
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('<title>gradients</title>');
    expect(svg).toContain('<title>GradientDescent</title>');
    expect(svg).toContain('>training</text>');
  });

  it('exports the graph to JSON and draws it back from --input, as PNG too', async () => {
    const json = join(dir, 'tutorial.json');
    expect(await run('--training', '--export-json', json)).toBe('');
    const def = parseGraphDef(readFileSync(json, 'utf8'));
    expect(def.node.some((n) => n.name === 'GradientDescent')).toBe(true);
    expect(await run('--input', json, '--expand')).toBe(toDot(buildTutorialGraph({ training: true }), { expand: true }));
    const png = join(dir, 'g.png');
    await run('--input', json, '--out', png, '--scale', '0.5');
    expect([...readFileSync(png).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("draws TF1's GraphDef files as write_graph writes them (.pbtxt and .pb) as it draws the graph itself", async () => {
    const g = buildTutorialGraph({ training: true });
    // With _output_shapes, so the shapes drawn are the ones the graph had (without, they are re-inferred on import).
    const txt = await tf.train.write_graph(g.as_graph_def({ add_shapes: true }), dir, 'tutorial.pbtxt');
    const pb = await tf.train.write_graph(g.as_graph_def({ add_shapes: true }), dir, 'tutorial.pb', false);
    const want = toDot(g, { expand: true });
    expect(await run('--input', txt, '--expand')).toBe(want);
    expect(await run('--input', pb, '--expand')).toBe(want);
    // an op type tf1-ts lacks draws as the opaque node it imports as; an input naming no node is the import's error
    const opaque = join(dir, 'opaque.pbtxt');
    writeFileSync(opaque, 'node { name: "a" op: "Nope" }');
    expect(await run('--input', opaque)).toContain('label="a\\nNope"');
    const bad = join(dir, 'bad.pbtxt');
    writeFileSync(bad, 'node { name: "a" op: "Identity" input: "missing" attr { key: "T" value { type: DT_FLOAT } } }');
    await expect(run('--input', bad)).rejects.toThrow(/^error: --input .*bad\.pbtxt: .*missing/);
  });

  it('rejects bad arguments and bad files with one clear line', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'tf1-ts.GraphDef', version: 1, versions: { producer: 27 }, node: [{ name: 'a' }] }));
    await expect(run('--input', bad)).rejects.toThrow(/--input .*bad\.json: Invalid GraphDef JSON: node\[0\]: missing field 'op'/);
    await expect(run('--input', join(dir, 'missing.json'))).rejects.toThrow(/cannot read the file \(ENOENT\)/);
    await expect(run('--out', join(dir, 'x.jpg'))).rejects.toThrow(/give a file ending in .svg, .png or .dot/);
    await expect(run('--model', 'lenet')).rejects.toThrow(/Allowed choices are tutorial/);
    await expect(run('--input', bad, '--training')).rejects.toThrow(/cannot be used with option '--input/);
    await expect(run('--depth', '-1')).rejects.toThrow(/whole number/);
    await expect(run('--out', join(dir, 'no', 'such', 'dir.svg'))).rejects.toThrow(/cannot write the file/);
  });
});

describe('tf1-ts graph with hostile arguments and files: one line, exit 2, nothing drawn', () => {
  it('--scale 1e6 and 1000 are refused from the SVG size before resvg draws (it aborted the process, or took all memory)', async () => {
    for (const scale of ['1e6', '1000']) {
      const out = join(dir, `huge-${scale}.png`);
      await expect(run('--out', out, '--scale', scale)).rejects.toThrow(
        new RegExp(
          `^error: --scale ${Number(scale)}: scale ${Number(scale)} makes the \\d+x\\d+ diagram \\d+x\\d+ pixels, more than the 16384 a side and 64 megapixels a PNG may have \\(at most scale [\\d.]+ here\\)$`,
        ),
      );
      expect(existsSync(out)).toBe(false);
    }
    await expect(run('--out', join(dir, 'tiny.png'), '--scale', '1e-9')).rejects.toThrow(/^error: --scale 1e-9: .* less than a pixel: nothing to draw$/);
  });

  it("a GraphDef nested 200,000 deep, or with scopes nested 3,000 deep, is the library's error, not a RangeError", async () => {
    const deep = join(dir, 'deep.json');
    writeFileSync(
      deep,
      `{"format":"tf1-ts.GraphDef","version":1,"versions":{"producer":27},"node":[{"name":"a","op":"Placeholder","input":[],"attr":{"shape":[${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}]},"outputs":[]}]}`,
    );
    await expect(run('--input', deep)).rejects.toThrow(
      /^error: --input .*deep\.json: Invalid GraphDef JSON: .*deep\.json nests arrays and objects 200005 levels deep; a GraphDef needs 6 and at most 64 are read$/,
    );
    const scopes = join(dir, 'scopes.json');
    writeFileSync(
      scopes,
      JSON.stringify({
        format: 'tf1-ts.GraphDef',
        version: 1,
        versions: { producer: 27 },
        node: [{ name: Array(3000).fill('a').join('/'), op: 'NoOp', input: [], attr: {}, outputs: [] }],
      }),
    );
    await expect(run('--input', scopes)).rejects.toThrow(
      /^error: --input .*scopes\.json: node 'a\/a\/.*' is nested 3000 name scopes deep; at most 1000 can be drawn$/,
    );
  });

  it('--input that is not a regular file (/dev/zero, a folder) is refused before it is read (reading /dev/zero took all memory)', async () => {
    await expect(run('--input', '/dev/zero')).rejects.toThrow(/^error: --input \/dev\/zero: not a regular file$/);
    await expect(run('--input', dir)).rejects.toThrow(/: not a regular file$/);
  });

  it('in a child process (src/cli/main.ts): exit 2 and exactly one line on stderr, no stack trace', () => {
    const huge = join(dir, 'child.png');
    const deep = join(dir, 'child-deep.json');
    writeFileSync(deep, '['.repeat(200_000) + ']'.repeat(200_000));
    for (const args of [
      ['graph', '--out', huge, '--scale', '1e6'],
      ['graph', '--input', deep],
    ]) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^error: /);
    }
    expect(existsSync(huge)).toBe(false);
  });
});

describe('the one line main.ts prints for an unexpected error', () => {
  it('is the first line of the message; a raw RangeError is called an internal error', () => {
    expect(errorLine(new tf.errors.InvalidArgumentError('You must feed a value\n\t [[node x]]'))).toBe('You must feed a value');
    expect(errorLine(new RangeError('Maximum call stack size exceeded'))).toBe('internal error (Maximum call stack size exceeded)');
    expect(errorLine('plain')).toBe('plain');
    expect(errorLine(new Error(''))).toBe('Error');
  });
});
