// TF1's export_scope and unbound inputs (meta_graph.py's export_scoped_meta_graph, _node_def,
// _should_include_node and import_scoped_meta_graph's check): a MetaGraphDef of the nodes under one name scope, the
// scope stripped from their names, each input from outside the scope renamed `$unbound_inputs_<name>` and listed in
// a collection, so that importing it elsewhere must say through input_map what those inputs are.
import { clone, create } from '@bufbuild/protobuf';
import { ValueError } from '../framework/errors.js';
import { GraphDefSchema, type GraphDef } from '../framework/proto/tensorflow/core/framework/graph_pb.js';
import { NodeDefSchema } from '../framework/proto/tensorflow/core/framework/node_def_pb.js';
import type { MetaGraphDef } from '../framework/proto/tensorflow/core/protobuf/meta_graph_pb.js';
import { strip_name_scope } from '../graph/names.js';

/** The prefix TF1 gives an input from outside the exported scope. */
export const UNBOUND_INPUT_PREFIX = '$unbound_inputs_';

/** The collection TF1 lists the unbound inputs in, unless told another (`unbound_inputs_col_name`). */
export const UNBOUND_INPUTS = 'unbound_inputs';

/**
 * TF1's _should_include_node: whether a node, a collection item with a name, or a string (taken as a node's name)
 * belongs to the export; items with neither (numbers) always do.
 */
export function inExport(item: unknown, export_scope: string | null): boolean {
  const name = typeof item === 'string' ? item : typeof item === 'object' && item !== null && 'name' in item ? (item as { name: unknown }).name : null;
  if (typeof name !== 'string') return true;
  return name.startsWith(UNBOUND_INPUT_PREFIX) || !export_scope || name.startsWith(export_scope);
}

/**
 * TF1's export of a GraphDef under `export_scope`: the nodes whose names start with it, their names and inputs
 * stripped of it, and each input from elsewhere renamed with the unbound prefix (after a control input's `^`) and
 * appended to `unbound` (once per use, as TF1 appends them).
 */
export function scopedGraphDef(def: GraphDef, export_scope: string, unbound: string[]): GraphDef {
  const node = def.node
    .filter((n) => inExport(n.name, export_scope))
    .map((n) => {
      const out = clone(NodeDefSchema, n);
      out.name = strip_name_scope(n.name, export_scope);
      out.input = n.input.map((v) => {
        if (v.replace(/^\^+/, '').startsWith(export_scope)) return strip_name_scope(v, export_scope);
        const renamed = v.startsWith('^') ? `^${UNBOUND_INPUT_PREFIX}${v.slice(1)}` : `${UNBOUND_INPUT_PREFIX}${v}`;
        unbound.push(renamed);
        return renamed;
      });
      // A loop's frame is named after its context, which import_scope renames on import (while_context_from_proto):
      // exported relative to the scope, as the later TF1 releases whose import rewrites it export it.
      const frame = out.attr.frame_name?.value;
      if ((n.op === 'Enter' || n.op === 'RefEnter') && frame?.case === 's') {
        const name = new TextDecoder().decode(frame.value);
        if (name.startsWith(export_scope)) frame.value = new TextEncoder().encode(strip_name_scope(name, export_scope));
      }
      return out;
    });
  return create(GraphDefSchema, { versions: def.versions, node });
}

/**
 * import_scoped_meta_graph's check: a MetaGraphDef with unbound inputs imports only when input_map names exactly
 * those (TF1 compares the sorted lists, so a missing or an extra key fails alike); ValueError otherwise.
 */
export function checkUnboundInputs(
  meta: MetaGraphDef,
  input_map: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown> | null,
  col: string | null,
): void {
  if (!col) return;
  const c = meta.collectionDef[col];
  if (!c) return;
  const decode = (v: unknown): string => (v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v));
  const values = c.kind.case === 'bytesList' || c.kind.case === 'nodeList' ? c.kind.value.value.map(decode) : [];
  if (values.length === 0) return;
  const keys = input_map === null ? null : input_map instanceof Map ? [...input_map.keys()] : Object.keys(input_map);
  const same = keys !== null && keys.length > 0 && JSON.stringify([...values].sort()) === JSON.stringify([...keys].sort());
  if (same) return;
  const missing = values.filter((v) => keys === null || !keys.includes(v));
  throw new ValueError(`Graph contains unbound inputs: ${missing.join(',')}. Must provide these inputs through input_map.`);
}
