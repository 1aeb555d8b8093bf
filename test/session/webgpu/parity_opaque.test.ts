import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { TF1_FILES } from '../../helpers/protoc.js';
import { OPAQUE_CASES } from './cases_opaque.js';
import { describeParity } from './parity_runner.js';

describeParity('WebGPU equals the CPU backend: the opaque node, fed beyond', OPAQUE_CASES, 10);

it("TF's half_plus_two SavedModel loads into a WebGPU session: its string Variable is assigned on the host, y = 0.5 * x + 2", async () => {
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'webgpu' });
  await tf.saved_model.loader.load(sess, ['serve'], join(TF1_FILES, 'half_plus_two/half_plus_two/00000123'));
  const x = g.get_tensor_by_name('x:0');
  const y = await sess.run(g.get_tensor_by_name('y:0'), new Map([[x, new tf.NDArray(Float32Array.of(1, 2), [2, 1], 'float32')]]));
  expect(y.tolist()).toEqual([[2.5], [3]]);
  expect((await sess.run(g.get_tensor_by_name('filename_tensor:0'))).decode()).toBe('foo.txt');
  sess.close();
});
