import type { Graph } from '../graph/graph.js';
import type { GraphDef } from '../graph/graph_def.js';
import { buildDiagram, type Diagram, type DiagramEdge, type DiagramNode, type DiagramOptions } from './diagram.js';
import { baseName, parentScope } from './hierarchy.js';
import { AUXILIARY_STYLE, AUX_CLUSTER_STYLE, CLUSTER_STYLE, EDGE_STYLES, FONT, NODE_STYLES } from './styles.js';

/** Options for `toDot`: what to show (see DiagramOptions) and how to lay it out. */
export interface DotOptions extends DiagramOptions {
  /** A title above the diagram. */
  title?: string;
  /** Graphviz's rankdir; default 'BT', data flowing upwards as in TensorBoard. */
  rankdir?: 'BT' | 'TB' | 'LR' | 'RL';
  /** Label data edges with their shapes (default true). */
  edgeLabels?: boolean;
}

// Cluster ids: `cluster_` + scope path; ':' never occurs in an op name, so the auxiliary box cannot clash.
const clusterId = (scope: string): string => `cluster_${scope}`;
const AUX_CLUSTER = 'cluster_:auxiliary';

/** A DOT quoted string; `\n` between lines is DOT's line break. */
function q(...lines: string[]): string {
  return `"${lines.map((l) => l.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')).join('\\n')}"`;
}

function attrList(attrs: Readonly<Record<string, string>>): string {
  const parts = Object.entries(attrs).map(([k, v]) => `${k}=${q(v)}`);
  return parts.length ? ` [${parts.join(', ')}]` : '';
}

function nodeStmt(n: DiagramNode): string {
  const style = { ...NODE_STYLES[n.kind], ...(n.auxiliary ? AUXILIARY_STYLE : {}) };
  const cls = n.auxiliary ? `${n.kind} auxiliary` : n.kind;
  return `${q(n.id)}${attrList({ ...style, class: cls, label: [n.title, ...n.lines].join('\n'), tooltip: n.tooltip.join('\n') })};`;
}

function edgeStmt(e: DiagramEdge, labels: boolean): string {
  const attrs: Record<string, string> = { ...EDGE_STYLES[e.kind], class: e.back ? `${e.kind} back` : e.kind };
  // a while loop's back edge left out of the ranking, so the frame reads top to bottom as TensorBoard draws it
  if (e.back) attrs.constraint = 'false';
  if (labels && e.label) attrs.label = e.label;
  const what = e.kind === 'control' ? `^${e.tensors.join(', ^')}` : e.tensors.join(', ');
  attrs.tooltip = e.kind === 'ref' ? `${what} -> ${e.to} (reference: ${e.to} writes into ${e.from})` : `${what} -> ${e.to}`;
  return `${q(e.from)} -> ${q(e.to)}${attrList(attrs)};`;
}

function emitClusters(d: Diagram, indent: string, scope: string, out: string[]): void {
  for (const n of d.nodes.filter((m) => m.cluster === scope && !m.auxiliary)) out.push(indent + nodeStmt(n));
  for (const child of d.clusters.filter((c) => c !== '' && parentScope(c) === scope)) {
    out.push(`${indent}subgraph ${q(clusterId(child))} {`);
    out.push(`${indent}  graph${attrList({ ...CLUSTER_STYLE, label: baseName(child), tooltip: `${child}/` })};`);
    emitClusters(d, `${indent}  `, child, out);
    out.push(`${indent}}`);
  }
}

// TensorBoard draws extracted nodes in a side area; one box at the top level keeps clusters compact.
function emitAuxiliary(d: Diagram, out: string[]): void {
  const aux = d.nodes.filter((m) => m.auxiliary);
  if (!aux.length) return;
  out.push(`  subgraph ${q(AUX_CLUSTER)} {`);
  out.push(`    graph${attrList(AUX_CLUSTER_STYLE)};`);
  for (const n of aux) out.push(`    ${nodeStmt(n)}`);
  out.push('  }');
}

const isGraph = (g: Graph | GraphDef): g is Graph => typeof (g as Graph).as_graph_def === 'function';

/**
 * A Graphviz DOT diagram of a graph, drawn as TensorBoard draws TF1 graphs: name scopes as clusters,
 * `gradients` and the optimizer's scope collapsed, nodes labelled with name and op type, data edges
 * with shapes, control edges dashed, reference edges orange, sink NoOps such as `init` moved aside.
 */
export function toDot(graph: Graph | GraphDef, options: DotOptions = {}): string {
  const def = isGraph(graph) ? graph.as_graph_def() : graph;
  const d = buildDiagram(def, options);
  const out = [`digraph ${q(options.title ?? 'graph')} {`];
  const graphAttrs: Record<string, string> = {
    rankdir: options.rankdir ?? 'BT',
    newrank: 'true',
    nodesep: '0.25',
    ranksep: '0.35',
    fontname: FONT,
    fontsize: '11',
    bgcolor: 'white',
    pad: '0.2',
  };
  if (options.title) Object.assign(graphAttrs, { label: options.title, labelloc: 't', fontsize: '14' });
  out.push(`  graph${attrList(graphAttrs)};`);
  out.push(`  node${attrList({ fontname: FONT, fontsize: '10', margin: '0.1,0.04', height: '0.3' })};`);
  out.push(`  edge${attrList({ fontname: FONT, fontsize: '8', fontcolor: '#444444', arrowsize: '0.6' })};`);
  emitClusters(d, '  ', '', out);
  emitAuxiliary(d, out);
  for (const e of d.edges) out.push(`  ${edgeStmt(e, options.edgeLabels !== false)}`);
  out.push('}');
  return out.join('\n') + '\n';
}
