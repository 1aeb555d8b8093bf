// The public diagram functions (`tf.toDot`, `tf.renderGraph`: tf1-ts's own, not TF1's), with the library's
// argument checks: the graph by position, the options by position or by name, an unknown option a TypeError.
import { Graph } from '../graph/graph.js';
import type { GraphDef } from '../graph/graph_def.js';
import { isPlainObject, kind, opt, repr, req, tf1 } from '../framework/args.js';
import { TypeError as TFTypeError } from '../framework/errors.js';
import { toDot as dot, type DotOptions } from './dot.js';
import { renderGraph as render, type RenderOptions } from './render.js';

const GRAPH = kind<Graph | GraphDef>('Graph or GraphDef', (v) => v instanceof Graph || (isPlainObject(v) && Array.isArray(v.node)));

const DOT_KEYS = ['title', 'rankdir', 'edgeLabels', 'auxiliary', 'maxControlDegree', 'collapse', 'expand', 'depth'] as const;
const RENDER_KEYS = [...DOT_KEYS, 'format', 'scale'] as const;

/** An options object whose keys must be among `keys` (an unknown one is a TypeError, as an unknown keyword is). */
function options<T>(fn: string, keys: readonly string[]) {
  return kind<T>(
    'options object',
    (v) => {
      if (!isPlainObject(v)) return false;
      const bad = Object.keys(v).find((k) => !keys.includes(k));
      if (bad !== undefined) throw new TFTypeError(`${fn}() got an unexpected option '${bad}' (options: ${keys.join(', ')})`);
      return true;
    },
    { takesObject: true, refuse: (v) => new TFTypeError(`${fn}() takes its options as an object, not ${repr(v)}`) },
  );
}

/**
 * `tf.toDot(graph, options)`: a Graphviz DOT diagram of a graph (or GraphDef), drawn as TensorBoard draws TF1
 * graphs: name scopes as clusters, `gradients` collapsed, data edges with shapes, control edges dashed.
 */
export const toDot = tf1('toDot', [req('graph', GRAPH), opt('options', options<DotOptions>('toDot', DOT_KEYS))], (a) => dot(a.graph, a.options ?? {}));

/** renderGraph's result follows its format: PNG bytes, or DOT or SVG text. */
interface RenderGraph {
  (graph: Graph | GraphDef, options: RenderOptions & { format: 'png' }): Promise<Uint8Array>;
  (graph: Graph | GraphDef, options?: RenderOptions & { format?: 'svg' | 'dot' }): Promise<string>;
  (graph: Graph | GraphDef, options?: RenderOptions): Promise<string | Uint8Array>;
}

/** `tf.renderGraph(graph, options)`: the diagram as DOT text, an SVG document, or PNG bytes (`format`), in Node. */
export const renderGraph = tf1(
  'renderGraph',
  [req('graph', GRAPH), opt('options', options<RenderOptions>('renderGraph', RENDER_KEYS))],
  (a): Promise<string | Uint8Array> => render(a.graph, a.options ?? {}),
) as RenderGraph;
