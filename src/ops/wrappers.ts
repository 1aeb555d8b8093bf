// Builders written from the op definitions. Where TF1's Python function is the op's plain wrapper (as TF1's
// generated gen_*_ops are: the op's inputs by their REGISTER_OP names, then `name`, the op named after its type),
// the definition lists that function in `api` and the builder is made here: the function names its
// parameters and the definition checks them, so an op's builder never restates the op type.
import { opt, req, tf1, type Call, type Param } from '../framework/args.js';
import type { DType } from '../framework/dtypes.js';
import { OP_DEFS, OP_TYPES, type OpType } from '../framework/op_defs.js';
import type { Tensor } from '../graph/tensor.js';
import { apply1 } from './apply.js';
import type { TensorLike } from './convert.js';
import { STR, TENSOR } from './kinds.js';

/** The op type whose definition lists each public function (`'nn.relu'`, without `tf.`). */
const OWNER = new Map<string, OpType>();
for (const type of OP_TYPES) {
  for (const api of OP_DEFS[type].api ?? []) {
    if (OWNER.has(api)) throw new Error(`${api} is listed by both ${OWNER.get(api)} and ${type}`);
    OWNER.set(api, type);
  }
}

const FLOATING = new Set<DType>(['float32', 'float64']);

/** The definition's op type for `api`, checking that its inputs are named `names`, in order. */
function ownerOf(api: string, names: readonly string[]): OpType {
  const type = OWNER.get(api);
  if (type === undefined) throw new Error(`no op definition lists ${api} in its api`);
  const inputs = OP_DEFS[type].inputs.map((i) => i.name);
  if (inputs.join() !== names.join()) throw new Error(`${api}: ${type}'s inputs are (${inputs.join(', ')}), not (${names.join(', ')})`);
  return type;
}

type Input<N extends string> = Param<N, TensorLike, true, TensorLike>;
type Name = Param<'name', string, false, string>;

function wrapper<const P extends readonly Param[]>(api: string, names: readonly string[], params: P): (...args: Call<P>) => Tensor {
  const type = ownerOf(api, names);
  const def = OP_DEFS[type];
  if (Object.keys(def.attrs).length > 0) throw new Error(`${api}: ${type} has attributes; write its builder by hand`);
  const allowed = def.inputs[0]!.type;
  // JS numbers given to an op defined for floats only are floats (`tf.exp(2)` as `tf.exp(2.0)`).
  const floatOnly = typeof allowed !== 'string' && allowed.allowed.every((d) => FLOATING.has(d));
  return tf1(api, params, (a: Record<string, unknown>) =>
    apply1({
      type,
      name: (a.name as string | null | undefined) ?? undefined,
      defaultName: type,
      inputs: names.map((n) => [n, a[n] as TensorLike] as [string, TensorLike]),
      fallback: floatOnly ? 'float32' : undefined,
      attrs: {} as never,
    }),
  );
}

/** The builder of the one-input op whose definition lists `api`: `(input, name)`. */
export function unaryWrapper<const A extends string>(api: string, input: A): (...args: Call<readonly [Input<A>, Name]>) => Tensor {
  return wrapper(api, [input], [req(input, TENSOR), opt('name', STR)] as const);
}

/** The builder of the two-input op whose definition lists `api`: `(first, second, name)`. */
export function binaryWrapper<const A extends string, const B extends string>(
  api: string,
  first: A,
  second: B,
): (...args: Call<readonly [Input<A>, Input<B>, Name]>) => Tensor {
  return wrapper(api, [first, second], [req(first, TENSOR), req(second, TENSOR), opt('name', STR)] as const);
}
