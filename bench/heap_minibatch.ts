// Bytes JavaScript allocates per warm mini-batch step (the `same` loop of profile_minibatch.ts), by function, from
// the inspector's sampling heap profiler counting objects the collector has already freed too:
//   npx tsx bench/heap_minibatch.ts [STEPS] [TOP] [run|callable]   (default 2000 steps after 300 warm-up steps, top 25
// functions, Session.run; `callable`: the step as TF1's make_callable([train], [x, y_]) called with the batch)
import { Session as Inspector } from 'node:inspector/promises';
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { beginnerStep } from './beginner_step.js';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const steps = Number(process.argv[2] ?? 2000);
const top = Number(process.argv[3] ?? 25);
const mnist = read_data_sets(undefined, { one_hot: true, log: null });
const { m, train, sess } = await beginnerStep();
const [x, y] = mnist.train.next_batch(100);
const callable = sess.make_callable(train, [m.x, m.y_]);
const step =
  process.argv[4] === 'callable'
    ? () => callable(x, y)
    : () =>
        sess.run(
          train,
          new Map([
            [m.x, x],
            [m.y_, y],
          ]),
        );
for (let i = 0; i < 300; i++) await step();
const inspector = new Inspector();
inspector.connect();
await inspector.post('HeapProfiler.startSampling', {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
for (let i = 0; i < steps; i++) await step();
const { profile } = (await inspector.post('HeapProfiler.stopSampling')) as { profile: { head: HeapNode } };
inspector.disconnect();
sess.close();
const by = new Map<string, number>();
let total = 0;
// a built-in (no file) is named with its caller, which says where it was called from
const label = (f: HeapNode['callFrame']): string =>
  `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
const walk = (n: HeapNode, parent = ''): void => {
  const f = n.callFrame;
  const name = f.url ? label(f) : `${label(f)} in ${parent}`;
  by.set(name, (by.get(name) ?? 0) + n.selfSize);
  total += n.selfSize;
  for (const c of n.children) walk(c, f.url ? label(f) : parent);
};
walk(profile.head);
console.log(`${steps} warm steps: ${(total / steps).toFixed(0)} bytes allocated per step (sampled every 1 KiB)`);
for (const [name, bytes] of [...by].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${(bytes / steps).toFixed(0).padStart(7)} B  ${name}`);
