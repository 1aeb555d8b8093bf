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

  it('names arrays by tensor_array_name, or the op name, and a run counter', async () => {
    await inSession(async (g, sess) => {
      const [h1, h2] = g.as_default(() => [new tf.TensorArray(tf.float32, 1, { tensor_array_name: 'foo' }).handle, new tf.TensorArray(tf.float32, 1).handle]);
      const [a, b] = (await sess.run([h1!, h2!])) as tf.NDArray[];
      expect(a!.decode()).toEqual(['_tensor_arrays', 'foo_0']);
      expect(b!.decode()).toEqual(['_tensor_arrays', 'TensorArray_1_1']);
    });
  });

  it('a fed handle that names no array of the run is NotFoundError', async () => {
    await inSession(async (g, sess) => {
      const ta = g.as_default(() => new tf.TensorArray(tf.float32, 1));
      const r = g.as_default(() => ta.read(0));
      const e = await rejected(sess.run(r, new Map([[ta.handle, tf.NDArray.fromStrings(['_tensor_arrays', 'nope_7'])]])));
      expect(e).toBeInstanceOf(NotFoundError);
      expect(e.message).toBe('Container _tensor_arrays does not exist. (Could not find resource: _tensor_arrays/nope_7)');
      const e2 = await rejected(sess.run(r, new Map([[ta.handle, tf.NDArray.fromStrings(['x', 'y', 'z'], [3])]])));
      expect(e2).toBeInstanceOf(tf.errors.ValueError); // a handle is a vector of two strings
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
