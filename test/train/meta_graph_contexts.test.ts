// The `while_context` and `cond_context` collections of a .meta file: written as TF1 r1.12 writes them (protoc,
// an independent decoder, reads each context's bytes as the WhileContextDef / CondContextDef text TF1 gives the same
// graph, and encodes that text to the same bytes), read back under an import_scope (names prefixed, the Enters'
// frame renamed, gradients through the imported loop), and refused before import when they name what the graph lacks.
import { create, toBinary } from '@bufbuild/protobuf';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { WhileContextDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/control_flow_pb.js';
import type { CondContext } from '../../src/ops/cond.js';
import type { WhileContext } from '../../src/ops/while_context.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode, protocEncode } from '../helpers/protoc.js';

type T = tf.Tensor;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-meta-ctx-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A loop reading a value from outside (k), and a cond after it. */
function build(): { g: tf.Graph; x: tf.Variable; r: T; c: T } {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.Variable(tf.constant(1.5, tf.float32), { name: 'x' });
    const k = tf.constant(1, { name: 'k' });
    const [, r] = tf.while_loop(
      (i: T) => tf.less(i, 3),
      (i: T, y: T) => [tf.add(i, k), y.mul(x)],
      [tf.constant(0, { name: 'i' }), x.value()],
    ) as T[];
    const c = tf.cond(
      tf.less(r!, 10),
      () => r!.add(1),
      () => tf.constant(0, tf.float32),
    ) as T;
    return { g, x, r: r!, c };
  });
}

// What TF1 r1.12 writes for the loop, in protobuf's text format as C++ prints it.
const WHILE_TEXT = `context_name: "while/while_context"
parallel_iterations: 10
back_prop: true
pivot_name: "while/LoopCond:0"
pivot_for_pred_name: "while/Merge:0"
pivot_for_body_name: "while/Identity:0"
loop_exit_names: "while/Exit:0"
loop_exit_names: "while/Exit_1:0"
values_def {
  values: "k:0"
  values: "while/Add/Enter:0"
  values: "while/Add:0"
  values: "while/Enter:0"
  values: "while/Enter_1:0"
  values: "while/Exit:0"
  values: "while/Exit_1:0"
  values: "while/Identity:0"
  values: "while/Identity_1:0"
  values: "while/Less/y:0"
  values: "while/Less:0"
  values: "while/LoopCond:0"
  values: "while/Merge:0"
  values: "while/Merge:1"
  values: "while/Merge_1:0"
  values: "while/Merge_1:1"
  values: "while/NextIteration:0"
  values: "while/NextIteration_1:0"
  values: "while/Switch:0"
  values: "while/Switch:1"
  values: "while/Switch_1:0"
  values: "while/Switch_1:1"
  values: "while/mul/Enter:0"
  values: "while/mul:0"
  values: "x/read:0"
  external_values {
    key: "k:0"
    value: "while/Add/Enter:0"
  }
  external_values {
    key: "x/read:0"
    value: "while/mul/Enter:0"
  }
}
loop_enter_names: "while/Enter:0"
loop_enter_names: "while/Enter_1:0"
`;

describe('control-flow contexts in .meta files', () => {
  it.skipIf(!HAS_PROTOC)(
    `writes each context as TF1's WhileContextDef / CondContextDef bytes, as protoc reads and writes them${HAS_PROTOC ? '' : ` (${NO_PROTOC})`}`,
    async () => {
      const { g } = build();
      const file = path.join(dir, 'graph.meta');
      await tf.train.export_meta_graph(file, { graph: g });
      const bytes = await readFile(file);
      // protoc sees the collections as bytes lists
      const text = protocDecode('tensorflow.MetaGraphDef', bytes);
      expect(text).toMatch(/collection_def \{\n {2}key: "while_context"\n {2}value \{\n {4}bytes_list \{\n {6}value: "/);
      expect(text).toMatch(/collection_def \{\n {2}key: "cond_context"\n {2}value \{\n {4}bytes_list \{\n {6}value: "[^"]+"\n {6}value: "/);
      const meta = await tf.train.export_meta_graph({ graph: g });
      const loopBytes = meta.collectionDef.while_context!.kind.value as { value: Uint8Array[] };
      expect(loopBytes.value).toHaveLength(1);
      expect(protocDecode('tensorflow.WhileContextDef', loopBytes.value[0]!)).toBe(WHILE_TEXT);
      // map entries in the order protoc writes them (sorted by key)
      expect(protocEncode('tensorflow.WhileContextDef', WHILE_TEXT)).toEqual(loopBytes.value[0]);

      const condBytes = meta.collectionDef.cond_context!.kind.value as { value: Uint8Array[] };
      expect(condBytes.value.map((b) => protocDecode('tensorflow.CondContextDef', b))).toEqual([
        `context_name: "cond/cond_text"
pred_name: "cond/pred_id:0"
pivot_name: "cond/switch_t:0"
branch: 1
values_def {
  values: "cond/add/Switch:1"
  values: "cond/add/y:0"
  values: "cond/add:0"
  values: "cond/pred_id:0"
  values: "cond/switch_t:0"
  values: "while/Exit_1:0"
  external_values {
    key: "cond/pred_id:0"
    value: "cond/pred_id:0"
  }
  external_values {
    key: "while/Exit_1:0"
    value: "cond/add/Switch:1"
  }
}
`,
        `context_name: "cond/cond_text_1"
pred_name: "cond/pred_id:0"
pivot_name: "cond/switch_f:0"
values_def {
  values: "cond/Const:0"
  values: "cond/pred_id:0"
  values: "cond/switch_f:0"
  external_values {
    key: "cond/pred_id:0"
    value: "cond/pred_id:0"
  }
}
`,
      ]);
    },
  );

  it('imports under import_scope: names prefixed, Enters in the renamed frame, and the gradient through the loop as in the original', async () => {
    const { g, x, r, c } = build();
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(g.as_default(() => tf.global_variables_initializer()));
    const file = path.join(dir, 'graph.meta');
    await tf.train.export_meta_graph(file, { graph: g });
    const written = toBinary(WhileContextDefSchema, (g.get_collection('while_context')[0] as WhileContext).to_proto()!);
    const grad = g.as_default(() => denseGradients([r, c], [x.value()])[0]!);
    const expected = await sess.run([r, c, grad]);

    const g2 = new tf.Graph();
    await g2.as_default(() => tf.train.import_meta_graph(file, { import_scope: 'imported' }));
    const [loop] = g2.get_collection('while_context') as WhileContext[];
    expect(loop!.name).toBe('imported/while/while_context');
    expect(loop!.loopExits.map((t) => t.name)).toEqual(['imported/while/Exit:0', 'imported/while/Exit_1:0']);
    expect((g2.get_collection('cond_context') as CondContext[]).map((ctx) => [ctx.name, ctx.pred.name])).toEqual([
      ['imported/cond/cond_text', 'imported/cond/pred_id:0'],
      ['imported/cond/cond_text_1', 'imported/cond/pred_id:0'],
    ]);
    // every Enter of the loop is in the renamed frame, in the graph's GraphDef too
    const enters = g2.as_graph_def().node.filter((n) => n.op === 'Enter');
    expect(enters.map((n) => n.name)).toEqual(['imported/while/Enter', 'imported/while/Enter_1', 'imported/while/Add/Enter', 'imported/while/mul/Enter']);
    for (const n of enters) expect(n.attr.frame_name).toBe('imported/while/while_context');
    expect(g2.get_operation_by_name('imported/while/Add/Enter').get_attr('frame_name')).toBe('imported/while/while_context');
    // writing the imported loop under export_scope gives the proto it came from
    expect(toBinary(WhileContextDefSchema, loop!.to_proto('imported')!)).toEqual(written);

    const sess2 = new tf.Session({ graph: g2, backend: 'cpu' });
    const [r2, c2, x2] = ['imported/while/Exit_1:0', 'imported/cond/Merge:0', 'imported/x/read:0'].map((n) => g2.get_tensor_by_name(n));
    const grad2 = g2.as_default(() => denseGradients([r2!, c2!], [x2!])[0]!);
    await sess2.run(g2.get_operation_by_name('imported/x/Assign'));
    const got = await sess2.run([r2!, c2!, grad2]);
    expect(got.map((a) => a.item())).toEqual(expected.map((a) => a.item()));
    // x^4 = 1.5^4, the cond's x^4 + 1, and the derivative of their sum, 2 * 4x^3
    expect(got.map((a) => a.item())).toEqual([5.0625, 6.0625, 27]);
  });

  it('a context collection naming a tensor the graph lacks is malformed: a ValueError before anything is imported', async () => {
    const { g } = build();
    const meta = await tf.train.export_meta_graph({ graph: g });
    const bad = create(WhileContextDefSchema, {
      ...((g.get_collection('while_context')[0] as WhileContext).to_proto() as object),
      loopExitNames: ['while/Exit:0', 'while/NoSuchExit:0'],
    });
    (meta.collectionDef.while_context!.kind.value as { value: Uint8Array[] }).value = [toBinary(WhileContextDefSchema, bad)];
    const g2 = new tf.Graph();
    await expect(g2.as_default(() => tf.train.import_meta_graph(meta))).rejects.toThrow("the MetaGraphDef: collection 'while_context' is malformed.");
    expect(g2.get_operations()).toHaveLength(0);
  });
});
