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
