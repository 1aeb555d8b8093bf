import { NDArray } from '../ndarray/ndarray.js';
import { dtypeProtoName, type DType, isDType } from './dtypes.js';
import type { Operation } from './operation.js';

/** The input strings of a NodeDef: `x` for output 0, `x:1` for others, `^x` for control inputs. */
export function nodeInputs(op: Operation): string[] {
  const data = op.inputs.map((t) => (t.value_index === 0 ? t.op.name : `${t.op.name}:${t.value_index}`));
  return [...data, ...op.control_inputs.map((c) => `^${c.name}`)];
}

function attrValueText(v: unknown): string {
  if (typeof v === 'boolean') return `b: ${v}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `i: ${v}` : `f: ${v}`;
  if (isDType(v)) return `type: DT_${dtypeProtoName(v as DType).toUpperCase()}`;
  if (v instanceof NDArray) {
    return `tensor {\n    dtype: DT_${dtypeProtoName(v.dtype).toUpperCase()}\n    tensor_shape {${v.shape.map((d) => `\n      dim {\n        size: ${d}\n      }`).join('')}\n    }\n  }`;
  }
  if (v === null) return 'shape {\n      unknown_rank: true\n    }';
  if (Array.isArray(v)) return `shape {${v.map((d) => `\n      dim {\n        size: ${d ?? -1}\n      }`).join('')}\n    }`;
  return `s: "${String(v)}"`;
}

/** TF1's text format of an op's NodeDef (name, op, inputs, attrs). */
export function nodeDefText(op: Operation): string {
  const lines = [`name: "${op.name}"`, `op: "${op.type}"`];
  for (const i of nodeInputs(op)) lines.push(`input: "${i}"`);
  for (const [k, v] of Object.entries(op.attrs as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`attr {\n  key: "${k}"\n  value {\n    ${attrValueText(v)}\n  }\n}`);
  }
  return lines.join('\n') + '\n';
}
