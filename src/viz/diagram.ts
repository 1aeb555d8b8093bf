import { isOpType, writesRef } from '../framework/op_defs.js';
import type { GraphDef, NodeDef } from '../graph/graph_def.js';
import { baseName, buildHierarchy, type HierarchyOptions } from './hierarchy.js';
import { constantValueText, nodeKind, shapeLabel, type NodeKind } from './styles.js';

/** Options for what a diagram shows. */
export interface DiagramOptions extends HierarchyOptions {
  /** Move sink NoOps such as `init` aside and hide busy control edges, as TensorBoard does. Default true. */
  auxiliary?: boolean;
  /** A node with more control edges than this has them hidden and listed on it (TensorBoard's 4). */
  maxControlDegree?: number;
}

/** One drawn node: an op, or a collapsed scope standing for many ops. */
export interface DiagramNode {
  /** The DOT id: the op's full name, or the collapsed scope's path. */
  readonly id: string;
  readonly kind: NodeKind;
  /** The op type, or null for a collapsed scope. */
  readonly op: string | null;
  /** The first label line: the name below its cluster (usually the last component). */
  readonly title: string;
  /** Further label lines: op type, a constant's value, an op count, annotations. */
  readonly lines: readonly string[];
  /** The scope cluster it sits in ('' for the top level). */
  readonly cluster: string;
  /** True when moved aside as an auxiliary node. */
  readonly auxiliary: boolean;
  /** Hover text: the full name and what it holds. */
  readonly tooltip: readonly string[];
}

/** The kinds of edge: a tensor flowing, a control dependency, or a variable handed to an op that writes it. */
export type EdgeKind = 'data' | 'control' | 'ref';

/** One drawn edge; several tensors between the same two drawn nodes share one edge. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** The shape label (`?×784`), the shapes of up to three tensors, or `N tensors`; '' for control edges. */
  readonly label: string;
  /** The tensors it carries (`MatMul:0`), or the source ops of control edges. */
  readonly tensors: readonly string[];
  /** A while loop's back edge (from a NextIteration, to its Merge): drawn as TensorBoard draws it, not ranking the layout. */
  readonly back: boolean;
}

/** A graph laid out as TensorBoard groups it: drawn nodes, merged edges, clusters. */
export interface Diagram {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** Scope paths drawn as clusters, parents first. */
  readonly clusters: readonly string[];
}

// Ops of types tf1-ts does not define (a GraphDef written by TF1) whose first input is the variable they write
// (TF1's ref inputs): Apply*, Scatter*. For the types it defines, their definitions say (writesRef).
const OTHER_REF_WRITER = /^((Resource)?Apply[A-Z]\w*|Scatter\w+)$/;
const refWriter = (op: string): boolean => (isOpType(op) ? writesRef(op) : OTHER_REF_WRITER.test(op));
const INPUT = /^(\^)?(.+?)(?::(\d+))?$/;
const MAX_LISTED = 5;

function edgeLabel(shapes: readonly string[]): string {
  if (shapes.length <= 3) return shapes.join(', ');
  return `${shapes.length} tensors`;
}

/** Annotation lines for hidden control edges, at most TensorBoard's five names: `^x` for inputs, `-> y` for outputs. */
function listNames(prefix: string, names: readonly string[]): string[] {
  const lines = names.slice(0, MAX_LISTED).map((n) => `${prefix}${n}`);
  if (names.length > MAX_LISTED) lines.push(`and ${names.length - MAX_LISTED} more`);
  return lines;
}

interface EdgeAcc {
  from: string;
  to: string;
  kind: EdgeKind;
  tensors: Map<string, string>;
  back: boolean;
}

function collectEdges(nodes: readonly NodeDef[], visibleOf: ReadonlyMap<string, string>): EdgeAcc[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const acc = new Map<string, EdgeAcc>();
  for (const n of nodes) {
    const to = visibleOf.get(n.name)!;
    n.input.forEach((s, j) => {
      const m = INPUT.exec(s);
      const src = m && byName.get(m[2]!);
      if (!m || !src) return;
      const from = visibleOf.get(src.name)!;
      if (from === to) return;
      const kind: EdgeKind = m[1] ? 'control' : j === 0 && refWriter(n.op) ? 'ref' : 'data';
      const key = `${from}\u0000${to}\u0000${kind}`;
      let e = acc.get(key);
      if (!e) acc.set(key, (e = { from, to, kind, tensors: new Map(), back: false }));
      // the loop's NextIteration (RefNextIteration for a variable's storage) feeds its Merge: the one edge that goes back up the frame
      if (src.op === 'NextIteration' || src.op === 'RefNextIteration') e.back = true;
      if (kind === 'control') e.tensors.set(src.name, '');
      else {
        const idx = m[3] === undefined ? 0 : Number(m[3]);
        e.tensors.set(`${src.name}:${idx}`, shapeLabel(src.outputs[idx]?.shape ?? null));
      }
    });
  }
  return [...acc.values()];
}

function opNode(n: NodeDef, cluster: string): DiagramNode {
  const kind = nodeKind(n.op);
  const value = kind === 'constant' ? constantValueText(n) : null;
  const outs = n.outputs.map((o, i) => `${n.name}:${i}  ${shapeLabel(o.shape)} ${o.dtype}`);
  return {
    // The name below its cluster: `read` in `Variable`, `update_Variable/ApplyGradientDescent` when that scope was one op.
    id: n.name,
    kind,
    op: n.op,
    title: n.name.startsWith(`${cluster}/`) && cluster ? n.name.slice(cluster.length + 1) : baseName(n.name),
    cluster,
    auxiliary: false,
    lines: value === null ? [n.op] : [n.op, value],
    tooltip: [`${n.name} (${n.op})`, ...outs],
  };
}

function scopeNode(scope: string, members: readonly NodeDef[], cluster: string): DiagramNode {
  return {
    id: scope,
    kind: 'scope',
    op: null,
    title: baseName(scope),
    cluster,
    auxiliary: false,
    lines: [`${members.length} op${members.length === 1 ? '' : 's'}`],
    tooltip: [`${scope}/ (collapsed name scope, ${members.length} ops)`],
  };
}

/** Groups a graph into TensorBoard's drawn nodes, merged edges and scope clusters. */
export function buildDiagram(def: GraphDef, options: DiagramOptions = {}): Diagram {
  const h = buildHierarchy(def.node, options);
  const nodes = new Map<string, DiagramNode>();
  for (const n of def.node) {
    const id = h.visibleOf.get(n.name)!;
    if (nodes.has(id)) continue;
    const members = h.collapsed.get(id);
    nodes.set(id, members ? scopeNode(id, members, h.clusterOf.get(id)!) : opNode(n, h.clusterOf.get(id)!));
  }
  let edges = collectEdges(def.node, h.visibleOf);

  if (options.auxiliary !== false) {
    const maxControl = options.maxControlDegree ?? 4;
    const hidden = new Set<EdgeAcc>();
    for (const node of nodes.values()) {
      if (node.kind === 'scope') continue;
      const ctlIn = edges.filter((e) => e.kind === 'control' && e.to === node.id);
      const ctlOut = edges.filter((e) => e.kind === 'control' && e.from === node.id);
      // TensorBoard extracts sink NoOps (init, group_deps nobody waits on) and hides busy control edges.
      const sink = node.op === 'NoOp' && ctlIn.length > 0 && !edges.some((e) => e.from === node.id);
      if (!sink && ctlIn.length + ctlOut.length <= maxControl) continue;
      const lines = [
        ...node.lines,
        ...listNames(
          '^',
          ctlIn.map((e) => e.from),
        ),
        ...listNames(
          '-> ',
          ctlOut.map((e) => e.to),
        ),
      ];
      for (const e of [...ctlIn, ...ctlOut]) hidden.add(e);
      // Moved out of its cluster, an auxiliary node shows its full name.
      nodes.set(node.id, { ...node, lines, auxiliary: sink, title: sink ? node.id : node.title });
    }
    edges = edges.filter((e) => !hidden.has(e));
  }

  return {
    nodes: [...nodes.values()],
    edges: edges.map((e) => ({
      from: e.from,
      to: e.to,
      kind: e.kind,
      tensors: [...e.tensors.keys()],
      label: e.kind === 'control' ? '' : edgeLabel([...e.tensors.values()]),
      back: e.back,
    })),
    clusters: h.clusters,
  };
}
