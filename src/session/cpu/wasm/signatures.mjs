// The kernels' exported functions as their WAT declares them, written as TypeScript for binary.ts,
// so the type that instance.ts gives the module's exports is never restated by hand. build.mjs
// checks what is read here against the compiled module (names and parameter counts).

/** `(func (export "name")` or `(func $id (export "name")`: an exported function's head. */
const HEAD = /\(func\s+(?:\$[^\s()]+\s+)?\(export\s+"([^"]+)"\)/g;
/** One `(param $name type)` or `(result type)` right after the head (or the one before it). */
const FIELD = /\s*\((param|result)\s+([^()]*)\)/y;
/** WAT value types as JavaScript passes them (a v128 cannot cross into JavaScript). */
const TS_TYPES = { i32: 'number', f32: 'number', f64: 'number', i64: 'bigint' };

/** The `;;` comment lines right above offset `at` of `text`, without their `;;`. */
function commentAbove(text, at) {
  const lines = text.slice(0, at).split('\n');
  lines.pop(); // the head's own line
  const doc = [];
  while (lines.length && lines[lines.length - 1].trim().startsWith(';;')) doc.unshift(lines.pop().trim().slice(2).trim());
  return doc;
}

/** Each exported function in WAT `text`: its name, its named parameters, its results and the comment above it. */
export function exportedFunctions(text) {
  return [...text.matchAll(HEAD)].map((m) => {
    const params = [];
    const results = [];
    FIELD.lastIndex = m.index + m[0].length;
    for (let f = FIELD.exec(text); f; f = FIELD.exec(text)) {
      const words = f[2].trim().split(/\s+/);
      if (f[1] === 'result') results.push(...words);
      else if (words.length === 2 && words[0].startsWith('$')) params.push({ name: words[0].slice(1), type: words[1] });
      else throw new Error(`${m[1]}: name each parameter, (param $name type), so its TypeScript type has names (got (param ${f[2]}))`);
    }
    if (results.length > 1) throw new Error(`${m[1]}: one result at most (JavaScript would get an array)`);
    return { name: m[1], params, results, doc: commentAbove(text, m.index) };
  });
}

function tsType(name, type) {
  const ts = TS_TYPES[type];
  if (!ts) throw new Error(`${name}: a ${type} cannot cross into JavaScript`);
  return ts;
}

/** The members of a TypeScript interface of `funcs`, each with its WAT comment as its doc comment. */
export function tsMembers(funcs) {
  return funcs.flatMap(({ name, params, results, doc }) => [
    ...(doc.length ? ['  /**', ...doc.map((line) => `   *${line && ' '}${line.replaceAll('*/', '* /')}`), '   */'] : []),
    `  ${name}(${params.map((p) => `${p.name}: ${tsType(name, p.type)}`).join(', ')}): ${results.length ? tsType(name, results[0]) : 'void'};`,
  ]);
}
