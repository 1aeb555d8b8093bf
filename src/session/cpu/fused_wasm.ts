// A fused tree of elementwise ops run in WebAssembly SIMD: the tree's nodes in order, each one pass of the kernels'
// `binary` or `unary` (elementwise.wat) over the whole output, straight from the runner made when the plan was
// compiled: the broadcast of each node's operands worked out once, intermediate values in scratch, one call into the
// module per node and none of the separate kernels' JavaScript per run. The passes are the separate kernels' own, so
// the bits are theirs (and the JavaScript loop's: test/session/cpu/wasm_elementwise.test.ts).
import { ResourceExhaustedError } from '../../framework/errors.js';
import type { OpAttrs, OpType } from '../../framework/op_defs.js';
import { sizeOf, type NDArray } from '../../framework/ndarray.js';
import type { FusedNode } from '../fusion.js';
import { addressOf, alloc, mark, release, SLACK } from '../../framework/memory/host.js';
import { wasm } from './wasm/instance.js';
import { BINARY_CODES, UNARY_CODES } from './wasm/binary.js';
import { binaryPass, PASS, type BinaryPass } from './wasm/elementwise.js';
import { resident } from './wasm/resident.js';

/** What every pass has: the op's code in its kernel, and each operand as a leaf's index or -1 - j for node j's value. */
interface PassOp {
  code: number;
  args: number[];
}

/** One node's pass: `unary(code, a, out, n)`, or `binary(code, rows, inner, a, rx, ix, b, ry, iy, out)` with its walk. */
type Pass = (PassOp & { unary: true }) | (PassOp & BinaryPass & { unary: false });

/** The elementwise op a fused node computes: its own type, BiasAdd in NHWC an Add of its row; undefined for another BiasAdd. */
export function elementwiseType(type: OpType, attrs: unknown): OpType | undefined {
  if (type !== 'BiasAdd') return type;
  return (attrs as OpAttrs['BiasAdd']).data_format === 'NHWC' ? 'Add' : undefined;
}

/** The node's op code in the binary or unary kernel, or undefined. */
function codeOf(node: FusedNode): { unary: boolean; code: number } | undefined {
  const type = elementwiseType(node.op.type, node.op.attrs);
  if (type === undefined) return undefined;
  if (Object.hasOwn(BINARY_CODES, type)) return { unary: false, code: BINARY_CODES[type as keyof typeof BINARY_CODES] };
  if (Object.hasOwn(UNARY_CODES, type)) return { unary: true, code: UNARY_CODES[type as keyof typeof UNARY_CODES] };
  return undefined;
}

/** A node's pass over `out` from its operands' shapes, or null where the kernels cannot run it (more than two broadcast dims). */
function passOf(node: FusedNode, shapes: (readonly number[])[], args: number[], out: readonly number[]): Pass | null {
  const op = codeOf(node);
  if (!op) return null;
  if (op.unary) return shapes.length === 1 && sizeOf(shapes[0]!) === sizeOf(out) ? { unary: true, code: op.code, args } : null;
  return shapes.length === 2 && binaryPass(shapes[0]!, shapes[1]!, out) ? { unary: false, code: op.code, args, ...PASS } : null;
}

/**
 * The runner of a fused tree in SIMD passes, or null where a node has no pass (then the JavaScript loop runs it). The
 * runner returns false, with nothing written, when an operand is not in the kernels' memory or is shorter than its
 * shape: its caller then runs the loop.
 */
export function simdRunner(
  nodes: readonly FusedNode[],
  leafShapes: readonly (readonly number[])[],
  out: readonly number[],
): ((leaves: readonly NDArray[], o: Float32Array) => boolean) | null {
  if (!wasm?.shared) return null;
  const passes: Pass[] = [];
  for (const node of nodes) {
    const args = node.args.map((a) => ('leaf' in a ? a.leaf : -1 - a.node));
    const pass = passOf(
      node,
      args.map((k) => (k >= 0 ? leafShapes[k]! : out)),
      args,
      out,
    );
    if (!pass) return null;
    passes.push(pass);
  }
  const n = sizeOf(out);
  const needs = leafShapes.map(sizeOf);
  // the operands' addresses, leaves first, then the nodes' values (the last is the output): refilled each run
  const at = new Array<number>(leafShapes.length + passes.length).fill(0);
  const L = leafShapes.length;
  const w = wasm.exports;
  return (leaves, o) => {
    if (n === 0) return true;
    if (o.length < n) return false;
    const po = addressOf(o);
    if (po === null) return false;
    for (let k = 0; k < L; k++) {
      const d = leaves[k]!.data;
      if (!(d instanceof Float32Array) || d.length < needs[k]!) return false;
      // a fed leaf's kept copy, made before the scratch below (resident() needs an empty stack)
      const p = addressOf(d) ?? resident(d);
      if (p === null) return false;
      at[k] = p;
    }
    const m = mark();
    try {
      for (let j = 0; j < passes.length; j++) {
        // the vectors' whole last group is written: the slack covers it
        at[L + j] = j === passes.length - 1 ? po : alloc(n * 4 + SLACK);
        const p = passes[j]!;
        const a = p.args[0]!;
        const pa = at[a >= 0 ? a : L - 1 - a]!;
        if (p.unary) w.unary(p.code, pa, at[L + j]!, n);
        else {
          const b = p.args[1]!;
          w.binary(p.code, p.rows, p.inner, pa, p.rx, p.ix, at[b >= 0 ? b : L - 1 - b]!, p.ry, p.iy, at[L + j]!);
        }
      }
    } catch (e) {
      // no room for the intermediate values (the output is written last, by the last pass): the loop runs instead
      if (e instanceof ResourceExhaustedError) return false;
      throw e;
    } finally {
      release(m);
    }
    return true;
  };
}
