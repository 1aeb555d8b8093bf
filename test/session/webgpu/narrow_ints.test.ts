// The narrow integers (uint8, int8, int16, uint16) on the WebGPU backend: stored one per 32-bit word, so steps may
// read them (a uint8 image cast to float32 is the usual case); a step that makes them is refused before anything
// runs, since 32-bit arithmetic does not wrap as they must.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './harness.js';

const u8 = (v: number[]): tf.NDArray => new tf.NDArray(Uint8Array.from(v), [v.length], 'uint8');

describe('the WebGPU backend and the narrow integers', () => {
  it('reads them exactly: a fed uint8 vector cast to float32 and compared', async () => {
    const g = new tf.Graph();
    const { x, f, eq } = g.as_default(() => {
      const x = tf.placeholder(tf.uint8, [4]);
      return { x, f: tf.cast(x, tf.float32).mul(2), eq: tf.greater(x, tf.constant(100, tf.uint8)) };
    });
    const sess = new tf.Session({ graph: g, backend: 'webgpu' });
    try {
      if (!((await sess.getBackend()) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
      const [fv, ev] = (await sess.run([f, eq], new Map([[x, u8([0, 7, 200, 255])]]))) as tf.NDArray[];
      expect(Array.from(fv!.data)).toEqual([0, 14, 400, 510]);
      expect(Array.from(ev!.data)).toEqual([0, 0, 1, 1]);
    } finally {
      sess.close();
    }
  });

  it('refuses a step that makes them, before anything runs, naming the op', async () => {
    const g = new tf.Graph();
    const { x, y, v } = g.as_default(() => {
      const v = tf.Variable(tf.zeros([2]));
      const x = tf.placeholder(tf.uint8, [2]);
      return { x, y: tf.add(x, x), v };
    });
    const sess = new tf.Session({ graph: g, backend: 'webgpu' });
    try {
      const backend = await sess.getBackend();
      if (!(backend instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
      const err = await sess.run([v.initializer, y], new Map([[x, u8([250, 10])]])).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(tf.errors.UnimplementedError);
      expect((err as Error).message).toMatch(/op 'Add' \(Add\) making uint8 tensors/);
      expect(backend.isInitialized(v.op)).toBe(false);
      // The CPU backend computes it, wrapping as TF1 does.
      const cpu = new tf.Session({ graph: g, backend: 'cpu' });
      expect(Array.from(((await cpu.run(y, new Map([[x, u8([250, 10])]]))) as tf.NDArray).data)).toEqual([244, 20]);
      cpu.close();
    } finally {
      sess.close();
    }
  });
});
