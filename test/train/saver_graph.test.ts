// The Saver's save/restore subgraph and SaverDef as TF r1.12's BaseSaverBuilder builds them (sharded=False, V2):
// node names and order, the SaverDef naming them, running them through Session.run (TF's bytes), the SaverDef in the
// .meta (checked with protoc too), and a Saver made from an imported SaverDef.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { MetaGraphDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode, TF1_FILES } from '../helpers/protoc.js';

const TF_PREFIX = path.join(TF1_FILES, 'half_plus_two/half_plus_two/00000123/variables/variables');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-savergraph-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** half_plus_two's variables c, a, b (created in that order) and a Saver of them. */
function model(values: [number, number, number], opts?: tf.train.SaverOptions) {
  const g = new tf.Graph();
  return g.as_default(() => {
    const vars = (['c', 'a', 'b'] as const).map((name, i) => tf.Variable(tf.constant(values[i]!, tf.float32), { name }));
    const saver = opts ? new tf.train.Saver(opts) : new tf.train.Saver();
    return { g, vars, saver, init: tf.global_variables_initializer() };
  });
}

const fed = (g: tf.Graph, name: string, file: string) => new Map([[g.get_tensor_by_name(name), tf.NDArray.fromStrings([file], [])]]);

describe("the Saver's subgraph", () => {
  it("has TF1's nodes under `save`, in TF1's order, and a SaverDef naming them", () => {
    const { g, saver } = model([3, 0.5, 2]);
    const nodes = g.get_operations().filter((o) => o.name.startsWith('save/'));
    const restore = (s: string) => [`save/RestoreV2${s}/tensor_names`, `save/RestoreV2${s}/shape_and_slices`, `save/RestoreV2${s}`];
    expect(nodes.map((o) => o.name)).toEqual([
      'save/Const',
      'save/SaveV2/tensor_names',
      'save/SaveV2/shape_and_slices',
      'save/SaveV2',
      'save/control_dependency',
      ...restore(''),
      ...restore('_1'),
      ...restore('_2'),
      'save/Assign',
      'save/Assign_1',
      'save/Assign_2',
      'save/restore_all',
    ]);
    expect(nodes.map((o) => o.type)).toEqual([
      'Const',
      'Const',
      'Const',
      'SaveV2',
      'Identity',
      ...Array(3).fill(['Const', 'Const', 'RestoreV2']).flat(),
      'Assign',
      'Assign',
      'Assign',
      'NoOp',
    ]);
    // keys in sorted order; the save reads the variables' storage
    expect(g.get_operation_by_name('save/SaveV2').inputs.map((t) => t.name)).toEqual([
      'save/Const:0',
      'save/SaveV2/tensor_names:0',
      'save/SaveV2/shape_and_slices:0',
      'a:0',
      'b:0',
      'c:0',
    ]);
    expect(g.get_operation_by_name('save/Assign_2').inputs.map((t) => t.name)).toEqual(['c:0', 'save/RestoreV2_2:0']);
    expect(g.get_operation_by_name('save/restore_all').control_inputs.map((o) => o.name)).toEqual(['save/Assign', 'save/Assign_1', 'save/Assign_2']);
    const def = saver.as_saver_def()!;
    expect(def).toBe(saver.saver_def);
    expect(def.filenameTensorName).toBe('save/Const:0');
    expect(def.saveTensorName).toBe('save/control_dependency:0');
    expect(def.restoreOpName).toBe('save/restore_all');
    expect([def.maxToKeep, def.sharded, def.keepCheckpointEveryNHours, def.version]).toEqual([5, false, 10000, tf.train.SaverDef.V2]);
  });

  it('takes the name and options: a second Saver is under save_1; defer_build builds on build()', () => {
    const { g } = model([1, 2, 3], { max_to_keep: 2, keep_checkpoint_every_n_hours: 0.5 });
    const [second, named, deferred] = g.as_default(() => [
      new tf.train.Saver(),
      new tf.train.Saver({ name: 'ckpt' }),
      new tf.train.Saver({ defer_build: true }),
    ]);
    expect(second!.saver_def!.restoreOpName).toBe('save_1/restore_all');
    expect(named!.saver_def!.saveTensorName).toBe('ckpt/control_dependency:0');
    expect(deferred!.saver_def).toBeNull();
    deferred!.build();
    expect(deferred!.saver_def!.filenameTensorName).toBe('save_2/Const:0');
  });

  it("runs through Session.run: the save tensor writes TF's half_plus_two bytes, restore_all reads them back", async () => {
    const { g, saver, init } = model([3, 0.5, 2]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    const def = saver.saver_def!;
    const prefix = path.join(dir, 'variables');
    const out = await sess.run(g.get_tensor_by_name(def.saveTensorName), fed(g, def.filenameTensorName, prefix));
    expect(new TextDecoder().decode(out.strings[0])).toBe(prefix);
    for (const suffix of ['.index', '.data-00000-of-00001']) {
      expect(new Uint8Array(readFileSync(prefix + suffix)), suffix).toEqual(new Uint8Array(readFileSync(TF_PREFIX + suffix)));
    }
    const other = model([0, 0, 0]);
    const s2 = new tf.Session({ graph: other.g, backend: 'cpu' });
    await s2.run(other.g.get_operation_by_name(other.saver.saver_def!.restoreOpName), fed(other.g, 'save/Const:0', TF_PREFIX));
    expect((await s2.run(other.vars)).map((v) => v.item())).toEqual([3, 0.5, 2]);
    sess.close();
    s2.close();
  });

  it("is written into the .meta's saver_def, and import_meta_graph's Saver uses it without adding nodes", async () => {
    const { g, saver, init } = model([3, 0.5, 2], { max_to_keep: 3 });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    const prefix = await saver.save(sess, path.join(dir, 'model.ckpt'));
    sess.close();
    const bytes = new Uint8Array(readFileSync(`${prefix}.meta`));
    const meta = fromBinary(MetaGraphDefSchema, bytes);
    expect([meta.saverDef?.filenameTensorName, meta.saverDef?.saveTensorName, meta.saverDef?.restoreOpName, meta.saverDef?.maxToKeep]).toEqual([
      'save/Const:0',
      'save/control_dependency:0',
      'save/restore_all',
      3,
    ]);
    const g2 = new tf.Graph();
    const imported = (await g2.as_default(() => tf.train.import_meta_graph(`${prefix}.meta`)))!;
    expect(g2.get_operations().length).toBe(g.get_operations().length);
    expect(imported.saver_def!.restoreOpName).toBe('save/restore_all');
    const s2 = new tf.Session({ graph: g2, backend: 'cpu' });
    await s2.run(g2.get_operation_by_name('save/restore_all'), fed(g2, 'save/Const:0', prefix));
    expect((await s2.run(['a:0', 'b:0', 'c:0'].map((n) => g2.get_tensor_by_name(n)))).map((v) => v.item())).toEqual([0.5, 2, 3]);
    s2.close();
  });

  it("import_meta_graph's Saver restores by running the SaverDef's restore op: TF1's wrapped error for a missing key, no variable changed", async () => {
    const { g, saver, init } = model([3, 0.5, 2]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    const prefix = await saver.save(sess, path.join(dir, 'model.ckpt'));
    sess.close();
    // a checkpoint holding a and b only
    const partial = model([0, 7, 8]);
    const ps = new tf.Session({ graph: partial.g, backend: 'cpu' });
    await ps.run(partial.init);
    const only = partial.g.as_default(() => new tf.train.Saver([partial.vars[1]!, partial.vars[2]!]));
    const partialPrefix = await only.save(ps, path.join(dir, 'partial.ckpt'), { write_meta_graph: false });
    ps.close();
    const g2 = new tf.Graph();
    const imported = (await g2.as_default(() => tf.train.import_meta_graph(`${prefix}.meta`)))!;
    const s2 = new tf.Session({ graph: g2, backend: 'cpu' });
    await imported.restore(s2, prefix);
    const vars = ['a:0', 'b:0', 'c:0'].map((n) => g2.get_tensor_by_name(n));
    expect((await s2.run(vars)).map((v) => v.item())).toEqual([0.5, 2, 3]);
    const err = await imported.restore(s2, partialPrefix).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(tf.errors.NotFoundError);
    expect((err as Error).message).toMatch(
      /^Restoring from checkpoint failed\. This is most likely due to a Variable name or other graph key that is missing from the checkpoint\. Please ensure that you have not altered the graph expected based on the checkpoint\. Original error:\n\nKey c not found in checkpoint/,
    );
    expect((await s2.run(vars)).map((v) => v.item())).toEqual([0.5, 2, 3]);
    s2.close();
  });

  it("SavedModelBuilder's MetaGraphDef carries its Saver's SaverDef, and the loader restores through it", async () => {
    const { g, vars, init } = model([3, 0.5, 2]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    const exportDir = path.join(dir, 'sm');
    const [x, y] = g.as_default(() => [tf.placeholder(tf.float32, [], 'x'), tf.identity(vars[1]!, 'y')]);
    await tf.saved_model.simple_save(sess, exportDir, { x: x! }, { y: y! });
    sess.close();
    const { SavedModelSchema } = await import('../../src/framework/proto/tensorflow/core/protobuf/saved_model_pb.js');
    const sm = fromBinary(SavedModelSchema, new Uint8Array(readFileSync(path.join(exportDir, 'saved_model.pb'))));
    expect(sm.metaGraphs[0]!.saverDef?.restoreOpName).toMatch(/^save(_\d+)?\/restore_all$/);
    const g2 = new tf.Graph();
    const s2 = new tf.Session({ graph: g2, backend: 'cpu' });
    await tf.saved_model.loader.load(s2, ['serve'], exportDir);
    expect((await s2.run(['a:0', 'b:0', 'c:0'].map((n) => g2.get_tensor_by_name(n)))).map((v) => v.item())).toEqual([0.5, 2, 3]);
    s2.close();
  });

  it.skipIf(!HAS_PROTOC)("the .meta's saver_def decodes with protoc", async () => {
    void NO_PROTOC;
    const { g, saver, init } = model([3, 0.5, 2]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    const prefix = await saver.save(sess, path.join(dir, 'model.ckpt'));
    sess.close();
    const text = protocDecode('tensorflow.MetaGraphDef', new Uint8Array(readFileSync(`${prefix}.meta`)));
    expect(text).toContain(
      'saver_def {\n  filename_tensor_name: "save/Const:0"\n  save_tensor_name: "save/control_dependency:0"\n  restore_op_name: "save/restore_all"\n  max_to_keep: 5\n  keep_checkpoint_every_n_hours: 10000\n  version: V2\n}',
    );
  });
});
