// TF1's rules for node and scope names (ops.py's _VALID_OP_NAME_REGEX / _VALID_SCOPE_NAME_REGEX, which copy
// core/framework/node_def_util.cc), in one place for the graph, the importer and the JSON reader.

/** A valid op (node) name: TF1's regex, so '' and names starting with '_', '-' or '/' are not. */
export const VALID_OP_NAME = /^[A-Za-z0-9.][A-Za-z0-9_.\-/]*$/;

/** A valid name scope inside another scope: any first character of the op-name alphabet, and '' too. */
export const VALID_SCOPE_NAME = /^[A-Za-z0-9_.\-/]*$/;

/** True when `name` is a string TF1 accepts as a node name. */
export function isValidOpName(name: unknown): name is string {
  return typeof name === 'string' && VALID_OP_NAME.test(name);
}

/** TF1's `ops.strip_name_scope(name, export_scope)`: `name` without a leading `export_scope/` (also after `^` or `loc:@`). */
export function strip_name_scope(name: string, export_scope: string | null | undefined): string {
  if (!export_scope) return name;
  const scope = export_scope.endsWith('/') ? export_scope.slice(0, -1) : export_scope;
  const m = /^(\^|loc:@)?/.exec(name)!;
  const head = m[0];
  const rest = name.slice(head.length);
  if (!rest.startsWith(scope)) return name;
  const slashes = /^\/+/.exec(rest.slice(scope.length));
  return slashes ? head + rest.slice(scope.length + slashes[0].length) : name;
}

/** TF1's `ops.prepend_name_scope(name, import_scope)`: `import_scope/name` (after a leading `^` or `loc:@`). */
export function prepend_name_scope(name: string, import_scope: string | null | undefined): string {
  if (!import_scope) return name;
  const scope = import_scope.endsWith('/') ? import_scope.slice(0, -1) : import_scope;
  const head = /^(\^|loc:@)?/.exec(name)![0];
  return `${head}${scope}/${name.slice(head.length)}`;
}
