import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { toDot } from '../../src/viz/dot.js';
import { buildTutorialGraph } from '../../src/cli/models.js';
import { parseGraphDef, serializeGraphDef } from '../../src/graph/graph_def_json.js';
import { labelLines, parseDot, type ParsedDot } from './parse_dot.js';

const node = (p: ParsedDot, id: string) => {
  const n = p.nodes.get(id);
  if (!n) throw new Error(`no node '${id}' in the DOT (have ${[...p.nodes.keys()].join(', ')})`);
  return n;
};
const edgesBetween = (p: ParsedDot, tail: string, head: string) => p.edges.filter((e) => e.tail === tail && e.head === head);
const edgeSet = (p: ParsedDot): Set<string> => new Set(p.edges.map((e) => `${e.tail} -> ${e.head} ${e.attrs.class}`));

/** The edges the default diagram must have, worked out from the graph's own inputs independently of toDot. */
function expectedEdges(g: tf.Graph, visible: (name: string) => string, hiddenControlTo: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const n of g.as_graph_def().node) {
    n.input.forEach((s, j) => {
      const control = s.startsWith('^');
      const src = visible(s.replace(/^\^/, '').replace(/:\d+$/, ''));
      const dst = visible(n.name);
      if (src === dst || (control && hiddenControlTo.has(dst))) return;
      const ref = !control && j === 0 && ['Assign', 'ApplyGradientDescent'].includes(n.op);
      out.add(`${src} -> ${dst} ${control ? 'control' : ref ? 'ref' : 'data'}`);
    });
  }
  return out;
}

describe("toDot on the tutorial's forward graph", () => {
  const g = buildTutorialGraph();
  let p: ParsedDot;
  beforeAll(async () => {
    p = await parseDot(toDot(g));
  });

  it('draws every op once, each name scope as a cluster labelled with its name', () => {
    const ops = g.get_operations().map((o) => o.name);
    expect(new Set(p.nodes.keys())).toEqual(new Set(ops));
    for (const [scope, members] of Object.entries({
      Variable: ['Variable', 'Variable/Assign', 'Variable/read'],
      Variable_1: ['Variable_1', 'Variable_1/Assign', 'Variable_1/read'],
      zeros: ['zeros', 'zeros/shape_as_tensor', 'zeros/Const'],
      Sum: ['Sum', 'Sum/reduction_indices'],
      ArgMax: ['ArgMax', 'ArgMax/dimension'],
    })) {
      const c = p.clusters.get(`cluster_${scope}`)!;
      expect(c.attrs.label).toBe(scope);
      expect(c.parent).toBeNull();
      expect(new Set(c.nodes)).toEqual(new Set(members));
      for (const m of members) expect(node(p, m).cluster).toBe(`cluster_${scope}`);
    }
    for (const top of ['Placeholder', 'MatMul', 'add', 'Softmax', 'Mean', 'zeros_1']) expect(node(p, top).cluster).toBeNull();
  });

  it('labels each op node with its name and op type, and gives each kind its own look', () => {
    for (const op of g.get_operations()) {
      if (op.name === 'init') continue;
      const lines = labelLines(node(p, op.name).attrs);
      expect(lines[0]).toBe(op.name.split('/').pop());
      expect(lines[1]).toBe(op.type);
    }
    const look = (id: string) => {
      const a = node(p, id).attrs;
      return `${a.class}|${a.shape}|${a.fillcolor}|${a.style}`;
    };
    expect(look('Placeholder')).toBe(look('Placeholder_1'));
    expect(look('Variable')).toBe(look('Variable_1'));
    expect(look('zeros_1')).toBe(look('Sum/reduction_indices'));
    expect(look('MatMul')).toBe(look('Softmax'));
    const kinds = ['Placeholder', 'Variable', 'zeros_1', 'MatMul'].map(look);
    expect(new Set(kinds).size).toBe(4);
    expect(kinds.map((k) => k.split('|')[0])).toEqual(['placeholder', 'variable', 'constant', 'op']);
    expect(node(p, 'Variable').attrs.shape).toBe('cylinder');
    // Short constants show their value, in NumPy's print form.
    expect(labelLines(node(p, 'Sum/reduction_indices').attrs)).toEqual(['reduction_indices', 'Const', '[1]']);
    expect(labelLines(node(p, 'zeros/shape_as_tensor').attrs)).toEqual(['shape_as_tensor', 'Const', '[784 10]']);
  });

  it("labels data edges with the tensor's shape as TensorBoard does", () => {
    const label = (t: string, h: string) => edgesBetween(p, t, h).map((e) => e.attrs.label);
    expect(label('Placeholder', 'MatMul')).toEqual(['?×784']);
    expect(label('Variable/read', 'MatMul')).toEqual(['784×10']);
    expect(label('Variable_1/read', 'add')).toEqual(['10']);
    expect(label('zeros/Const', 'zeros')).toEqual(['scalar']);
    expect(label('Sum', 'Neg')).toEqual(['?']);
    expect(label('Softmax', 'Log')).toEqual(['?×10']);
  });

  it('marks reference edges (a variable into the Assign that writes it) and no others', () => {
    const refs = p.edges.filter((e) => e.attrs.class === 'ref');
    expect(refs.map((e) => `${e.tail} -> ${e.head}`).sort()).toEqual(['Variable -> Variable/Assign', 'Variable_1 -> Variable_1/Assign']);
    const data = edgesBetween(p, 'zeros', 'Variable/Assign')[0]!.attrs;
    expect(refs[0]!.attrs.color).not.toBe(data.color);
    expect(refs[0]!.attrs.label).toBe(refs[0]!.tail === 'Variable' ? '784×10' : '10');
  });

  it('moves init aside: no edge to every variable, its control inputs listed on it instead', () => {
    const init = node(p, 'init');
    expect(init.cluster).toBe('cluster_:auxiliary');
    expect(p.clusters.get('cluster_:auxiliary')!.attrs.label).toBe('auxiliary nodes');
    expect(init.attrs.class).toBe('op auxiliary');
    expect(init.attrs.style).toContain('dashed');
    expect(p.edges.filter((e) => e.head === 'init' || e.tail === 'init')).toEqual([]);
    expect(labelLines(init.attrs)).toEqual(['init', 'NoOp', '^Variable/Assign', '^Variable_1/Assign']);
    expect(edgeSet(p)).toEqual(expectedEdges(g, (n) => n, new Set(['init'])));
  });
});

describe("toDot on the tutorial's training graph", () => {
  const g = buildTutorialGraph({ training: true });
  const countIn = (scope: string) => g.get_operations().filter((o) => o.name === scope || o.name.startsWith(`${scope}/`)).length;

  it('collapses gradients/ and GradientDescent/ to one node each and keeps every edge across them', async () => {
    const p = await parseDot(toDot(g));
    for (const scope of ['gradients', 'GradientDescent']) {
      const n = node(p, scope);
      expect(n.attrs.class).toBe('scope');
      expect(labelLines(n.attrs)).toEqual([scope, `${countIn(scope)} ops`]);
      expect([...p.nodes.keys()].filter((k) => k.startsWith(`${scope}/`))).toEqual([]);
    }
    expect(countIn('gradients')).toBeGreaterThan(50);
    const visible = (n: string) =>
      n.startsWith('gradients/') ? 'gradients' : n === 'GradientDescent' || n.startsWith('GradientDescent/') ? 'GradientDescent' : n;
    expect(edgeSet(p)).toEqual(expectedEdges(g, visible, new Set(['init'])));
    // The two gradients flow into the optimizer on one edge; each variable is handed to it by reference.
    expect(edgesBetween(p, 'gradients', 'GradientDescent').map((e) => e.attrs.label)).toEqual(['784×10, 10']);
    expect(edgesBetween(p, 'Variable', 'GradientDescent')[0]!.attrs.class).toBe('ref');
    expect(edgesBetween(p, 'Placeholder', 'gradients')[0]!.attrs.label).toBe('?×784');
  });

  it('expands the collapsed scopes on request, drawing control dependencies dashed', async () => {
    const p = await parseDot(toDot(g, { expand: true }));
    expect(new Set(p.nodes.keys())).toEqual(new Set(g.get_operations().map((o) => o.name)));
    expect(p.clusters.get('cluster_gradients/Mean_grad')!.parent).toBe('cluster_gradients');
    expect(node(p, 'gradients/Mean_grad/Tile').cluster).toBe('cluster_gradients/Mean_grad');
    const control = p.edges.filter((e) => e.attrs.class === 'control');
    expect(control.length).toBeGreaterThan(0);
    for (const e of control) {
      expect(e.attrs.style).toBe('dashed');
      expect(e.attrs.label ?? '').toBe('');
    }
    for (const e of p.edges.filter((x) => x.attrs.class !== 'control')) expect(e.attrs.style ?? '').not.toContain('dashed');
    expect(edgesBetween(p, 'gradients/mul_grad/tuple/control_dependency_1', 'gradients/Log_grad/Reciprocal').map((e) => e.attrs.class)).toEqual(['control']);
    expect(edgesBetween(p, 'Variable', 'GradientDescent/update_Variable/ApplyGradientDescent')[0]!.attrs.class).toBe('ref');
    // The train op is a sink NoOp too: moved aside like init, with its full name.
    expect(node(p, 'GradientDescent').cluster).toBe('cluster_:auxiliary');
    expect(labelLines(node(p, 'GradientDescent').attrs).slice(0, 3)).toEqual([
      'GradientDescent',
      'NoOp',
      '^GradientDescent/update_Variable/ApplyGradientDescent',
    ]);
    const visible = (n: string) => n;
    expect(edgeSet(p)).toEqual(expectedEdges(g, visible, new Set(['init', 'GradientDescent'])));
  });

  it('expands only the listed scopes, and collapses by depth', async () => {
    const partly = await parseDot(toDot(g, { expand: ['gradients'] }));
    expect(node(partly, 'GradientDescent').attrs.class).toBe('scope');
    expect(partly.nodes.has('gradients/Fill')).toBe(true);
    const depth1 = await parseDot(toDot(g, { expand: true, depth: 1 }));
    expect(node(depth1, 'gradients/Mean_grad').attrs.class).toBe('scope');
    expect(node(depth1, 'gradients/Mean_grad').cluster).toBe('cluster_gradients');
    expect(labelLines(node(depth1, 'gradients/Mean_grad').attrs)[1]).toBe(`${countIn('gradients/Mean_grad')} ops`);
    // A scope of one op collapses to that op, labelled with its name below the cluster.
    expect(countIn('gradients/Neg_grad')).toBe(1);
    expect(depth1.nodes.has('gradients/Neg_grad')).toBe(false);
    expect(node(depth1, 'gradients/Neg_grad/Neg').cluster).toBe('cluster_gradients');
    expect(labelLines(node(depth1, 'gradients/Neg_grad/Neg').attrs)).toEqual(['Neg_grad/Neg', 'Neg']);
    const depth0 = await parseDot(toDot(g, { depth: 0 }));
    expect(labelLines(node(depth0, 'Variable').attrs)).toEqual(['Variable', '3 ops']);
    expect(depth0.clusters.size).toBe(1); // only the auxiliary box is left
    expect(edgesBetween(depth0, 'Variable', 'MatMul')[0]!.attrs.label).toBe('784×10');
  });
});

describe('toDot on other graphs', () => {
  it('hides the control edges of a busy node and lists them, at most five', async () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const cs = Array.from({ length: 7 }, (_, i) => tf.constant(i, { name: `c${i}` }));
      tf.group(cs, { name: 'all' });
      tf.control_dependencies([cs[0]!], () => tf.identity(cs[1]!, 'after'));
    });
    const p = await parseDot(toDot(g));
    expect(labelLines(node(p, 'all').attrs)).toEqual(['all', 'NoOp', '^c0', '^c1', '^c2', '^c3', '^c4', 'and 2 more']);
    expect(p.edges.some((e) => e.head === 'all')).toBe(false);
    expect(edgesBetween(p, 'c0', 'after').map((e) => [e.attrs.class, e.attrs.style])).toEqual([['control', 'dashed']]);
    const all = await parseDot(toDot(g, { auxiliary: false }));
    expect(all.edges.filter((e) => e.head === 'all')).toHaveLength(7);
  });

  it('draws a GraphDef read back from JSON exactly as the graph itself', () => {
    const g = buildTutorialGraph({ training: true });
    expect(toDot(parseGraphDef(serializeGraphDef(g.as_graph_def())))).toBe(toDot(g));
  });

  it('takes a title and a direction, and quotes what needs quoting', async () => {
    const g = new tf.Graph();
    g.as_default(() => tf.name_scope('a.b', () => tf.placeholder(tf.float32, null, 'x-y')));
    const p = await parseDot(toDot(g, { title: 'My "graph"', rankdir: 'LR', edgeLabels: false }));
    expect(p.graph.label).toBe('My "graph"');
    expect(p.graph.rankdir).toBe('LR');
    expect(node(p, 'a.b/x-y').cluster).toBe('cluster_a.b');
  });
});
