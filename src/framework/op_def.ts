// What one op type is, wherever it runs (TF1's REGISTER_OP with its shape function, plus the gradient TF1
// registers in Python): its inputs and their dtypes, the kinds of its attributes, its flags, its shape rule
// and its gradient. Definitions live by family in framework/ops/ and are assembled into one exhaustive table
// (framework/op_defs.ts). Gradients build ops with the builders the ops layer hands them (the kit), so this
// layer imports nothing above it at run time; the graph's and the ops layer's types are imported as types.
import type { DType } from './dtypes.js';
import type { NDArray } from './ndarray.js';
import type { Dim, TensorShape } from './shape.js';
import type { OpAttrs, OpType } from './op_defs.js';
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { IndexedSlices } from '../graph/indexed_slices.js';
import type { GradKit } from '../ops/grad_kit.js';

/** The kinds of attribute value a NodeDef carries (how import checks it, how a NodeDef prints it). */
export type AttrKind = 'dtype' | 'index_dtype' | 'bool' | 'int' | 'shape' | 'shape_or_null' | 'tensor' | 'string' | 'int_list' | 'float' | 'type_list';

/** The dtype an input takes: a fixed one, or a type attr (`T`) shared by inputs, with its allowed dtypes. */
export type InputType = DType | { readonly attr: string; readonly allowed: readonly DType[] };

/**
 * One input argument, as REGISTER_OP's `.Input("name: type")`; `list` for `N * type`, a list of N >= 1 tensors;
 * `typeList` for an input whose type attr is a `list(type)` (Assert's `data: T`): any number of tensors, each of
 * its own dtype (every one in `allowed`), the attr the list of their dtypes.
 */
export interface InputArg {
  readonly name: string;
  readonly type: InputType;
  readonly list?: true;
  readonly typeList?: true;
}

/** No attributes beyond the ones TF1 infers from the inputs. */
export type NoAttrs = Record<string, never>;

/** What a shape rule knows of one input: its dtype and static shape, its value when constant, and, for a shape vector, its partly known entries. */
export interface InputInfo {
  dtype: DType;
  shape: TensorShape;
  value: NDArray | null;
  partial: Dim[] | null;
  /** Set when the rule read this input as a shape vector (TF1's MakeShapeFromShapeTensor): the shape it stands for. */
  asShape?: TensorShape;
}

/** What a shape rule returns for one output. */
export interface OutputSpec {
  dtype: DType;
  shape: TensorShape;
}

/** A shape failure inside a rule; the caller adds TF1's op and input-shape suffix. */
export class ShapeError extends Error {}

/** The arguments of a shape rule. */
export interface ShapeCtx<K extends OpType> {
  name: string;
  type: K;
  inputs: InputInfo[];
  attrs: OpAttrs[K];
}

/** A shape rule: dtypes and static shapes of an op's outputs from its inputs and attributes. */
export type ShapeRule<K extends OpType> = (ctx: ShapeCtx<K>) => OutputSpec[];

/** A gradient rule: given the op, the gradients of its outputs (null = none) and the builders, one gradient per input (null = none; an IndexedSlices for a gather's params). */
export type GradFn<K extends OpType> = (op: Operation<K>, grads: readonly (Tensor | null)[], tf: GradKit) => (Tensor | IndexedSlices | null)[];

/**
 * An op's gradient: a rule; 'none' where TF1 registers the op as not differentiable (its inputs get no
 * gradient); or null where TF1 has no gradient at all (reaching it is TF1's LookupError).
 */
export type GradEntry<K extends OpType> = GradFn<K> | 'none' | null;

/** What holds of an op beyond its signature; all false by default. */
export interface OpFlags {
  /** Outputs depend on more than the inputs (state, randomness, a fed value): never folded or cached. */
  readonly stateful?: boolean;
  /** Output 0 is input 0's storage unchanged (a view), so no kernel copies it. */
  readonly view?: boolean;
  /** Writes input 0, a variable's storage (TF1's ref input), and outputs that storage. */
  readonly writesRef?: boolean;
  /** With writesRef: every ref input the kernel writes in place (default [0]); an optimizer's Apply* op also writes its slots. */
  readonly refInputs?: readonly number[];
  /** Outputs input 0, a variable's storage, as TF1's `_ref` dtypes do (RefIdentity, RefSwitch, the loop's Ref* ops): writers may take it. */
  readonly forwardsRef?: boolean;
  /** Holds a variable's storage across runs and outputs it (TF1's `VariableV2`, whose output is a `_ref` dtype). */
  readonly variable?: boolean;
  /** The kernel can fail on its input values even when every shape is known ('int': for integer outputs only). */
  readonly valueChecked?: boolean | 'int';
  /** Inputs whose values (not only shapes) the shape rule reads: shape vectors, axes, multiples ('half': the first half; 'last': the last one). */
  readonly valueInputs?: readonly number[] | 'half' | 'last';
  /** An opaque node (an op type tf1-ts lacks, from a file): any inputs, its outputs from its attributes, never run. */
  readonly opaque?: boolean;
}

/** The registered attribute defaults TF1's NodeDef carries that tf1-ts's ops do not model (`container`, `Truncate`). */
export type RegisteredDefaults = Readonly<Record<string, { readonly value: unknown; readonly kind: AttrKind }>>;

/** Everything true of op type `K` wherever it runs. */
export interface OpDef<K extends OpType> {
  /** REGISTER_OP's inputs, in order. */
  readonly inputs: readonly InputArg[];
  /** The kind of each of the op's attributes (its NodeDef schema). */
  readonly attrs: { readonly [A in keyof OpAttrs[K]]-?: AttrKind };
  readonly flags?: OpFlags;
  readonly defaults?: RegisteredDefaults;
  readonly shape: ShapeRule<K>;
  readonly grad: GradEntry<K>;
  /**
   * TF1's public functions (without `tf.`) that are this op's plain wrapper, as TF1's generated gen_*_ops are:
   * the op's inputs by their names here, then `name`; the op named after its type. The ops layer makes them
   * (ops/wrappers.ts), so a builder does not restate the op type.
   */
  readonly api?: readonly string[];
}

/** The definitions of one family of ops: `F` maps each op type of the family to its attributes. */
export type OpDefs<F> = { readonly [K in keyof F & OpType]: OpDef<K> };
