import type { NodeDef } from '../graph/graph_def.js';

/** Which name scopes a diagram draws as one node, TensorBoard's collapsed metanodes. */
export interface HierarchyOptions {
  /** Scopes to collapse besides the defaults (the `gradients` scopes and the optimizer's scope). */
  collapse?: readonly string[];
  /** `true` draws the default-collapsed scopes expanded; a list expands just those scopes. */
  expand?: boolean | readonly string[];
  /** Scopes nested deeper than this many levels collapse (0: every top-level scope is one node). Default: no limit. */
  depth?: number;
}

/** How the ops of a graph map onto the drawn nodes and clusters. */
export interface Hierarchy {
  /** For each op name, the id of the node that draws it: the op itself, or its collapsed scope. */
  readonly visibleOf: ReadonlyMap<string, string>;
  /** Each collapsed scope's member ops, in graph order. */
  readonly collapsed: ReadonlyMap<string, readonly NodeDef[]>;
  /** The cluster (a scope path, '' for the top level) each drawn node sits in. */
  readonly clusterOf: ReadonlyMap<string, string>;
  /** The scopes drawn as clusters, parents before children, in order of first appearance. */
  readonly clusters: readonly string[];
}

/** The scope path above a name: `a/b` for `a/b/c`, '' at the top level. */
export function parentScope(name: string): string {
  const i = name.lastIndexOf('/');
  return i < 0 ? '' : name.slice(0, i);
}

/** The last component of a name, TensorBoard's display name. */
export function baseName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

const GRADIENTS_SCOPE = /^gradients(_\d+)?$/;
// Ops that apply a gradient to a variable: TF1's Apply* family (ApplyGradientDescent, ApplyAdam, ...).
const APPLY_OP = /^(Resource)?Apply[A-Z]/;

/**
 * The scopes collapsed by default: every `gradients` scope, and each optimizer's scope, found as TF1
 * names it: the scope holding the `update_<var>` scopes of its Apply* ops (`GradientDescent`).
 */
export function defaultCollapsed(nodes: readonly NodeDef[], scopes: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const s of scopes) if (GRADIENTS_SCOPE.test(baseName(s))) out.add(s);
  for (const n of nodes) {
    if (!APPLY_OP.test(n.op)) continue;
    const parts = n.name.split('/');
    const k = parts.findIndex((p, i) => i > 0 && p.startsWith('update_'));
    const scope = k > 0 ? parts.slice(0, k).join('/') : parentScope(n.name);
    if (scope) out.add(scope);
  }
  return out;
}

/** Every proper prefix of every name: the graph's name scopes. */
function scopesOf(nodes: readonly NodeDef[]): Set<string> {
  const scopes = new Set<string>();
  for (const n of nodes) {
    let i = n.name.indexOf('/');
    while (i >= 0) {
      scopes.add(n.name.slice(0, i));
      i = n.name.indexOf('/', i + 1);
    }
  }
  return scopes;
}

/** Groups a graph's ops into clusters and collapsed scopes, as TensorBoard groups them into metanodes. */
export function buildHierarchy(nodes: readonly NodeDef[], options: HierarchyOptions = {}): Hierarchy {
  const scopes = scopesOf(nodes);
  const collapse = options.expand === true ? new Set<string>() : defaultCollapsed(nodes, scopes);
  if (Array.isArray(options.expand)) for (const s of options.expand) collapse.delete(s);
  for (const s of options.collapse ?? []) if (scopes.has(s)) collapse.add(s);
  const depth = options.depth ?? Infinity;

  const visibleOf = new Map<string, string>();
  const collapsed = new Map<string, NodeDef[]>();
  const clusterOf = new Map<string, string>();
  const clusters: string[] = [];
  const seenCluster = new Set<string>();
  const addCluster = (path: string): void => {
    const parts = path ? path.split('/') : [];
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      if (!seenCluster.has(p)) {
        seenCluster.add(p);
        clusters.push(p);
      }
    }
  };

  // First pass: each op's group (the scope it is drawn in) and the outermost collapsed scope above it.
  const placed = nodes.map((n) => {
    // An op named like a scope (`Variable` beside `Variable/read`) belongs inside that scope, as in TensorBoard.
    const group = scopes.has(n.name) ? n.name : parentScope(n.name);
    const parts = group ? group.split('/') : [];
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      if (i > depth || collapse.has(p)) return { n, group, under: p };
    }
    return { n, group, under: null };
  });
  const size = new Map<string, number>();
  for (const { under } of placed) if (under !== null) size.set(under, (size.get(under) ?? 0) + 1);

  for (const { n, group, under } of placed) {
    let visible = n.name;
    let cluster = group;
    if (under !== null) {
      cluster = parentScope(under);
      // A collapsed scope of one op says no more than the op: draw the op, where the scope would have been.
      if (size.get(under)! > 1) {
        visible = under;
        const list = collapsed.get(visible);
        if (list) list.push(n);
        else collapsed.set(visible, [n]);
      }
    }
    visibleOf.set(n.name, visible);
    if (!clusterOf.has(visible)) {
      clusterOf.set(visible, cluster);
      addCluster(cluster);
    }
  }
  return { visibleOf, collapsed, clusterOf, clusters };
}
