// import_graph_def's input names and input_map: parsing `x`, `x:1` and `^x`, checking the map's values, and the
// rehearsal's stand-ins for them.
import { Operation } from './operation.js';
import { Tensor } from './tensor.js';
import type { Graph } from './graph.js';
import { TypeError as TFTypeError, ValueError } from '../framework/errors.js';
import type { ImportGraphDefOptions } from './import_graph_def.js';

/** input_map by input key (`x:0`, `^x`): the tensor or op that replaces the GraphDef's. */
export type Mapped = Map<string, Tensor | Operation>;
/** A GraphDef input name: `^` for a control input, the node, and the output index. */
export const INPUT = /^(\^)?([^:^]+?)(?::(\d+))?$/;

/** The parts of input name `s` of node `node`; TF1's error for a bad name. */
export function parseInput(s: string, node: string): { control: boolean; op: string; index: number } {
  const m = typeof s === 'string' ? INPUT.exec(s) : null;
  if (!m) throw new ValueError(`NodeDef '${node}' has an invalid input name ${JSON.stringify(s)}.`);
  return { control: m[1] === '^', op: m[2]!, index: m[3] === undefined ? 0 : Number(m[3]) };
}

/** The key of a parsed input in a Mapped: `^op` or `op:index`. */
export const key = (i: { control: boolean; op: string; index: number }): string => (i.control ? `^${i.op}` : `${i.op}:${i.index}`);

/** input_map (object or Map) checked and keyed by parsed input; TF1's errors for values of the wrong kind or graph. */
export function normaliseInputMap(m: ImportGraphDefOptions['input_map'], graph: Graph): Mapped {
  const out: Mapped = new Map();
  if (!m) return out;
  const entries = m instanceof Map ? [...m.entries()] : Object.entries(m);
  for (const [k, v] of entries) {
    const parsed = parseInput(k, 'input_map');
    if (!(v instanceof Tensor) && !(v instanceof Operation))
      throw new TFTypeError(`input_map values must be Tensors or Operations, got ${String(v)} for '${k}'.`);
    if (v.graph !== graph) throw new ValueError(`input_map value for '${k}' (${v.name}) must be from the graph the GraphDef is imported into.`);
    if (!parsed.control && !(v instanceof Tensor)) throw new TFTypeError(`input_map value for '${k}' must be a Tensor, got Operation ${v.name}.`);
    out.set(key(parsed), v);
  }
  return out;
}

/** A scratch copy of the input map: placeholders (and no-ops) with the same dtypes and shapes, in `scratch`; `real` maps them back. */
export function scratchMap(inputMap: Mapped, scratch: Graph, real: Map<Tensor, Tensor>): Mapped {
  const out: Mapped = new Map();
  let i = 0;
  for (const [k, v] of inputMap) {
    if (v instanceof Tensor) {
      const p = scratch.create_op('Placeholder', [], { dtype: v.dtype, shape: v.shape.dims }, `mapped_${i++}`).outputs[0]!;
      real.set(p, v);
      out.set(k, p);
    } else out.set(k, scratch.create_op('NoOp', [], {}, `mapped_${i++}`));
  }
  return out;
}
