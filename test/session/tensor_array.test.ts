// TensorArrays at run time: each run has its own arrays (a graph that writes once runs again and again), a handle
// that names no array of the run is TF1's NotFoundError, a bad size fails before anything is stored, the WebGPU
// backend refuses a plan with TensorArray ops before any kernel, and constant folding never runs them.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { InvalidArgumentError, NotFoundError, UnimplementedError } from '../../src/framework/errors.js';
import { compilePlan } from '../../src/session/plan.js';
import { checkPlanDtypes } from '../../src/session/webgpu/plan_info.js';
import { MAX_TENSOR_ARRAYS, TensorArrayStore } from '../../src/session/tensor_array_store.js';
import { inSession, rejected } from '../tf1/helpers.js';
import { import_graph_def } from '../../src/graph/import_graph_def.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode } from '../helpers/protoc.js';

describe('TensorArray at run time', () => {
  it('gives every run fresh arrays: writing once per run runs again', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => new tf.TensorArray(tf.float32, 2).write(0, 1.5).write(1, 2.5).stack());
      for (let i = 0; i < 3; i++) expect(Array.from(((await sess.run(r)) as tf.NDArray).data)).toEqual([1.5, 2.5]);
    });
  });

  it('names arrays by tensor_array_name, or the op name, and a run counter; handles are resources of shape [2]', async () => {
    await inSession(async (g, sess) => {
      const [t1, t2, c1, c2] = g.as_default(() => {
        const a = new tf.TensorArray(tf.float32, 1, { tensor_array_name: 'foo' });
        const b = new tf.TensorArray(tf.float32, 1);
        // a closed array's error names it
        const closedSize = (ta: tf.TensorArray) => tf.control_dependencies([ta.close()], () => ta.size());
        return [a.handle, b.handle, closedSize(a), closedSize(b)];
      });
      expect(String(t1)).toBe('Tensor("TensorArray:0", shape=(2,), dtype=resource)');
      const [a, b] = (await sess.run([t1!, t2!])) as tf.NDArray[];
      expect([a!.dtype, a!.shape, b!.dtype]).toEqual(['resource', [2], 'resource']);
      expect(Array.from(a!.data)).not.toEqual(Array.from(b!.data));
      expect((await rejected(sess.run(c1!))).message).toBe('TensorArray foo_0 has already been closed.');
      expect((await rejected(sess.run(c2!))).message).toBe('TensorArray TensorArray_1_0 has already been closed.');
    });
  });

  it('a fed handle that names no array of the run is NotFoundError; a handle of another dtype is refused', async () => {
    await inSession(async (g, sess) => {
      const ta = g.as_default(() => new tf.TensorArray(tf.float32, 1));
      const r = g.as_default(() => ta.read(0));
      const e = await rejected(sess.run(r, new Map([[ta.handle, new tf.NDArray(Float64Array.of(7, 7), [2], 'resource')]])));
      expect(e).toBeInstanceOf(NotFoundError);
      expect(e.message).toBe('Container _tensor_arrays does not exist. (Could not find resource: _tensor_arrays/7)');
      const e2 = await rejected(sess.run(r, new Map([[ta.handle, tf.NDArray.fromStrings(['_tensor_arrays', 'x'], [2])]])));
      expect(e2).toBeInstanceOf(tf.errors.TypeError);
    });
  });

  it('a negative size, a closed array and a read of a too-large index fail with TF1 errors', async () => {
    await inSession(async (g, sess) => {
      const size = g.as_default(() => tf.placeholder(tf.int32, []));
      const r = g.as_default(() => new tf.TensorArray(tf.float32, size).size());
      const e = await rejected(sess.run(r, new Map([[size, new tf.NDArray(Int32Array.of(-1), [], 'int32')]])));
      expect(e).toBeInstanceOf(InvalidArgumentError);
      expect(e.message).toBe('Size should be >= 0.');
      const closed = g.as_default(() => {
        const ta = new tf.TensorArray(tf.float32, 1, { tensor_array_name: 'c' });
        const close = ta.close();
        return tf.control_dependencies([close], () => ta.size());
      });
      expect((await rejected(sess.run(closed))).message).toMatch(/^TensorArray c_\d+ has already been closed\.$/);
    });
  });

  it('bounds the arrays of one run', () => {
    const store = new TensorArrayStore();
    const spec = {
      dtype: 'float32' as const,
      size: 0,
      elementShape: null,
      dynamicSize: false,
      clearAfterRead: true,
      identicalElementShapes: false,
      aggregate: false,
      isGrad: false,
      markedSize: -1,
    };
    for (let i = 0; i < MAX_TENSOR_ARRAYS; i++) store.create('a', spec);
    expect(() => store.create('a', spec)).toThrow(tf.errors.ResourceExhaustedError);
  });

  it('the WebGPU backend takes a plan with TensorArray ops outside loops, and refuses float64 or string elements before anything runs', () => {
    const g = new tf.Graph();
    const plan = (dtype: tf.DType, v: unknown) =>
      g.as_default(() => compilePlan([new tf.TensorArray(dtype, 1).write(0, tf.constant(v as never, dtype)).read(0)], new Map()));
    expect(() => checkPlanDtypes(plan('float32', 1.0))).not.toThrow();
    expect(() => checkPlanDtypes(plan('float64', 1.0))).toThrow(UnimplementedError);
    expect(() => checkPlanDtypes(plan('float64', 1.0))).toThrow(
      /^The WebGPU backend cannot run op 'TensorArray(_\d+)?' \(TensorArrayV3\) on float64 \(double\) tensors/,
    );
    expect(() => checkPlanDtypes(plan('string', 'a'))).toThrow(/on a TensorArray of strings: its elements live in GPU buffers/);
  });

  it('the planner never folds TensorArray ops (their inputs may all be constants)', () => {
    const g = new tf.Graph();
    const r = g.as_default(() => new tf.TensorArray(tf.float32, 1).write(0, 1.0).read(0));
    const plan = g.as_default(() => compilePlan([r], new Map()));
    expect(plan.steps.map((s) => s.op.type)).toEqual(['TensorArrayV3', 'TensorArrayWriteV3', 'TensorArrayReadV3']);
  });

  it("writes the TensorArray ops as TF1's NodeDefs (protoc reads them), and the imported graph runs", async ({ skip }) => {
    const g = new tf.Graph();
    g.as_default(() => {
      const ta = new tf.TensorArray(tf.float32, { size: 2, element_shape: [2], tensor_array_name: 'foo' });
      ta.unstack(
        tf.constant(
          [
            [1, 2],
            [3, 4],
          ],
          tf.float32,
        ),
      ).stack({ name: 'out' });
    });
    const bytes = g.as_graph_def().SerializeToString();
    const g2 = new tf.Graph();
    g2.as_default(() => import_graph_def(tf.GraphDef.FromString(bytes), { name: '' }));
    const sess = new tf.Session({ graph: g2, backend: 'cpu' });
    const out = (await sess.run(g2.get_tensor_by_name('out/out:0'))) as tf.NDArray;
    expect(Array.from(out.data)).toEqual([1, 2, 3, 4]);
    sess.close();
    if (!HAS_PROTOC) return skip(NO_PROTOC);
    const text = protocDecode('tensorflow.GraphDef', bytes);
    expect(text).toContain('name: "TensorArray"\n  op: "TensorArrayV3"\n  input: "TensorArray/size"');
    expect(text).toMatch(/key: "tensor_array_name"\n {4}value \{\n {6}s: "foo"/);
    expect(text).toContain('op: "TensorArrayScatterV3"');
  });
});

describe("TensorArray handles in a GraphDef are TF1's resources", () => {
  it('an Enter of a handle into a loop has T=DT_RESOURCE, the handle TF1 r1.12 output shape [2], and the graph imports and runs', async () => {
    const g = new tf.Graph();
    const out = g.as_default(() => {
      const ta = new tf.TensorArray(tf.float32, 3);
      const [, res] = tf.while_loop(
        (i: tf.Tensor) => tf.less(i, 3),
        (i: tf.Tensor, acc: tf.TensorArray) => [tf.add(i, 1), acc.write(i, tf.cast(i, tf.float32))],
        [tf.constant(0), ta],
      ) as [tf.Tensor, tf.TensorArray];
      return res.stack({ name: 'out' });
    });
    const def = g.as_graph_def().withShapes().toProto();
    const enters = def.node.filter((n) => n.op === 'Enter' && n.attr.T?.value.case === 'type' && n.attr.T.value.value === 20);
    expect(enters.length).toBeGreaterThan(0); // DT_RESOURCE = 20 in types.proto
    const made = def.node.find((n) => n.op === 'TensorArrayV3')!;
    const shapes = made.attr._output_shapes?.value;
    expect(shapes?.case === 'list' && shapes.value.shape.map((s) => s.dim.map((d) => Number(d.size)))).toEqual([[2], []]);
    const g2 = new tf.Graph();
    g2.as_default(() => tf.import_graph_def(def, { name: '' }));
    const sess = new tf.Session({ graph: g2 });
    expect(Array.from(((await sess.run(g2.as_graph_element(out.name) as tf.Tensor)) as tf.NDArray).data)).toEqual([0, 1, 2]);
    sess.close();
  });
});
