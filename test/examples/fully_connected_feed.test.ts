import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { main as fully_connected_feed } from '../../examples/fully_connected_feed.js';
import * as mnist from '../../examples/mnist.js';
import type { Summary as SummaryProto } from '../../src/framework/proto/tensorflow/core/framework/summary_pb.js';
import { runShort } from './run.js';

// TF r1.12's fully_connected_feed.py with mnist.py on CI's short setting (300 of its 2000 steps); the full run's
// figures are in docs/examples.md.
const TIMEOUT = 180_000;
const tmp = mkdtempSync(join(tmpdir(), 'tf1-ts-fcf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('examples/mnist (mnist.py): inference, loss, training, evaluation', () => {
  it("builds TF1's graph: the three layers' variables under their name scopes, in_top_k counting the correct", async () => {
    const g = new tf.Graph();
    const { images, labels, logits, loss, train_op, correct } = g.as_default(() => {
      const images = tf.placeholder(tf.float32, [4, mnist.IMAGE_PIXELS]);
      const labels = tf.placeholder(tf.int32, [4]);
      const logits = mnist.inference(images, 8, 6);
      const loss = mnist.loss(logits, labels);
      const train_op = mnist.training(loss, 0.01);
      return { images, labels, logits, loss, train_op, correct: mnist.evaluation(logits, labels) };
    });
    const vars = g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES) as tf.RefVariable[];
    expect(vars.map((v) => `${v.name} ${v.shape}`)).toEqual([
      'hidden1/weights:0 (784, 8)',
      'hidden1/biases:0 (8,)',
      'hidden2/weights:0 (8, 6)',
      'hidden2/biases:0 (6,)',
      'softmax_linear/weights:0 (6, 10)',
      'softmax_linear/biases:0 (10,)',
      'global_step:0 ()',
    ]);
    expect(logits.name).toBe('softmax_linear/add:0');
    expect(g.get_operation_by_name('ToInt64').type).toBe('Cast');
    expect(loss.dtype).toBe('float32');
    expect(correct.dtype).toBe('int32');
    const sess = new tf.Session({ graph: g });
    await sess.run(g.as_default(() => tf.global_variables_initializer()));
    const x = tf.NDArray.zeros([4, mnist.IMAGE_PIXELS]);
    const feed = new Map([
      [images, x],
      [labels, new tf.NDArray(Int32Array.from([0, 1, 2, 3]), [4], 'int32')],
    ]);
    const [l, n] = await sess.run([logits, correct], { feed_dict: feed });
    // zero images: every logit is the last layer's bias, zero at first: in_top_k's ties count as in the top 1
    expect(Array.from(l!.data)).toEqual(new Array(40).fill(0));
    expect(n!.item()).toBe(4);
    await sess.run(train_op, { feed_dict: feed });
    const step = g.as_default(() => tf.train.get_global_step());
    expect((await sess.run(step!)).item()).toBe(1);
    sess.close();
  });
});

describe('examples/fully_connected_feed (TF r1.12)', () => {
  it('300 steps: the loss printed every 100 steps falls, a checkpoint, then the three evaluations in TF1 wording', { timeout: TIMEOUT }, async () => {
    const before = tf.get_default_graph().get_operations().length;
    const { result, lines } = await runShort(fully_connected_feed, tmp);
    // everything was built in the program's own graph (tf.Graph().as_default()), nothing in the default one
    expect(tf.get_default_graph().get_operations().length).toBe(before);
    const steps = lines.filter((l) => l.startsWith('Step '));
    expect(steps.map((l) => l.replace(/ \(\d+\.\d{3} sec\)$/, ''))).toEqual(result.losses.map((v, i) => `Step ${i * 100}: loss = ${v.toFixed(2)}`));
    expect(result.losses).toHaveLength(3);
    expect(result.losses[0]!).toBeGreaterThan(2);
    expect(result.losses[2]!).toBeLessThan(result.losses[0]!);
    const evals = lines.slice(lines.indexOf('Training Data Eval:'));
    expect(evals.filter((_, i) => i % 2 === 0)).toEqual(['Training Data Eval:', 'Validation Data Eval:', 'Test Data Eval:']);
    const counts = [55000, 5000, 10000];
    evals
      .filter((_, i) => i % 2 === 1)
      .forEach((line, k) => {
        const p = result.precisions[k]!;
        expect(line).toBe(`  Num examples: ${counts[k]}  Num correct: ${Math.round(p * counts[k]!)}  Precision @ 1: ${p.toFixed(4)}`);
        expect(p).toBeGreaterThan(0.5);
      });
    const ckpt = join(tmp, 'tensorflow/mnist/logs/fully_connected_feed/model.ckpt-299');
    expect(result.checkpoints).toEqual([ckpt]);
    expect(existsSync(`${ckpt}.index`)).toBe(true);
    // the events file: the graph, then the `loss` scalar (mnist.py's tf.summary.scalar) at every printed step; as in TF1,
    // its run comes after the step's training run, so it is the batch's loss one update later than the printed one
    const logDir = join(tmp, 'tensorflow/mnist/logs/fully_connected_feed');
    const events = readdirSync(logDir).filter((f) => f.startsWith('events.out.tfevents.'));
    expect(events).toHaveLength(1);
    const records = [...tf.train.summary_iterator(join(logDir, events[0]!))];
    expect(records.some((e) => e.what.case === 'graphDef')).toBe(true);
    const scalars = records.filter((e) => e.what.case === 'summary');
    expect(scalars.map((e) => Number(e.step))).toEqual([0, 100, 200]);
    scalars.forEach((e, i) => {
      const v = (e.what.value as SummaryProto).value;
      expect(v.map((x) => [x.tag, x.value.case])).toEqual([['loss', 'simpleValue']]);
      const logged = v[0]!.value.value as number;
      expect(logged).toBeLessThan(result.losses[i]!);
      expect(logged).toBeGreaterThan(result.losses[i]! - 0.1);
    });
  });
});
