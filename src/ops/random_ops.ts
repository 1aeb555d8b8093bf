import type { DType } from '../graph/dtypes.js';
import type { Graph } from '../graph/graph.js';
import { get_default_graph } from '../graph/graph.js';
import type { Tensor } from '../graph/tensor.js';
import { constOp } from './convert.js';
import { toNDArray } from '../ndarray/from_js.js';
import { add, multiply } from './math_ops.js';

/** `tf.set_random_seed(seed)`: the default graph's seed, from which op seeds derive as in TF1. */
export function set_random_seed(seed: number): void {
  get_default_graph().seed = seed;
}

/** TF1's `get_seed(op_seed)`: [graph seed, op seed], with the op count standing in when only the graph seed is set. */
export function get_seed(graph: Graph, opSeed?: number): [number, number] {
  if (graph.seed !== null) return [graph.seed, opSeed ?? graph.version];
  if (opSeed !== undefined) return [87654321, opSeed];
  return [0, 0]; // (0, 0) asks the kernel for fresh, nondeterministic seeds, as TF1's C++ ops do
}

interface RandomOptions { mean?: number; stddev?: number; dtype?: DType; seed?: number; name?: string }


/** A random op scaled and shifted as TF1's random_normal and friends: `op * scale + shift`, named `mul` and the scope. */
function scaled(defaultName: string, type: 'RandomStandardNormal' | 'TruncatedNormal' | 'RandomUniform', shape: readonly number[], scale: number, shift: number, opts: RandomOptions): Tensor {
  const graph = get_default_graph();
  const dtype = opts.dtype ?? 'float32';
  return graph.name_scope(opts.name ?? defaultName, (scope) => {
    const shapeT = constOp(graph, toNDArray([...shape], 'int32'), 'shape');
    const shiftT = constOp(graph, toNDArray(shift, dtype), type === 'RandomUniform' ? 'min' : 'mean');
    const scaleT = constOp(graph, toNDArray(scale, dtype), type === 'RandomUniform' ? 'range' : 'stddev');
    const [s1, s2] = get_seed(graph, opts.seed);
    const rnd = graph.create_op(type, [shapeT], { dtype, seed: s1, seed2: s2 }, type).outputs[0]!;
    return add(multiply(rnd, scaleT, 'mul'), shiftT, scope);
  });
}

/** `tf.random_normal(shape, { mean, stddev, seed })`. */
export function random_normal(shape: readonly number[], opts: RandomOptions = {}): Tensor {
  return scaled('random_normal', 'RandomStandardNormal', shape, opts.stddev ?? 1, opts.mean ?? 0, opts);
}

/** `tf.truncated_normal(shape, { mean, stddev, seed })`: normal values redrawn beyond two standard deviations. */
export function truncated_normal(shape: readonly number[], opts: RandomOptions = {}): Tensor {
  return scaled('truncated_normal', 'TruncatedNormal', shape, opts.stddev ?? 1, opts.mean ?? 0, opts);
}

/** `tf.random_uniform(shape, { minval, maxval, seed })`: uniform in [minval, maxval). */
export function random_uniform(shape: readonly number[], opts: Omit<RandomOptions, 'mean' | 'stddev'> & { minval?: number; maxval?: number } = {}): Tensor {
  const lo = opts.minval ?? 0;
  const hi = opts.maxval ?? 1;
  return scaled('random_uniform', 'RandomUniform', shape, hi - lo, lo, opts);
}
