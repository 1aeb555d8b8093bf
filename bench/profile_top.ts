// Prints the top self-time functions of the .cpuprofile files in a folder (node --cpu-prof's output), per thread
// and over all threads: npx tsx bench/profile_top.ts DIR [N]
// WebAssembly functions are named from the kernels' module text (src/session/cpu/wasm/build.mjs --print), whose
// function order is the module's; functions of files tsx compiled (one line each) are placed by line:column there.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [dir, topArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: tsx bench/profile_top.ts DIR [N]');
const top = Number(topArg ?? 25);

/** The kernels' WebAssembly functions in the module's order ($id or export name). */
const wasmNames = [
  ...execFileSync(process.execPath, ['src/session/cpu/wasm/build.mjs', '--print'], { encoding: 'utf8' }).matchAll(
    /\(func\s+(?:\$([^\s()]+)\s*)?(?:\(export\s+"([^"]+)"\))?/g,
  ),
].map((m) => m[2] ?? m[1] ?? '?');

/** Self time in ms by function ("name file:line:column") of one profile. */
function selfTimes(p: Profile): Map<string, number> {
  const names = new Map<number, string>();
  for (const n of p.nodes) {
    const f = n.callFrame;
    const wasm = /^wasm-function\[(\d+)\]$/.exec(f.functionName);
    const where = f.url ? ` ${basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
    names.set(n.id, wasm ? `wasm ${wasmNames[Number(wasm[1])] ?? f.functionName}` : `${f.functionName || '(anonymous)'}${where}`);
  }
  const out = new Map<string, number>();
  // timeDeltas[i] is the time before sample i: charge it to the sample's function
  for (let i = 0; i < p.samples.length; i++) {
    const name = names.get(p.samples[i]!)!;
    out.set(name, (out.get(name) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  }
  return out;
}

function print(title: string, times: Map<string, number>): void {
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  const busy = [...times].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).reduce((a, [, v]) => a + v, 0);
  console.log(`\n${title}: ${(total / 1000).toFixed(2)} s sampled, ${(busy / 1000).toFixed(2)} s outside (idle) and (program)`);
  for (const [name, ms] of [...times].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`  ${(ms / 1000).toFixed(3).padStart(8)} s ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}

const all = new Map<string, number>();
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .sort()) {
  const times = selfTimes(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile);
  print(file, times);
  for (const [k, v] of times) all.set(k, (all.get(k) ?? 0) + v);
}
print('all threads', all);
