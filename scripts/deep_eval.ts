// Times mnist_deep's final evaluation on the CPU backend and measures its memory: the 10000 test images in one run
// (TF's `accuracy.eval(feed_dict={x: mnist.test.images, ...})`), or `--batch N` images per run. Untrained weights
// (the cost does not depend on them). Prints wall time, the process's peak RSS and the WebAssembly memory's size.
// Usage: npx tsx scripts/deep_eval.ts [--batch 1000]
import * as tf from '../src/index.js';
import { read_data_sets } from '../src/examples/tutorials/mnist/index.js';
import { linear } from '../src/framework/memory/linear.js';
import { deepnn } from '../examples/mnist_deep.js';
import { np_rows } from '../examples/lib/example.js';

const at = process.argv.indexOf('--batch');
const mnist = read_data_sets('/tmp/tensorflow/mnist/input_data', { one_hot: true, log: null });
const n = mnist.test.num_examples;
const batch = at >= 0 ? Number(process.argv[at + 1]) : n;
const x = tf.placeholder(tf.float32, [null, 784]);
const y_ = tf.placeholder(tf.float32, [null, 10]);
const [y_conv, keep_prob] = deepnn(x);
const accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1)), tf.float32));
const sess = new tf.Session();
await sess.run(tf.global_variables_initializer());
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
const before = { rss: process.memoryUsage().rss, wasm: linear!.memory.buffer.byteLength };
const t0 = performance.now();
const cpu0 = process.cpuUsage();
let correct = 0;
for (let start = 0; start < n; start += batch) {
  const end = Math.min(start + batch, n);
  const feed = new Map<tf.Tensor, unknown>([
    [x, batch === n ? mnist.test.images : np_rows(mnist.test.images, start, end)],
    [y_, batch === n ? mnist.test.labels : np_rows(mnist.test.labels, start, end)],
    [keep_prob, 1.0],
  ]);
  const a = (await sess.run(accuracy, feed as never)) as tf.NDArray;
  correct += Math.round((a.data[0] as number) * (end - start));
}
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(
  `images per run ${batch}: ${n / batch} run(s), ${wall.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, accuracy ${correct / n}`,
);
console.log(`before: RSS ${mib(before.rss)}, WebAssembly memory ${mib(before.wasm)}`);
console.log(`peak RSS ${mib(process.resourceUsage().maxRSS * 1024)}, WebAssembly memory ${mib(linear!.memory.buffer.byteLength)}`);
sess.close();
