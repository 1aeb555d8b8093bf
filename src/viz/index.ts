/** Graph diagrams as TensorBoard draws TF1 graphs: `toDot` (anywhere) and `renderGraph` to SVG/PNG (Node). */
export { toDot, type DotOptions } from './dot.js';
export { renderGraph, renderDotToSvg, svgToPng, type RenderFormat, type RenderOptions } from './render.js';
export { buildDiagram, type Diagram, type DiagramNode, type DiagramEdge, type DiagramOptions, type EdgeKind } from './diagram.js';
export type { HierarchyOptions } from './hierarchy.js';
export type { NodeKind } from './styles.js';
