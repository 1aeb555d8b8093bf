// String tensors in the host kernels. The ops that only move, compare or describe elements (ConcatV2, Pack, GatherV2,
// Tile, Select, Equal, ...) run their numeric kernel on element ids: each distinct byte string of the inputs gets an
// id, the kernel moves (or compares) the ids as float64 values, and each string output takes the byte strings its ids
// name. Equal byte strings get equal ids, so Equal and NotEqual compare contents, as TF1's kernels do.
import { EMPTY_BYTES } from '../../framework/dtypes.js';
import { InvalidArgumentError } from '../../framework/errors.js';
import { NDArray } from '../../framework/ndarray.js';
import type { OpType } from '../../framework/op_defs.js';
import type { HostKernel, KernelArgs } from '../kernel.js';
import { sameShape, shapeStr } from './util.js';
import { concatBytes } from '../../framework/bytes.js';

/** A key that is the same exactly for the same bytes (one UTF-16 unit per byte). */
function keyOf(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

/** The kernel, taking string inputs as the ids of their byte strings and giving string outputs the strings of theirs. */
export function onStringIds<K extends OpType>(kernel: HostKernel<K>): HostKernel<K> {
  return (args: KernelArgs<K>) => {
    if (!args.inputs.some((a) => a.dtype === 'string')) {
      kernel(args);
      return;
    }
    const table: Uint8Array[] = [];
    const ids = new Map<string, number>();
    const idOf = (b: Uint8Array): number => {
      const k = keyOf(b);
      let id = ids.get(k);
      if (id === undefined) ids.set(k, (id = table.push(b) - 1));
      return id;
    };
    const inputs = args.inputs.map((a) => (a.dtype === 'string' ? new NDArray(Float64Array.from(a.strings, idOf), a.shape, 'float64') : a));
    const stringOuts: [NDArray, NDArray][] = [];
    kernel({
      ...args,
      // a spread copies own properties only: the CPU backend's arguments keep this getter on their prototype
      get tensorArrays() {
        return args.tensorArrays;
      },
      inputs,
      output: (i, shape) => {
        const out = args.output(i, shape);
        if (out.dtype !== 'string') return out;
        const idsOut = NDArray.zeros(shape, 'float64');
        stringOuts.push([out, idsOut]);
        return idsOut;
      },
    });
    for (const [out, idsOut] of stringOuts) {
      const s = out.strings;
      const d = idsOut.data;
      for (let j = 0; j < d.length; j++) s[j] = table[d[j]!] ?? EMPTY_BYTES;
    }
  };
}

/**
 * StringJoin (string_join_op.cc): the inputs joined elementwise with the separator; scalars join every element,
 * the other inputs must have one shape ("Input shapes do not match").
 */
const stringJoin: HostKernel<'StringJoin'> = ({ name, inputs, attrs, output }) => {
  let shape: readonly number[] = [];
  let seen = false;
  for (const x of inputs) {
    if (x.shape.length === 0) continue;
    if (seen && !sameShape(x.shape, shape)) throw new InvalidArgumentError(`Input shapes do not match: ${shapeStr(shape)} vs. ${shapeStr(x.shape)}`, name);
    shape = x.shape;
    seen = true;
  }
  const sep = UTF8.encode(attrs.separator);
  const o = output(0, shape).strings;
  const parts: Uint8Array[] = [];
  for (let i = 0; i < o.length; i++) {
    parts.length = 0;
    inputs.forEach((x, k) => {
      if (k > 0 && sep.length) parts.push(sep);
      parts.push(x.strings[x.shape.length === 0 ? 0 : i]!);
    });
    o[i] = concatBytes(parts);
  }
};

const UTF8 = new TextEncoder();

/** The host kernels of the string ops. */
export const STRING_KERNELS = { StringJoin: stringJoin };
