// TF1's tensorflow/python/training/checkpoint_utils_test.py (r1.12), CheckpointsTest's reader cases: checkpoints a
// Saver wrote (V2) read back with load_variable and list_variables. init_from_checkpoint's cases are in NOT_PORTED.md.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual } from './helpers.js';

let tempDir: string;
beforeEach(async () => {
  tempDir = await mkdtemp(path.join(tmpdir(), 'tf1ts-ckpt-utils-'));
});
afterEach(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

/** TF1's `_create_checkpoints(sess, checkpoint_dir)`: four variables saved at step 0; their values. */
async function createCheckpoints(checkpointDir: string): Promise<tf.NDArray[]> {
  const g = new tf.Graph();
  const { vars, saver } = g.as_default(() => {
    const v1 = tf.get_variable('var1', [1, 10]);
    const v2 = tf.get_variable('var2', [10, 10]);
    const v3 = tf.get_variable('var3', [100, 100]);
    const v4 = tf.variable_scope('useful_scope', () => tf.get_variable('var4', [9, 9]));
    return { vars: [v1, v2, v3, v4], saver: new tf.train.Saver() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  await sess.run(g.as_default(() => tf.global_variables_initializer()));
  const values = await sess.run(vars);
  await saver.save(sess, path.join(checkpointDir, 'model'), { global_step: 0, latest_filename: 'checkpoint' });
  sess.close();
  return values;
}

describe('CheckpointsTest', () => {
  it('testNoCheckpoints', () => {
    const checkpointDir = `${tempDir}/no_checkpoints`;
    expect(() => tf.train.load_variable(checkpointDir, 'var1')).toThrow(tf.errors.OpError);
  });

  it('testNoTensor', async () => {
    await createCheckpoints(tempDir);
    expect(() => tf.train.load_variable(tempDir, 'var5')).toThrow(tf.errors.OpError);
  });

  it('testGetTensor', async () => {
    const [v1, v2, v3, v4] = await createCheckpoints(tempDir);
    assertAllEqual(tf.train.load_variable(tempDir, 'var1'), v1!);
    assertAllEqual(tf.train.load_variable(tempDir, 'var2'), v2!);
    assertAllEqual(tf.train.load_variable(tempDir, 'var3'), v3!);
    assertAllEqual(tf.train.load_variable(tempDir, 'useful_scope/var4'), v4!);
  });

  it('testGetAllVariables', async () => {
    await createCheckpoints(tempDir);
    expect(tf.train.list_variables(tempDir)).toEqual([
      ['useful_scope/var4', [9, 9]],
      ['var1', [1, 10]],
      ['var2', [10, 10]],
      ['var3', [100, 100]],
    ]);
  });
});
