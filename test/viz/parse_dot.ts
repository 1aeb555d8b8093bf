import { renderGraphFromSource } from 'graphviz-cli';

/** A DOT graph as Graphviz itself reads it: clusters, nodes and edges with their attributes. */
export interface ParsedDot {
  readonly graph: Readonly<Record<string, string>>;
  /** Clusters by name (`cluster_Variable`), with their parent cluster and every node inside, nested ones included. */
  readonly clusters: ReadonlyMap<string, { attrs: Record<string, string>; parent: string | null; nodes: ReadonlySet<string> }>;
  /** Nodes by id, with the innermost cluster holding them (null at the top level). */
  readonly nodes: ReadonlyMap<string, { attrs: Record<string, string>; cluster: string | null }>;
  readonly edges: readonly { tail: string; head: string; attrs: Record<string, string> }[];
}

interface JsonObject {
  name: string;
  _gvid: number;
  nodes?: number[];
  subgraphs?: number[];
  [k: string]: unknown;
}
interface JsonGraph {
  _subgraph_cnt: number;
  objects?: JsonObject[];
  edges?: { tail: number; head: number; [k: string]: unknown }[];
  [k: string]: unknown;
}

const LAYOUT_KEYS = new Set(['_gvid', 'name', 'nodes', 'subgraphs', 'pos', 'bb', 'lp', 'lwidth', 'lheight', 'width', 'height', '_draw_', '_ldraw_']);
const attrsOf = (o: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(o).filter(([k, v]) => !LAYOUT_KEYS.has(k) && typeof v === 'string') as [string, string][]);

/**
 * Parses DOT with Graphviz (the same WebAssembly build the renderer uses) via its JSON output, so a test
 * sees exactly the structure Graphviz will draw, and a syntax error fails the test.
 */
export async function parseDot(dot: string): Promise<ParsedDot> {
  // osage lays out clusters without ranking: the cheapest engine that still reads the whole graph.
  const g = JSON.parse(await renderGraphFromSource({ input: dot }, { format: 'json0', engine: 'osage' })) as JsonGraph;
  const objects = g.objects ?? [];
  const subgraphs = objects.slice(0, g._subgraph_cnt);
  const parentOf = new Map<number, number>();
  for (const s of subgraphs) for (const c of s.subgraphs ?? []) parentOf.set(c, s._gvid);
  const clusters = new Map<string, { attrs: Record<string, string>; parent: string | null; nodes: Set<string> }>();
  const names = (ids: number[] | undefined): Set<string> => new Set((ids ?? []).map((i) => objects[i]!.name));
  for (const s of subgraphs) {
    const p = parentOf.get(s._gvid);
    clusters.set(s.name, { attrs: attrsOf(s), parent: p === undefined ? null : objects[p]!.name, nodes: names(s.nodes) });
  }
  const nodes = new Map<string, { attrs: Record<string, string>; cluster: string | null }>();
  for (const n of objects.slice(g._subgraph_cnt)) {
    // The innermost cluster is the deepest one holding the node.
    let cluster: string | null = null;
    let best = -1;
    for (const [name, c] of clusters) {
      if (!c.nodes.has(n.name)) continue;
      let depth = 0;
      for (let p = c.parent; p !== null; p = clusters.get(p)!.parent) depth++;
      if (depth > best) [cluster, best] = [name, depth];
    }
    nodes.set(n.name, { attrs: attrsOf(n), cluster });
  }
  const edges = (g.edges ?? []).map((e) => ({ tail: objects[e.tail]!.name, head: objects[e.head]!.name, attrs: attrsOf(e) }));
  return { graph: attrsOf(g), clusters, nodes, edges };
}

/** The label's lines (DOT's `\n` line breaks). */
export function labelLines(attrs: Record<string, string>): string[] {
  return (attrs.label ?? '').split('\\n');
}
