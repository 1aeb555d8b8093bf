// TF1 r1.12's saver_test.py MetaGraphTest, the control-flow cases: a graph with while loops (and a cond) is saved,
// its MetaGraphDef exported, then imported into a new graph, where tf.gradients through the imported loops must be
// built and give what the original graph's gradient gave (_testGradientSerDes). That needs the `while_context` and
// `cond_context` collections, written as WhileContextDef/CondContextDef protos and rebuilt on import.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { equals, fromBinary } from '@bufbuild/protobuf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { WhileContextDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/control_flow_pb.js';
import { CollectionDefSchema, MetaGraphDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import type { CondContext } from '../../src/ops/cond.js';
import type { WhileContext } from '../../src/ops/while_context.js';

type T = tf.Tensor;

let tempDir: string;
beforeEach(async () => {
  tempDir = await mkdtemp(path.join(tmpdir(), 'tf1ts-metagraph-cf-'));
});
afterEach(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

const run = async (sess: tf.Session, t: T): Promise<number> => (await sess.run(t)).item() as number;

/** TF1's _testGradientSerDes: `graph_fn`'s gradient in the original graph equals the one built after import. */
async function testGradientSerDes(graph_fn: (x: T) => T): Promise<number> {
  const filename = path.join(tempDir, 'metafile');
  const saver_ckpt = path.join(tempDir, 'saver.ckpt');
  let expected: number;
  let var_name: string;
  let output_name: string;
  {
    const g = new tf.Graph();
    const { v, output, init_op } = g.as_default(() => {
      const v = tf.Variable(tf.constant(0.0, tf.float32));
      const output = graph_fn(v as unknown as T);
      return { v, output, init_op: tf.global_variables_initializer() };
    });
    var_name = v.name;
    output_name = output.name;
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init_op);
    await sess.run(output);
    const saver = g.as_default(() => new tf.train.Saver());
    await saver.save(sess, saver_ckpt);
    await g.as_default(() => saver.export_meta_graph(filename));
    // the .meta file Saver.save writes beside the checkpoint holds the same loops
    const written = await tf.train.export_meta_graph({ graph: g });
    const beside = fromBinary(MetaGraphDefSchema, await readFile(`${saver_ckpt}.meta`));
    expect(equals(CollectionDefSchema, beside.collectionDef.while_context!, written.collectionDef.while_context!)).toBe(true);
    expect(written.collectionDef.while_context!.kind.case).toBe('bytesList');
    // The gradient in the original graph, to compare with the imported graph's.
    const grad = g.as_default(() => denseGradients([output], [v as unknown as T])[0]!);
    await sess.run(init_op);
    expected = await run(sess, grad);
  }
  {
    const g = new tf.Graph();
    const saver = await g.as_default(() => tf.train.import_meta_graph(filename));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await saver!.restore(sess, saver_ckpt);
    const grad = g.as_default(() => {
      const v = g.get_tensor_by_name(var_name);
      const output = g.get_tensor_by_name(output_name);
      return denseGradients([output], [v])[0]!;
    });
    const init_op = g.as_default(() => tf.global_variables_initializer());
    await sess.run(init_op);
    expect(await run(sess, grad)).toBe(expected);
  }
  return expected;
}

/** TF1's _testWhileLoopAndGradientSerDes: `outer_body_fn` as the body of a 5-iteration loop over (i, x). */
const testWhileLoopAndGradientSerDes = (outer_body_fn: (i: T, x: T) => T[]): Promise<number> =>
  testGradientSerDes((x) => (tf.while_loop((i: T) => i.lt(5), outer_body_fn, [tf.constant(0), x]) as T[])[1]!);

/** testNestedControlFlowSerDes's body: a while loop in a cond in a while loop (the inner loop adds x three times). */
const nestedControlFlowBody = (i: T, x: T): T[] => {
  const cond_result = tf.cond(
    i.gt(0),
    () =>
      (
        tf.while_loop(
          (j: T) => j.lt(3),
          (j: T, y: T) => [j.add(1), y.add(x)],
          [tf.constant(0), tf.constant(0.0, tf.float32)],
        ) as T[]
      )[1]!,
    () => x,
  ) as T;
  return [i.add(1), cond_result];
};

describe('MetaGraphTest (control flow)', () => {
  it('testWhileLoopAndGradientSerDes', async () => {
    // d/dx of x + 5
    expect(await testWhileLoopAndGradientSerDes((i, x) => [i.add(1), x.add(1)])).toBe(1);
  });

  it('testNestedWhileLoopsSerDes', async () => {
    // Test two simple nested while loops.
    const body = (i: T, x: T): T[] => {
      const [, r] = tf.while_loop(
        (j: T) => j.lt(3),
        (j: T, y: T) => [j.add(1), y.add(x)],
        [tf.constant(0), tf.constant(0.0, tf.float32)],
      ) as T[];
      return [i.add(1), x.add(r!)];
    };
    // each iteration multiplies x by 4: d/dx of 4^5 x
    expect(await testWhileLoopAndGradientSerDes(body)).toBe(1024);
  });

  it('testNestedControlFlowSerDes: the export and import', async () => {
    // Test while loop in a cond in a while loop.
    const filename = path.join(tempDir, 'metafile');
    const g = new tf.Graph();
    const output = g.as_default(() => {
      const v = tf.Variable(tf.constant(2.0, tf.float32));
      return (tf.while_loop((i: T) => i.lt(5), nestedControlFlowBody, [tf.constant(0), v]) as T[])[1]!;
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(g.as_default(() => tf.global_variables_initializer()));
    // x, then 3x, 9x, 27x, 81x
    expect(await run(sess, output)).toBe(162);
    await tf.train.export_meta_graph(filename, { graph: g });

    const g2 = new tf.Graph();
    await g2.as_default(() => tf.train.import_meta_graph(filename));
    // One outermost loop; the cond's two branches nested in it, the inner loop in the true branch.
    const [loop] = g2.get_collection('while_context') as WhileContext[];
    expect(g2.get_collection('while_context')).toHaveLength(1);
    expect(g2.get_collection('cond_context')).toHaveLength(0);
    const nested = loop!._nested_contexts;
    expect(nested.map((c) => c.constructor.name)).toEqual(['CondContext', 'CondContext']);
    expect((nested[0] as CondContext)._nested_contexts.map((c) => (c as WhileContext).name)).toEqual(['while/cond/while/while_context']);
    expect((nested[1] as CondContext)._nested_contexts).toEqual([]);
    const original = g.get_collection('while_context')[0] as WhileContext;
    expect(equals(WhileContextDefSchema, loop!.to_proto()!, original.to_proto()!)).toBe(true);
    // the inner loop's ops are back in the inner loop's context
    const innerAdd = g2.get_operation_by_name('while/cond/while/add_1');
    expect(innerAdd._control_flow_context).toBe((nested[0] as CondContext)._nested_contexts[0]);
    const sess2 = new tf.Session({ graph: g2, backend: 'cpu' });
    await sess2.run(g2.as_default(() => tf.global_variables_initializer()));
    expect(await run(sess2, g2.get_tensor_by_name(output.name))).toBe(162);
  });

  it('testNestedControlFlowSerDes: the gradient through a loop in a cond in a loop, before and after import', async () => {
    // TF1's _testWhileLoopAndGradientSerDes(body): x, then 3x in each of the 4 iterations that take the cond's
    // true branch (its inner loop adds x three times): d/dx of 81x
    expect(await testWhileLoopAndGradientSerDes(nestedControlFlowBody)).toBe(81);
  });
});
