// RunMetadata step stats on the WebGPU backend: the device time of each op from timestamp queries where the
// device has them, host times alone where it does not.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { buildArticleGraph } from '../../helpers/article_graph.js';
import { nd, NO_ADAPTER } from './harness.js';

async function traced(timestamps: boolean) {
  const m = buildArticleGraph();
  const sess = new tf.Session({ graph: m.graph, backend: 'webgpu' });
  const backend = await sess.getBackend();
  if (!(backend instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  backend.tuning.timestamps = timestamps;
  const device = backend.context.device;
  let querySets = 0;
  const createQuerySet = device.createQuerySet.bind(device);
  device.createQuerySet = (d: GPUQuerySetDescriptor) => {
    querySets++;
    return createQuerySet(d);
  };
  await sess.run(m.init);
  const feeds = new Map([
    [
      m.x,
      nd(
        Array.from({ length: 64 * 784 }, (_, i) => (i % 5) / 5),
        [64, 784],
        'float32',
      ),
    ],
    [
      m.y_,
      nd(
        Array.from({ length: 64 * 10 }, (_, i) => (i % 10 === 3 ? 1 : 0)),
        [64, 10],
        'float32',
      ),
    ],
  ]);
  await sess.run(m.training, feeds); // untraced: times nothing
  const untracedQuerySets = querySets;
  const md = new tf.RunMetadata();
  const [loss] = await sess.run([m.cross_entropy, m.training], feeds, {
    options: new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }),
    run_metadata: md,
  });
  sess.close();
  return { md, loss: loss!.item(), untracedQuerySets, querySets, has: device.features.has('timestamp-query') };
}

describe('step stats of the WebGPU backend', () => {
  it("time each op on the device with timestamp queries (SwiftShader's adapter has them)", async () => {
    const { md, loss, untracedQuerySets, querySets, has } = await traced(true);
    expect(has).toBe(true);
    expect(Number.isFinite(loss)).toBe(true);
    expect(untracedQuerySets).toBe(0);
    expect(querySets).toBe(1);
    const byName = new Map(md.step_stats.map((s) => [s.node_name, s]));
    const matmul = [...byName.values()].find((s) => s.op === 'MatMul')!;
    expect(matmul).toBeDefined();
    for (const s of md.step_stats) {
      expect(s.device_ms, s.node_name).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(s.device_ms), s.node_name).toBe(true);
    }
    // the run took device time, and a no-op (the train op's group) took none
    expect(md.step_stats.reduce((a, s) => a + s.device_ms!, 0)).toBeGreaterThan(0);
    const group = md.step_stats.find((s) => s.op === 'NoOp');
    if (group) expect(group.device_ms).toBe(0);
  });

  it('fall back to host times where timestamp queries are not to be had', async () => {
    const { md, loss, querySets } = await traced(false);
    expect(Number.isFinite(loss)).toBe(true);
    expect(querySets).toBe(0);
    expect(md.step_stats.some((s) => s.op === 'MatMul')).toBe(true);
    for (const s of md.step_stats) {
      expect(s.device_ms, s.node_name).toBeUndefined();
      expect(s.ms).toBeGreaterThanOrEqual(0);
    }
  });
});
