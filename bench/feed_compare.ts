// The comparison a session makes each run of a large fed array with its last upload (the WebGPU backend's feed
// cache): the article's 17 MB of images, pinned (the MNIST loader's) so compared in parts on worker threads
// (framework/memory/compare.ts), against one memcmp of the same bytes on the calling thread.
//
//   npx tsx bench/feed_compare.ts [ROUNDS]
import { compareWorkers, sameBytes } from '../src/framework/memory/compare.js';
import { pinnedFloat32 } from '../src/framework/memory/host.js';

const rounds = Number(process.argv[2] ?? 5);
const n = 5500 * 784;
const a = pinnedFloat32(n);
for (let i = 0; i < n; i++) a[i] = (i % 251) / 251;
const b = pinnedFloat32(n);
b.set(a);
const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
sameBytes(x, y); // starts the workers
while (compareWorkers() === 0) await new Promise((r) => setTimeout(r, 10));
await new Promise((r) => setTimeout(r, 200));
const time = (f: () => unknown, reps = 200): number => {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return ((performance.now() - t0) / reps) * 1000;
};
console.log(`17 MB pinned feed against its kept copy, µs a comparison (${compareWorkers()} compare workers):`);
for (let r = 0; r < rounds; r++) {
  const one = time(() => Buffer.compare(x, y));
  const parts = time(() => sameBytes(x, y));
  console.log(`  round ${r + 1}: one memcmp ${one.toFixed(0)}, in parts ${parts.toFixed(0)}`);
}
process.exit(0);
