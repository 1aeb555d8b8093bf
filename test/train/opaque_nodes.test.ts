// Op types tf1-ts lacks, imported as opaque nodes (framework/ops/opaque.ts): TF's own half_plus_two SavedModel
// (ParseExample in its input pipeline, ../shared/tf1-files) loads and computes from a feed beyond it; a run that
// needs the opaque node is refused before any kernel runs; a bad file gives a clear error.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { GraphDefSchema } from '../../src/framework/proto/tensorflow/core/framework/graph_pb.js';
import { OpListSchema } from '../../src/framework/proto/tensorflow/core/framework/op_def_pb.js';
import { AttrValueSchema } from '../../src/framework/proto/tensorflow/core/framework/attr_value_pb.js';
import { DataType } from '../../src/framework/proto/tensorflow/core/framework/types_pb.js';
import { SavedModelSchema } from '../../src/framework/proto/tensorflow/core/protobuf/saved_model_pb.js';
import { MetaGraphDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { TF1_FILES } from '../helpers/protoc.js';

const MODELS = join(TF1_FILES, 'half_plus_two');
const nd = (v: number[], shape: number[]) => new tf.NDArray(Float32Array.from(v), shape, 'float32');

async function loaded(variant: string): Promise<{ sess: tf.Session; g: tf.Graph; meta: Awaited<ReturnType<typeof tf.saved_model.loader.load>> }> {
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  const meta = await tf.saved_model.loader.load(sess, ['serve'], join(MODELS, variant, '00000123'));
  return { sess, g, meta };
}

describe("TF's half_plus_two SavedModel", () => {
  for (const variant of ['half_plus_two', 'half_plus_two_pbtxt']) {
    it(`loads from ${variant} and computes y = 0.5 * x + 2 from x:0 fed beyond ParseExample`, async () => {
      const { sess, g, meta } = await loaded(variant);
      const x = g.get_tensor_by_name('x:0');
      expect((await sess.run(g.get_tensor_by_name('y:0'), new Map([[x, nd([1, 2, 3], [3, 1])]]))).tolist()).toEqual([[2.5], [3], [3.5]]);
      expect((await sess.run(g.get_tensor_by_name('y2:0'), new Map([[x, nd([4], [1, 1])]]))).tolist()).toEqual([[5]]);
      // the serving signature names the same tensors
      expect(meta.signatureDef.serving_default?.outputs.y?.encoding.value).toBe('y:0');
      // its legacy init op ran: it assigns the string constant 'foo.txt' (Assign/value) to a string variable
      expect((await sess.run(g.get_tensor_by_name('filename_tensor:0'))).decode()).toBe('foo.txt');
      const op = g.get_operation_by_name('ParseExample/ParseExample');
      expect(op.type).toBe('_Opaque');
      expect(op.outputs.map((t) => t.dtype)).toEqual(['float32', 'float32']);
      sess.close();
    });
  }

  it('refuses a run that needs ParseExample with UnimplementedError naming it, before any kernel runs', async () => {
    const { sess, g } = await loaded('half_plus_two');
    const a = g.get_tensor_by_name('a:0');
    const before = (await sess.run(a)).item();
    const bump = g.as_default(() => tf.assign_add(a, 1));
    const example = g.get_tensor_by_name('tf_example:0');
    const err = await sess.run([bump, g.get_tensor_by_name('y:0')], new Map([[example, tf.NDArray.fromStrings([''], [1])]])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(tf.errors.UnimplementedError);
    expect((err as Error).message).toContain('tf1-ts has no kernel for op ParseExample: node ParseExample/ParseExample was imported as an opaque node.');
    expect((err as tf.errors.OpError).op?.name).toBe('ParseExample/ParseExample');
    expect((await sess.run(a)).item()).toBe(before);
    sess.close();
  });
});

describe("TF1's own .meta file", () => {
  it("imports with import_meta_graph: the Saver it returns restores TF's checkpoint and keeps the SaverDef's max_to_keep", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tf1ts-opaque-'));
    try {
      const model = fromBinary(SavedModelSchema, new Uint8Array(readFileSync(join(MODELS, 'half_plus_two/00000123/saved_model.pb'))));
      const meta = model.metaGraphs[0]!;
      expect([meta.saverDef?.restoreOpName, meta.saverDef?.maxToKeep]).toEqual(['save/restore_all', 5]);
      meta.saverDef!.maxToKeep = 1;
      await writeFile(join(dir, 'model.meta'), toBinary(MetaGraphDefSchema, meta));
      const g = new tf.Graph();
      const saver = (await g.as_default(() => tf.train.import_meta_graph(join(dir, 'model.meta'))))!;
      // TF1's own save/restore nodes: SaveV2 and RestoreV2 are tf1-ts ops, MergeV2Checkpoints (sharded saves) an opaque node
      expect(['save/SaveV2', 'save/RestoreV2', 'save/MergeV2Checkpoints'].map((n) => g.get_operation_by_name(n).type)).toEqual([
        'SaveV2',
        'RestoreV2',
        '_Opaque',
      ]);
      const sess = new tf.Session({ graph: g, backend: 'cpu' });
      await saver.restore(sess, join(MODELS, 'half_plus_two/00000123/variables/variables'));
      expect((await sess.run(['a:0', 'b:0', 'c:0'].map((n) => g.get_tensor_by_name(n)))).map((v) => v.item())).toEqual([0.5, 2, 3]);
      await saver.save(sess, join(dir, 'model.ckpt'), { global_step: 1 });
      await saver.save(sess, join(dir, 'model.ckpt'), { global_step: 2 });
      expect(saver.last_checkpoints).toEqual([join(dir, 'model.ckpt-2')]);
      sess.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('opaque nodes from a GraphDef', () => {
  const graph = (text: string) => tf.GraphDef.FromText(text);
  const unknown = `node { name: "p" op: "Placeholder" attr { key: "dtype" value { type: DT_STRING } } }
node { name: "d" op: "DecodeThing" input: "p" attr { key: "out_type" value { type: DT_INT32 } } attr { key: "_output_shapes" value { list { shape { dim { size: -1 } } } } } }
`;

  it("take an output's dtype from the producer's OpDef (producer_op_list)", () => {
    const ops = create(OpListSchema, { op: [{ name: 'DecodeThing', outputArg: [{ name: 'out', typeAttr: 'out_type' }] }] });
    const g = new tf.Graph();
    const [d] = g.as_default(() => tf.import_graph_def(graph(unknown), { return_elements: ['d:0'], name: '', producer_op_list: ops }));
    expect([(d as tf.Tensor).dtype, (d as tf.Tensor).shape.as_list()]).toEqual(['int32', [null]]);
    // a run fed beyond it works; one that needs it is refused
    const y = g.as_default(() => tf.multiply(d as tf.Tensor, 2));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    return Promise.all([
      sess.run(y, new Map([[d as tf.Tensor, new tf.NDArray(Int32Array.of(3), [1], 'int32')]])).then((v) => expect(v.tolist()).toEqual([6])),
      expect(sess.run(y, new Map([[g.get_tensor_by_name('p:0'), tf.NDArray.fromStrings(['z'], [1])]]))).rejects.toThrow(tf.errors.UnimplementedError),
    ]);
  });

  it('refuse an output whose dtype the file does not tell, naming the node', () => {
    expect(() => new tf.Graph().as_default(() => tf.import_graph_def(graph(unknown)))).toThrow(
      "No op named DecodeThing in defined operations, and the GraphDef does not say the dtype of output 0 of node 'd'",
    );
  });

  it('refuse a hostile OpDef: a count attr of billions of outputs, a type attr that is no type', () => {
    const list = (numberAttr: string, typeAttr: string) =>
      create(OpListSchema, { op: [{ name: 'DecodeThing', outputArg: [{ name: 'out', type: DataType.DT_FLOAT, numberAttr, typeAttr }] }] });
    const msg = fromBinary(GraphDefSchema, graph(unknown).SerializeToString());
    msg.node[1]!.attr.n = create(AttrValueSchema, { value: { case: 'i', value: 4_000_000_000n } });
    const bytes = toBinary(GraphDefSchema, msg);
    expect(() => new tf.Graph().as_default(() => tf.import_graph_def(tf.GraphDef.FromString(bytes), { producer_op_list: list('n', '') }))).toThrow(
      "NodeDef 'd' (op DecodeThing): attr 'n' of output 'out' is not a count.",
    );
    expect(() => new tf.Graph().as_default(() => tf.import_graph_def(tf.GraphDef.FromString(bytes), { producer_op_list: list('', 'n') }))).toThrow(
      "NodeDef 'd' (op DecodeThing): attr 'n' of output 'out' is not a type.",
    );
  });
});
