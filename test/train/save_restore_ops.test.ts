// The SaveV2 and RestoreV2 ops (framework/ops/io.ts) run by Session.run: SaveV2 writes TF r1.12's bytes (half_plus_two's
// variables), RestoreV2 reads TF's files and tensors of mixed dtypes, and both fail with TF1's errors.
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { TF1_FILES } from '../helpers/protoc.js';

const TF_PREFIX = path.join(TF1_FILES, 'half_plus_two/half_plus_two/00000123/variables/variables');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-saveops-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const strings = (values: string[], shape = [values.length]) => tf.constant(tf.NDArray.fromStrings(values, shape));

/** SaveV2(prefix, names, slices, tensors) in the default graph. */
const saveV2 = (prefix: string, names: string[], tensors: tf.Tensor[]) =>
  tf.get_default_graph().create_op('SaveV2', [strings([prefix], []), strings(names), strings(names.map(() => '')), ...tensors], {}, 'save/SaveV2');

/** RestoreV2's outputs in the default graph. */
const restoreV2 = (prefix: string | tf.Tensor, names: string[], dtypes: DType[]) =>
  tf
    .get_default_graph()
    .create_op(
      'RestoreV2',
      [typeof prefix === 'string' ? strings([prefix], []) : prefix, strings(names), strings(names.map(() => ''))],
      { dtypes },
      'save/RestoreV2',
    ).outputs;

async function runError(g: tf.Graph, fetch: tf.Operation | readonly tf.Tensor[], feed?: Map<tf.Tensor, tf.NDArray>): Promise<unknown> {
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    await sess.run(fetch as tf.Operation, feed);
  } catch (e) {
    return e;
  } finally {
    sess.close();
  }
  return null;
}

describe('SaveV2', () => {
  it("of a = 0.5, b = 2, c = 3 writes half_plus_two's variables.index and .data-00000-of-00001 byte for byte", async () => {
    const g = new tf.Graph();
    const save = g.as_default(() =>
      saveV2(
        path.join(dir, 'variables'),
        ['a', 'b', 'c'],
        [0.5, 2, 3].map((v) => tf.constant(v, tf.float32)),
      ),
    );
    expect(save.outputs).toEqual([]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(save);
    sess.close();
    for (const suffix of ['.index', '.data-00000-of-00001']) {
      expect(new Uint8Array(readFileSync(path.join(dir, `variables${suffix}`))), suffix).toEqual(new Uint8Array(readFileSync(TF_PREFIX + suffix)));
    }
    // TF1's NodeDef: `dtypes` inferred from the tensors
    expect(save.get_attr('dtypes')).toEqual(['float32', 'float32', 'float32']);
  });

  it('refuses as many names as tensors but not the same, a duplicate name, and a fed prefix that is not a scalar', async () => {
    const g = new tf.Graph();
    const [dup, prefix2] = g.as_default(() => [
      saveV2(path.join(dir, 'd'), ['a', 'a'], [tf.constant(1), tf.constant(2)]),
      tf.get_default_graph().create_op('SaveV2', [tf.placeholder(tf.string, null, 'prefix'), strings(['a']), strings(['']), tf.constant(1)], {}, 'two'),
    ]);
    // io_ops.cc's shape function, when the graph is built
    expect(() =>
      g.create_op(
        'SaveV2',
        g.as_default(() => [strings(['p'], []), strings(['a']), strings(['']), tf.constant(1), tf.constant(2)]),
        {},
        'few',
      ),
    ).toThrow("Dimension must be 2 but is 1 for 'few' (op: 'SaveV2') with input shapes: [], [1], [1], [], [].");
    const e1 = await runError(g, dup!);
    expect(e1).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect((e1 as Error).message).toContain('Adding duplicate key: a');
    const e2 = await runError(g, prefix2!, new Map([[g.get_tensor_by_name('prefix:0'), tf.NDArray.fromStrings(['p', 'q'], [2])]]));
    expect(e2).toBeInstanceOf(tf.errors.InvalidArgumentError);
    // the fed prefix's shape is checked against io_ops.cc's shape function before the kernel runs
    expect((e2 as Error).message).toContain('Shape must be rank 0 but is rank 1');
  });
});

describe('RestoreV2', () => {
  it("reads TF r1.12's half_plus_two variables", async () => {
    const g = new tf.Graph();
    const outs = g.as_default(() => restoreV2(TF_PREFIX, ['c', 'a', 'b'], ['float32', 'float32', 'float32']));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    expect((await sess.run(outs)).map((v) => v.item())).toEqual([3, 0.5, 2]);
    sess.close();
  });

  it('reads back what SaveV2 wrote, outputs of mixed dtypes (float32, int32, int64, bool, string) with their shapes', async () => {
    const g = new tf.Graph();
    const prefix = path.join(dir, 'mixed');
    const values = {
      f: new tf.NDArray(Float32Array.of(1.5, -2, 3.25, 0), [2, 2], 'float32'),
      i: new tf.NDArray(Int32Array.of(7, -8, 9), [3], 'int32'),
      l: new tf.NDArray(Float64Array.of(2 ** 40, -3), [2], 'int64'),
      b: new tf.NDArray(Uint8Array.of(1, 0), [2], 'bool'),
      s: tf.NDArray.fromStrings(['x', '', 'yz'], [3, 1]),
    };
    const { save, outs } = g.as_default(() => {
      const save = saveV2(
        prefix,
        Object.keys(values),
        Object.values(values).map((v) => tf.constant(v)),
      );
      const outs = restoreV2(prefix, ['s', 'f', 'l', 'b', 'i'], ['string', 'float32', 'int64', 'bool', 'int32']);
      return { save, outs };
    });
    expect(outs.map((t) => t.dtype)).toEqual(['string', 'float32', 'int64', 'bool', 'int32'].map((d) => tf.as_dtype(d as DType)));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(save);
    const got = await sess.run(outs);
    sess.close();
    expect(got.map((a) => a.shape)).toEqual([[3, 1], [2, 2], [2], [2], [3]]);
    expect(got[0]!.strings.map((s) => new TextDecoder().decode(s))).toEqual(['x', '', 'yz']);
    expect([...got[1]!.data]).toEqual([1.5, -2, 3.25, 0]);
    expect([...got[2]!.data]).toEqual([2 ** 40, -3]);
    expect([...got[3]!.data]).toEqual([1, 0]);
    expect([...got[4]!.data]).toEqual([7, -8, 9]);
  });

  it("fails with TF1's errors: a key the checkpoint lacks, another dtype, no checkpoint, a corrupt index", async () => {
    const g = new tf.Graph();
    const bad = path.join(dir, 'bad');
    writeFileSync(
      `${bad}.index`,
      new Uint8Array(readFileSync(`${TF_PREFIX}.index`)).map((b, i) => (i === 20 ? b ^ 0xff : b)),
    );
    const [missing, dtype, none, corrupt] = g.as_default(() => [
      restoreV2(TF_PREFIX, ['d'], ['float32']),
      restoreV2(TF_PREFIX, ['a'], ['float64']),
      restoreV2(path.join(dir, 'nothing'), ['a'], ['float32']),
      restoreV2(bad, ['a'], ['float32']),
    ]);
    const cases: [readonly tf.Tensor[], unknown, string][] = [
      [missing!, tf.errors.NotFoundError, 'Key d not found in checkpoint'],
      [dtype!, tf.errors.InvalidArgumentError, 'tensor_name = a; expected dtype double does not equal original dtype float'],
      [none!, tf.errors.NotFoundError, `Unsuccessful TensorSliceReader constructor: Failed to find any matching files for ${path.join(dir, 'nothing')}`],
      [corrupt!, tf.errors.DataLossError, ''],
    ];
    for (const [fetch, cls, message] of cases) {
      const e = await runError(g, fetch);
      expect(e, message).toBeInstanceOf(cls);
      expect((e as Error).message).toContain(message);
      expect((e as tf.errors.OpError).op?.name).toBe(fetch[0]!.op.name);
    }
  });

  it('checks its inputs when the graph is built: a scalar prefix, as many names as dtypes', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expect(() => restoreV2(strings(['a', 'b']), ['a'], ['float32'])).toThrow(/Shape must be rank 0 but is rank 1/);
      expect(() => restoreV2('p', ['a', 'b'], ['float32'])).toThrow(/Dimension must be 1 but is 2/);
    });
  });
});
