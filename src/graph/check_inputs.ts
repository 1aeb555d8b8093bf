// Checks an op's input dtypes against its signature (INPUT_ARGS) the way TF1 does: inputs in order, a type
// attr taking its dtype from the first input that carries it. The two callers word the failure as TF1 does
// for them: a builder as op_def_library.py's TypeError, an imported node as the GraphConstructor's
// "Input i of node n was passed ..." / ValidateNodeDef's "Value for attr ..." (ValueErrors in the importer).
import { dtypeProtoName, type DType } from '../framework/dtypes.js';
import type { Tensor } from './tensor.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import { isOpaque, OP_DEFS } from '../framework/op_defs.js';
import type { InputArg } from '../framework/op_def.js';
import type { OpType } from '../framework/op_defs.js';

/** How an op's inputs fail its signature; `index` is the offending input's position in the op's flat inputs. */
export type InputTypeProblem =
  | { kind: 'count'; want: string; got: number }
  | { kind: 'fixed' | 'match' | 'list'; arg: InputArg; index: number; types: DType[]; expected: DType; from: string | null }
  | { kind: 'allowed'; arg: InputArg; index: number; attr: string; actual: DType; allowed: readonly DType[] };

const listArgs = (type: OpType): number => OP_DEFS[type].inputs.filter((a) => a.list || a.typeList).length;
/** True when the op's list input is a `list(type)` (Assert's data), which may be empty. */
const typeListOp = (type: OpType): boolean => OP_DEFS[type].inputs.some((a) => a.typeList);

/** How many inputs an op type takes, in words ('2', 'at least 1', ...), for messages. */
export function arityText(type: OpType): string {
  const lists = listArgs(type);
  const single = OP_DEFS[type].inputs.length - lists;
  if (lists === 0) return String(single);
  if (lists === 1) return `at least ${single + (typeListOp(type) ? 0 : 1)}`;
  return `${single ? `${single} plus ` : ''}a multiple of ${lists} (at least ${lists}) of`;
}

/** True when `count` inputs fit the signature of `type`. */
export function inputCountOk(type: OpType, count: number): boolean {
  if (isOpaque(type)) return true;
  const lists = listArgs(type);
  const single = OP_DEFS[type].inputs.length - lists;
  const n = lists ? (count - single) / lists : 1;
  return lists ? Number.isInteger(n) && n >= (typeListOp(type) ? 0 : 1) : count === single;
}

/** The first way `dtypes` (an op's inputs, in order) break the signature of `type`, or null. */
export function inputTypeProblem(type: OpType, dtypes: readonly DType[]): InputTypeProblem | null {
  const sig = OP_DEFS[type].inputs;
  if (isOpaque(type)) return null;
  if (!inputCountOk(type, dtypes.length)) return { kind: 'count', want: arityText(type), got: dtypes.length };
  const lists = listArgs(type);
  const n = lists ? (dtypes.length - (sig.length - lists)) / lists : 1;
  const bound = new Map<string, { dtype: DType; from: string }>();
  let at = 0;
  for (const arg of sig) {
    const types = dtypes.slice(at, at + (arg.list || arg.typeList ? n : 1));
    const attr = typeof arg.type === 'string' ? null : arg.type;
    if (arg.typeList && attr !== null) {
      // a list(type): each tensor of its own dtype, every one allowed
      const bad = types.findIndex((d) => !attr.allowed.includes(d));
      if (bad >= 0) return { kind: 'allowed', arg, index: at + bad, attr: attr.attr, actual: types[bad]!, allowed: attr.allowed };
      at += types.length;
      continue;
    }
    const expected = attr === null ? (arg.type as DType) : bound.get(attr.attr)?.dtype;
    if (expected !== undefined) {
      const bad = types.findIndex((d) => d !== expected);
      if (bad >= 0) return { kind: attr === null ? 'fixed' : 'match', arg, index: at + bad, types, expected, from: attr && bound.get(attr.attr)!.from };
    } else {
      const first = types[0]!;
      const bad = types.findIndex((d) => d !== first);
      if (bad >= 0) return { kind: 'list', arg, index: at + bad, types, expected: first, from: null };
      bound.set(attr!.attr, { dtype: first, from: arg.name });
      if (!attr!.allowed.includes(first)) return { kind: 'allowed', arg, index: at, attr: attr!.attr, actual: first, allowed: attr!.allowed };
    }
    at += types.length;
  }
  return null;
}

/** op_def_library.py's TypeError for a builder's inputs (ValueError for a wrong number of them). */
export function checkBuilderInputs(type: OpType, inputs: readonly Tensor[]): void {
  const p = inputTypeProblem(
    type,
    inputs.map((i) => i.dtype),
  );
  if (p === null) return;
  if (p.kind === 'count') throw new ValueError(`Op<name=${type}> takes ${p.want} inputs, got ${p.got}.`);
  if (p.kind === 'allowed') {
    throw new TFTypeError(`Value passed to parameter '${p.arg.name}' has DataType ${p.actual} not in list of allowed values: ${p.allowed.join(', ')}`);
  }
  if (p.arg.list) {
    const prefix = `Tensors in list passed to '${p.arg.name}' of '${type}' Op have types [${p.types.join(', ')}]`;
    if (p.kind === 'fixed') throw new TFTypeError(`${prefix} that do not match expected type ${p.expected}.`);
    if (p.kind === 'match') throw new TFTypeError(`${prefix} that do not match type ${p.expected} inferred from earlier arguments.`);
    throw new TFTypeError(`${prefix} that don't all match.`);
  }
  const prefix = `Input '${p.arg.name}' of '${type}' Op has type ${inputs[p.index]!.dtype} that does not match`;
  if (p.kind === 'fixed') throw new TFTypeError(`${prefix} expected type of ${p.expected}.`);
  throw new TFTypeError(`${prefix} type ${p.expected} of argument '${p.from}'.`);
}

/** The importer's ValueError for a node's inputs: TF1's GraphConstructor edge check, or ValidateNodeDef's attr check. */
export function checkImportedInputs(type: OpType, node: string, inputs: readonly Tensor[], tensorName: (t: Tensor) => string = (t) => t.name): void {
  const p = inputTypeProblem(
    type,
    inputs.map((i) => i.dtype),
  );
  if (p === null) return;
  if (p.kind === 'count') throw new ValueError(`NodeDef '${node}' (op ${type}) expects ${p.want} inputs, got ${p.got}.`);
  if (p.kind === 'allowed') {
    const summary = `${node} = ${type}[${p.attr}=DT_${dtypeProtoName(p.actual).toUpperCase()}](${inputs.map(tensorName).join(', ')})`;
    throw new ValueError(
      `Value for attr '${p.attr}' of ${dtypeProtoName(p.actual)} is not in the list of allowed values: ${p.allowed.map(dtypeProtoName).join(', ')}\n\t; NodeDef: ${summary}; Op<name=${type}>`,
    );
  }
  const src = inputs[p.index]!;
  throw new ValueError(
    `Input ${p.index} of node ${node} was passed ${dtypeProtoName(src.dtype)} from ${tensorName(src)} incompatible with expected ${dtypeProtoName(p.expected)}.`,
  );
}
