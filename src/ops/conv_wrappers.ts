// The generated wrappers of a convolution family as TF1 r1.12's gen_nn_ops writes them: the forward op
// (input, filter, strides, padding, ...attrs), its input gradient (input_sizes, filter, out_backprop, ...) and its
// filter gradient (input, filter_sizes, out_backprop, ...). Inputs are converted in the op's scope (the float ones
// share T, JS values float32; the sizes int32), then the attrs are checked as apply_op checks them.
import { type Param, type Params, type Parsed, req, tf1 } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { OpAttrs, OpType } from '../framework/op_defs.js';
import type { ConvPadding } from '../framework/ops/nn_conv.js';
import type { DataFormat } from '../framework/ops/nn_extra.js';
import type { Tensor } from '../graph/tensor.js';
import { convertInputs, graphOf, toTensor, withLiteralHint, type TensorLike } from './convert.js';
import { INT, STR, TENSOR, list } from './kinds.js';

/** A list of ints (strides, dilations). */
export const INTS = list(INT, 'list of ints');

/** The attrs every convolution has, as apply_op checks them: padding and data_format among their allowed values. */
export function checkConvAttrs(
  type: OpType,
  a: { strides: readonly number[]; padding: string; data_format?: string | null; dilations?: readonly number[] | null },
): { strides: number[]; padding: ConvPadding; data_format: DataFormat; dilations: number[] } {
  const check = (attr: string, v: string, allowed: readonly string[]) => {
    if (!allowed.includes(v)) throw new ValueError(`Attr '${attr}' of '${type}' Op passed string '${v}' not in: "${allowed.join('", "')}".`);
  };
  const format = a.data_format ?? 'NHWC';
  check('padding', a.padding, ['SAME', 'VALID']);
  check('data_format', format, ['NHWC', 'NCHW']);
  return { strides: [...a.strides], padding: a.padding as ConvPadding, data_format: format as DataFormat, dilations: [...(a.dilations ?? [1, 1, 1, 1])] };
}

/** One convolution op in its scope: the float inputs share T (JS values take the tensor's dtype), input `sizes` (-1: none) is int32. */
export function convOp<K extends OpType>(type: K, name: string, inputs: readonly [string, TensorLike][], sizes: number, attrs: () => OpAttrs[K]): Tensor {
  const graph = graphOf(inputs.map(([, v]) => v));
  return graph.name_scope(name, (scope) => {
    const floats = inputs.filter((_, i) => i !== sizes);
    const converted = convertInputs(
      graph,
      floats,
      floats.map(([n]) => n),
      'float32',
    );
    const tensors = inputs.map(([n, v], i) =>
      i === sizes ? toTensor(v, { dtype: 'int32', name: n, graph }) : converted[sizes >= 0 && i > sizes ? i - 1 : i]!,
    );
    const at = attrs();
    try {
      return graph.create_op(type, tensors, at, scope).outputs[0]!;
    } catch (e) {
      throw withLiteralHint(e, tensors);
    }
  });
}

const T = TENSOR;
const fwdParams = <const P extends Params>(p: P) => [req('input', T), req('filter', T), req('strides', INTS), req('padding', STR), ...p] as const;
const inputParams = <const P extends Params>(p: P) =>
  [req('input_sizes', T), req('filter', T), req('out_backprop', T), req('strides', INTS), req('padding', STR), ...p] as const;
const filterParams = <const P extends Params>(p: P) =>
  [req('input', T), req('filter_sizes', T), req('out_backprop', T), req('strides', INTS), req('padding', STR), ...p] as const;

type Attrs<P extends Params> = Parsed<readonly [Param<'strides', number[], true>, Param<'padding', string, true>, ...P]>;

/** One wrapper: `fn(...params)` builds op `type` from the inputs `names` (the one at `sizes` int32). */
function wrapper<const Q extends Params, K extends OpType>(
  fn: string,
  params: Q,
  type: K,
  names: readonly string[],
  sizes: number,
  attrs: (a: Parsed<Q>) => OpAttrs[K],
) {
  return tf1(fn, params, (a) => {
    const v = a as unknown as Record<string, TensorLike> & { name?: string | null };
    return convOp(
      type,
      v.name ?? type,
      names.map((n): [string, TensorLike] => [n, v[n]!]),
      sizes,
      () => attrs(a),
    );
  });
}

/**
 * The three wrappers of a family: `fns` are their TF1 names (`nn.conv2d`, ...), `types` their op types, `attrParams`
 * the parameters after padding (data_format, dilations, name, ...), `attrs` the op's attrs from the parsed arguments.
 */
export function convWrappers<const P extends Params, K1 extends OpType, K2 extends OpType, K3 extends OpType>(
  fns: readonly [string, string, string],
  types: readonly [K1, K2, K3],
  attrParams: P,
  attrs: <K extends K1 | K2 | K3>(type: K, a: Attrs<P>) => OpAttrs[K],
) {
  const [fwd, bin, bfilter] = types;
  const at = (type: K1 | K2 | K3) => (a: unknown) => attrs(type, a as Attrs<P>);
  return {
    forward: wrapper(fns[0], fwdParams(attrParams), fwd, ['input', 'filter'], -1, at(fwd)),
    backpropInput: wrapper(fns[1], inputParams(attrParams), bin, ['input_sizes', 'filter', 'out_backprop'], 0, at(bin)),
    backpropFilter: wrapper(fns[2], filterParams(attrParams), bfilter, ['input', 'filter_sizes', 'out_backprop'], 1, at(bfilter)),
  };
}
