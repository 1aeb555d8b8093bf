// The article's whole run as a user who loads MNIST their own way writes it: the images and labels in ordinary
// Float32Arrays (copies, not the loader's pinned arrays), the public API, 2,501 full-batch steps of
// GradientDescentOptimizer(0.1) on 5,500 examples with the 26 evaluations. Prints the whole process's wall time
// (from start to the last evaluation) and the final accuracy and loss, for comparison with
// `python3 bench/numpy_article.py --workload article --examples 5500 --steps 2501 --evaluate-at 0,100,...,2500`.
//   npx tsx scripts/article_ordinary.ts [--steps N]
import * as tf from '../src/index.js';
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { buildForwardModel } from '../src/tutorial/model.js';

const t0 = performance.now();
const stepsArg = process.argv.indexOf('--steps');
const steps = stepsArg > 0 ? Number(process.argv[stepsArg + 1]) : 2501;
const mnist = read_data_sets(undefined, { one_hot: true, log: null });
const tRead = performance.now();
const [px, py] = mnist.train.slice(0, 5500);
// ordinary arrays, as a user's own loader gives them (slice() of a typed array copies into a new, unshared buffer)
const ordinary = (a: tf.NDArray): tf.NDArray => new tf.NDArray((a.data as Float32Array).slice(), a.shape, a.dtype);
const [x, y, testX, testY] = [px, py, mnist.test.images, mnist.test.labels].map(ordinary) as [tf.NDArray, tf.NDArray, tf.NDArray, tf.NDArray];

const graph = new tf.Graph();
const m = graph.as_default(() => {
  const fwd = buildForwardModel(graph);
  const training = new tf.train.GradientDescentOptimizer(0.1).minimize(fwd.cross_entropy);
  return { ...fwd, training, init: tf.global_variables_initializer() };
});
const tGraph = performance.now();
const sess = new tf.Session({ graph, backend: 'cpu' });
await sess.run(m.init);
const tInit = performance.now();
let tSteps = 0;
let tEval = 0;
const train = new Map([
  [m.x, x],
  [m.y_, y],
]);
const test = new Map([
  [m.x, testX],
  [m.y_, testY],
]);
let accuracy = NaN;
let loss = NaN;
for (let i = 0; i < steps; i++) {
  const a = performance.now();
  await sess.run(m.training, train);
  const b = performance.now();
  tSteps += b - a;
  if (i % 100 === 0) {
    accuracy = (await sess.run(m.accuracy, test)).item() as number;
    loss = (await sess.run(m.cross_entropy, train)).item() as number;
    tEval += performance.now() - b;
  }
}
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    steps,
    wall_s: +wall.toFixed(2),
    process_s: +process.uptime().toFixed(2),
    cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    accuracy,
    loss,
    phases_s: Object.fromEntries(
      Object.entries({ start: t0, read: tRead - t0, graph: tGraph - tRead, init: tInit - tGraph, steps: tSteps, evals: tEval }).map(([k, v]) => [
        k,
        +(v / 1000).toFixed(3),
      ]),
    ),
  }),
);
sess.close();
process.exit(0);
