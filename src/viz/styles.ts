import type { Dim } from '../framework/shape.js';
import type { DType, HostArray } from '../framework/dtypes.js';
import type { NodeDef } from '../graph/graph_def.js';
import { NDArray } from '../framework/ndarray.js';

/** What a drawn node stands for; each kind has its own look (and its SVG class). */
export type NodeKind = 'placeholder' | 'variable' | 'constant' | 'op' | 'scope';

/** The kind of an op node, from its op type. */
export function nodeKind(op: string): NodeKind {
  if (op === 'Placeholder' || op === 'PlaceholderWithDefault') return 'placeholder';
  if (op === 'VariableV2' || op === 'Variable' || op === 'VarHandleOp') return 'variable';
  if (op === 'Const') return 'constant';
  return 'op';
}

/** Sans-serif everywhere: Graphviz (without system fonts) has Helvetica's metrics built in, and its SVG adds sans-serif as the fallback. */
export const FONT = 'Helvetica';

/**
 * The look of each kind: inputs (placeholders) amber, state (variables) blue cylinders, constants
 * small and grey, ops white ellipses with TensorBoard's grey outline, collapsed scopes green boxes.
 */
export const NODE_STYLES: { readonly [K in NodeKind]: Readonly<Record<string, string>> } = {
  placeholder: { shape: 'box', style: 'rounded,filled', fillcolor: '#fde8a8', color: '#b8860b', penwidth: '1.5' },
  variable: { shape: 'cylinder', style: 'filled', fillcolor: '#cfe2f3', color: '#3d6fa5', penwidth: '1.5' },
  constant: { shape: 'box', style: 'filled', fillcolor: '#eeeeee', color: '#aaaaaa', penwidth: '0.8' },
  op: { shape: 'ellipse', style: 'filled', fillcolor: '#ffffff', color: '#8c8c8c', penwidth: '1' },
  scope: { shape: 'box3d', style: 'filled', fillcolor: '#d5ead1', color: '#5b8a52', penwidth: '1.2' },
};

/** Extra look of a node moved aside as auxiliary (TensorBoard's extracted sink nodes). */
export const AUXILIARY_STYLE: Readonly<Record<string, string>> = { shape: 'box', style: 'rounded,filled,dashed', fillcolor: '#fafafa' };

/** The box the auxiliary nodes sit in. */
export const AUX_CLUSTER_STYLE: Readonly<Record<string, string>> = {
  label: 'auxiliary nodes',
  style: 'dashed,rounded',
  color: '#b5b5b5',
  fontsize: '9',
  fontcolor: '#777777',
};

/** Edge looks: data solid with its shape, control dashed, reference (a variable being written) bold orange. */
export const EDGE_STYLES = {
  data: { color: '#555555' },
  control: { style: 'dashed', color: '#8c8c8c', arrowhead: 'onormal' },
  ref: { color: '#e8710a', penwidth: '2', arrowhead: 'normal', arrowtail: 'odot', dir: 'both' },
} as const;

/** The look of an expanded scope's cluster (TensorBoard's expanded metanode). */
export const CLUSTER_STYLE: Readonly<Record<string, string>> = {
  style: 'rounded,filled',
  fillcolor: '#f3f3f3',
  color: '#b5b5b5',
  fontsize: '10',
  fontcolor: '#555555',
  labeljust: 'l',
};

/** An edge label for a tensor shape as TensorBoard writes it: `?×784`, `784×10`, `10`, `scalar`; `unknown rank`. */
export function shapeLabel(shape: readonly Dim[] | null): string {
  if (shape === null) return 'unknown rank';
  if (shape.length === 0) return 'scalar';
  return shape.map((d) => (d === null ? '?' : String(d))).join('×');
}

const MAX_SHOWN_VALUES = 4;
const MAX_VALUE_CHARS = 24;

/** A constant's value in NumPy's print form when it is short enough to read in a node (`0.1`, `[1]`), else null. */
export function constantValueText(node: NodeDef): string | null {
  const v = node.attr.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  const t = v as { dtype: DType; shape: readonly number[]; data: HostArray };
  if (t.data.length > MAX_SHOWN_VALUES) return null;
  const text = String(new NDArray(t.data, t.shape, t.dtype)).replace(/\s+/g, ' ');
  return text.length <= MAX_VALUE_CHARS ? text : null;
}
