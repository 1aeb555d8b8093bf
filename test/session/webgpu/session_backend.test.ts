import { describe, expect, it, vi } from 'vitest';
import * as tf from '../../../src/index.js';
import { acquireDevice } from '../../../src/session/webgpu/device.js';

describe('new tf.Session({ backend })', () => {
  it("'cpu' and 'webgpu' give those backends; without the option, WebGPU only on a hardware adapter, said once", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const g = new tf.Graph();
      const y = g.as_default(() => tf.square(tf.constant([1, 2, 3])).op.outputs[0]!);
      const probe = await acquireDevice();
      const hardware = probe !== null && !probe.isFallback;
      probe?.device.destroy();
      for (const [backend, expected] of [
        ['cpu', 'cpu'],
        ['webgpu', 'webgpu'],
        [undefined, hardware ? 'webgpu' : 'cpu'],
        [undefined, hardware ? 'webgpu' : 'cpu'],
      ] as const) {
        const sess = new tf.Session({ graph: g, backend });
        expect(await sess.backendName()).toBe(expected);
        expect(Array.from((await sess.run(y)).data)).toEqual([1, 4, 9]);
        sess.close();
      }
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(
        hardware ? /^tf1-ts: running on WebGPU: .*hardware/ : /^tf1-ts: no hardware WebGPU adapter found; running on the CPU backend$/,
      );
    } finally {
      warn.mockRestore();
    }
  });
});
