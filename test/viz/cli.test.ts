import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerGraphCommand } from '../../src/viz/cli.js';
import { toDot } from '../../src/viz/dot.js';
import { buildTutorialGraph } from '../../src/viz/models.js';
import { parseGraphDef } from '../../src/graph/graph_def_json.js';

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
    expect(await run('--model', 'tutorial', '--training', '--expand', 'gradients', '--depth', '2'))
      .toBe(toDot(buildTutorialGraph({ training: true }), { expand: ['gradients'], depth: 2, rankdir: 'BT' }));
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
