// TF1's python/saved_model/saved_model_test.py (r1.12), the cases tf1-ts's SavedModel supports, ported; and the
// files checked with protoc.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { create, fromBinary } from '@bufbuild/protobuf';
import * as tf from '../../src/index.js';
import { SavedModelSchema } from '../../src/framework/proto/tensorflow/core/protobuf/saved_model_pb.js';
import { TensorInfoSchema } from '../../src/framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode } from '../helpers/protoc.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tf1ts-saved-model-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});
const exportDir = (name: string) => path.join(root, name);

/** A new graph and CPU session (TF1's `with self.session(graph=ops.Graph()) as sess:`). */
async function withSession<T>(fn: (sess: tf.Session, g: tf.Graph) => Promise<T>): Promise<T> {
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return await g.as_default(() => fn(sess, g));
  } finally {
    sess.close();
  }
}

/** TF1's `_init_and_validate_variable`: a variable `name` = value, initialized and checked. */
async function initVariable(sess: tf.Session, name: string, value: number): Promise<tf.RefVariable> {
  const v = tf.Variable(value, { name });
  await sess.run(tf.global_variables_initializer());
  expect((await sess.run(v)).item()).toBe(value);
  return v;
}

const firstGlobal = async (sess: tf.Session) => (await sess.run(sess.graph.get_collection<tf.RefVariable>(tf.GraphKeys.GLOBAL_VARIABLES)[0]!)).item();
const { loader, builder } = tf.saved_model;

describe('SavedModelTest', () => {
  it('testSequence: add_meta_graph needs saved variables, and they are saved once', async () => {
    const dir = exportDir('test_sequence');
    const b = new builder.SavedModelBuilder(dir);
    await expect(withSession(async () => b.add_meta_graph(['foo']))).rejects.toThrow(tf.errors.AssertionError);
    await withSession(async (sess) => {
      await initVariable(sess, 'v', 42);
      await b.add_meta_graph_and_variables(sess, ['bar']);
      await expect(b.add_meta_graph_and_variables(sess, ['baz'])).rejects.toThrow(
        'Graph state including variables and assets has already been saved. Please invoke `add_meta_graph()` instead.',
      );
    });
  });

  it('testTags: each tag-set loads its own MetaGraphDef with the variables saved first; an unknown one is a RuntimeError', async () => {
    const dir = exportDir('test_tags');
    const b = new builder.SavedModelBuilder(dir);
    await withSession(async (sess) => {
      await initVariable(sess, 'v', 42);
      await b.add_meta_graph_and_variables(sess, [tf.saved_model.tag_constants.TRAINING]);
    });
    // add_meta_graph takes the default graph when called: after an await, that is g again only inside g.as_default.
    await withSession(async (sess, g) => {
      await initVariable(sess, 'v', 43);
      await g.as_default(() => b.add_meta_graph([tf.saved_model.tag_constants.SERVING]));
    });
    await withSession(async (sess, g) => {
      await initVariable(sess, 'v', 44);
      await g.as_default(() => b.add_meta_graph(['foo', 'bar']));
    });
    await b.save();
    for (const tags of [['train'], ['serve'], ['bar', 'foo']]) {
      await withSession(async (sess) => {
        await loader.load(sess, tags, dir);
        expect(await firstGlobal(sess)).toBe(42);
      });
    }
    await withSession(async (sess) => {
      await expect(loader.load(sess, ['foo', 'baz'], dir)).rejects.toThrow(
        "MetaGraphDef associated with tags 'foo', 'baz' could not be found in SavedModel. To inspect available tag-sets in the SavedModel, please use the SavedModel CLI: `saved_model_cli`",
      );
      await expect(loader.load(sess, ['foo'], dir)).rejects.toThrow(tf.errors.RuntimeError);
    });
  });

  it('testSaveAsText: saved_model.pbtxt loads as the binary does', async () => {
    const dir = exportDir('test_astext');
    const b = new builder.SavedModelBuilder(dir);
    await withSession(async (sess) => {
      await initVariable(sess, 'v', 42);
      await b.add_meta_graph_and_variables(sess, ['foo']);
    });
    await withSession(async (sess, g) => {
      await initVariable(sess, 'v', 43);
      await g.as_default(() => b.add_meta_graph(['bar']));
    });
    expect(await b.save(true)).toBe(path.join(dir, 'saved_model.pbtxt'));
    for (const tags of [['foo'], ['bar']]) {
      await withSession(async (sess) => {
        await loader.load(sess, tags, dir);
        expect(await firstGlobal(sess)).toBe(42);
      });
    }
    expect(await loader.maybe_saved_model_directory(dir)).toBe(true);
    expect(await loader.maybe_saved_model_directory(root)).toBe(false);
  });

  it('testNoOverwrite: an existing export directory is refused', async () => {
    const dir = exportDir('test_no_overwrite');
    await mkdir(dir);
    const b = new builder.SavedModelBuilder(dir);
    await withSession(async (sess) => {
      await initVariable(sess, 'v', 42);
      await expect(b.add_meta_graph_and_variables(sess, ['foo'])).rejects.toThrow(
        `Export directory already exists. Please specify a different export directory: ${dir}`,
      );
    });
  });

  it('testSignatureDefs and testSignatureDefValidationFails', async () => {
    const dir = exportDir('test_signature_defs');
    const b = new builder.SavedModelBuilder(dir);
    await withSession(async (sess) => {
      const v = await initVariable(sess, 'v', 42);
      const info = tf.saved_model.utils.build_tensor_info(v.value());
      const sig = tf.saved_model.signature_def_utils.build_signature_def({ foo_inputs: info }, { foo_outputs: info }, 'foo_method_name');
      // A TensorInfo with no name, then one with no dtype: TF1's AssertionErrors, and nothing added.
      const noName = create(TensorInfoSchema, { dtype: info.dtype });
      const noDtype = create(TensorInfoSchema, { encoding: { case: 'name', value: 'v:0' } });
      for (const [bad, msg] of [
        [noName, "must have one of the 'encoding' fields"],
        [noDtype, 'must have the dtype field set'],
      ] as const) {
        const badSig = tf.saved_model.signature_def_utils.build_signature_def({ x: bad }, { y: info }, 'foo');
        await expect(b.add_meta_graph_and_variables(sess, ['foo'], { foo_key: badSig })).rejects.toThrow(msg);
      }
      await b.add_meta_graph_and_variables(sess, ['foo'], { foo_key: sig });
    });
    await b.save();
    await withSession(async (sess) => {
      const meta = await loader.load(sess, ['foo'], dir);
      expect(await firstGlobal(sess)).toBe(42);
      const s = meta.signatureDef.foo_key!;
      expect(s.methodName).toBe('foo_method_name');
      expect(s.inputs.foo_inputs!.encoding).toEqual({ case: 'name', value: 'v/read:0' });
      expect(s.outputs.foo_outputs!.dtype).toBe(3); // DT_INT32: the variable holds the Python int 42
      const t = tf.saved_model.utils.get_tensor_from_tensor_info(s.inputs.foo_inputs!, sess.graph);
      expect((await sess.run(t)).item()).toBe(42);
    });
  });

  it('testMainOp: the main op runs after the variables are restored', async () => {
    const dir = exportDir('test_main_op');
    const b = new builder.SavedModelBuilder(dir);
    await withSession(async (sess) => {
      const v1 = tf.Variable(1, { name: 'v1' });
      const v2 = tf.Variable(2, { name: 'v2' });
      const v3 = tf.Variable(0, { name: 'v3' });
      await sess.run(tf.global_variables_initializer());
      const main_op = tf.group(tf.assign(v3, tf.add(v1, v2)));
      await b.add_meta_graph_and_variables(sess, ['foo'], { main_op });
    });
    await b.save();
    await withSession(async (sess) => {
      await loader.load(sess, ['foo'], dir);
      const g = sess.graph;
      expect([1, 2, 3]).toEqual(await Promise.all(['v1:0', 'v2:0', 'v3:0'].map(async (n) => (await sess.run(g.get_tensor_by_name(n))).item())));
    });
  });
});

describe('simple_save', () => {
  it('writes a serving SavedModel whose Predict signature runs after loading, as protoc reads it', async () => {
    const dir = exportDir('simple');
    const y = await withSession(async (sess) => {
      const x = tf.placeholder(tf.float32, [null, 2], 'x');
      const W = tf.Variable(
        [
          [1, 2],
          [3, 4],
        ],
        { name: 'W', dtype: tf.float32 },
      );
      const out = tf.matmul(x, W, { name: 'y' });
      await sess.run(tf.global_variables_initializer());
      await tf.saved_model.simple_save(sess, dir, { x }, { y: out });
      return Array.from((await sess.run(out, new Map([[x, [[1, 1]]]]))).data);
    });
    expect(y).toEqual([4, 6]);
    const bytes = new Uint8Array(await readFile(path.join(dir, 'saved_model.pb')));
    const model = fromBinary(SavedModelSchema, bytes);
    expect(model.savedModelSchemaVersion).toBe(1n);
    expect(model.metaGraphs.map((m) => m.metaInfoDef?.tags)).toEqual([['serve']]);
    await withSession(async (sess) => {
      const meta = await loader.load(sess, [tf.saved_model.tag_constants.SERVING], dir);
      const sig = meta.signatureDef[tf.saved_model.signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY]!;
      expect(sig.methodName).toBe('tensorflow/serving/predict');
      expect(tf.saved_model.signature_def_utils.is_valid_signature(sig)).toBe(true);
      const x = tf.saved_model.utils.get_tensor_from_tensor_info(sig.inputs.x!, sess.graph);
      const out = tf.saved_model.utils.get_tensor_from_tensor_info(sig.outputs.y!, sess.graph);
      expect(Array.from((await sess.run(out, new Map([[x, [[1, 1]]]]))).data)).toEqual([4, 6]);
    });
    if (!HAS_PROTOC) return console.warn(NO_PROTOC);
    const text = protocDecode('tensorflow.SavedModel', bytes);
    expect(text.startsWith('saved_model_schema_version: 1\nmeta_graphs {\n  meta_info_def {\n    tags: "serve"\n  }')).toBe(true);
    expect(text).toContain(
      'signature_def {\n    key: "serving_default"\n    value {\n      inputs {\n        key: "x"\n        value {\n          name: "x:0"\n          dtype: DT_FLOAT',
    );
    expect(text).toContain('method_name: "tensorflow/serving/predict"');
  });

  it('refuses what TF1 refuses: empty Predict inputs, a missing or unparseable saved_model.pb', async () => {
    await withSession(async (sess) => {
      const x = tf.placeholder(tf.float32, [2], 'x');
      await expect(tf.saved_model.simple_save(sess, exportDir('e'), {}, { x })).rejects.toThrow('Prediction inputs cannot be None or empty.');
      await expect(loader.load(sess, ['serve'], root)).rejects.toThrow(`SavedModel file does not exist at: ${root}/{saved_model.pbtxt|saved_model.pb}`);
      await writeFile(path.join(root, 'saved_model.pb'), new Uint8Array([0x12, 0xff, 0xff, 0xff, 0x0f]));
      await expect(loader.load(sess, ['serve'], root)).rejects.toThrow(tf.IOError);
      expect(sess.graph.get_operations().map((o) => o.name)).toEqual(['x']);
    });
  });
});
