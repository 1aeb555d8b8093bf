// A notebook for the article: each statement is printed (as `> ` lines) and then that very text runs, as
// JavaScript, in a scope that lasts from one statement to the next, like a Jupyter kernel's globals. So what the
// tutorial prints is the code that ran, by construction: there is no second copy to keep in step.
// No Node APIs here: the CLI and the web page run the same statements.
import type * as tf from '../index.js';

/** Where the notebook prints: one line at a time. */
export type NotebookPrint = (line: string) => void;

/** How a notebook prints and where its statements build ops. */
export interface NotebookOptions {
  /** Prints each statement as `> ` lines before it runs, and an expression's value after; omitted: prints nothing. */
  readonly print?: NotebookPrint;
  /** The graph statements build ops in (TF1's `with g.as_default():`); omitted: the default graph. */
  readonly graph?: tf.Graph;
}

type Body = (...values: unknown[]) => [unknown, unknown[]] | Promise<[unknown, unknown[]]>;
type BodyConstructor = new (...args: string[]) => Body;

const IDENT = '[A-Za-z_$][\\w$]*';
/** `[const|let] name = expr` or `[const|let] [a, b] = expr`: the names bind in the notebook's scope. */
const BINDING = new RegExp(`^(?:(const|let)\\s+)?(${IDENT}|\\[\\s*${IDENT}(?:\\s*,\\s*${IDENT})*\\s*\\])\\s*=(?![=>])\\s*([\\s\\S]+)$`);
/** Statements that have no value: they run as they are, their own declarations staying inside them. */
const STATEMENT = /^(?:for|while|do|if|try|switch)\b|^\{/;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as BodyConstructor;
const SyncFunction = Function as unknown as BodyConstructor;

/**
 * A scope where statements run one at a time, each as its own script, as in a browser's console: `const x = ...`
 * and `[a, b] = ...` bind names that later statements see; an assignment to a `const` name is JavaScript's
 * TypeError, a new `const` of the same name replaces it (as a console allows). A statement's value is printed,
 * as a REPL does, unless it is `undefined` or `null` (Jupyter prints nothing for Python's None).
 *
 * Each statement is a function of the scope's names, so a closure made in one statement sees the values of that
 * moment (rebinding a name later does not reach it). With `graph`, ops built before a statement's first `await`
 * go into that graph, since TF1's default-graph stack cannot follow an `await`: build, then await.
 */
export class Notebook {
  private readonly scope = new Map<string, unknown>();
  private readonly constants = new Set<string>();

  /** A notebook whose scope starts with `globals` (`tf`, the article's helpers, ...). */
  constructor(
    globals: Readonly<Record<string, unknown>>,
    private readonly options: NotebookOptions = {},
  ) {
    this.define(globals);
  }

  /** Adds names to the scope, as if declared with `const`. */
  define(values: Readonly<Record<string, unknown>>): void {
    for (const [name, value] of Object.entries(values)) {
      this.scope.set(name, value);
      this.constants.add(name);
    }
  }

  /** Prints `source` (with `print`) and runs it, awaiting it; resolves to its value, printed when it has one. */
  async run(source: string): Promise<unknown> {
    this.printCode(source);
    const { body, bind, display } = this.compile(source, AsyncFunction);
    const [value, after] = await this.call(body);
    return this.finish(value, after, bind, display);
  }

  /** As `run`, for a statement with no `await`: it runs now and returns its value. */
  runSync(source: string): unknown {
    this.printCode(source);
    const { body, bind, display } = this.compile(source, SyncFunction);
    const [value, after] = this.call(body) as [unknown, unknown[]];
    return this.finish(value, after, bind, display);
  }

  /** True when `name` is bound in the scope. */
  has(name: string): boolean {
    return this.scope.has(name);
  }

  /** The value bound to `name`, checked to be an instance of `type` (a TypeError names both when it is not). */
  // biome-ignore lint/complexity/noBannedTypes: any class, tf.Variable's callable-or-constructible one and Array included
  get<T>(name: string, type: Function & { readonly prototype: T }): T {
    const value = this.scope.get(name);
    if (!(value instanceof type)) throw new TypeError(`the notebook's ${name} is not a ${type.name}: ${String(value)}`);
    return value as T;
  }

  /** The value bound to `name`, unchecked (undefined when unbound). */
  value(name: string): unknown {
    return this.scope.get(name);
  }

  private printCode(source: string): void {
    if (this.options.print) for (const line of source.split('\n')) this.options.print(`> ${line}`);
  }

  /** The statement as a function of the scope's names returning its value and those names' values afterwards. */
  private compile(source: string, Fn: BodyConstructor): { body: Body; bind: Binding | null; display: boolean } {
    const names = [...this.scope.keys()];
    const tail = `[${names.join(', ')}]`;
    const text = source.trim();
    const m = STATEMENT.test(text) ? null : BINDING.exec(text);
    // The expression on its own lines, so a trailing `// comment` ends before the closing parenthesis.
    const expression = (e: string): string => `"use strict";\nreturn [(\n${e}\n), ${tail}];`;
    if (m) {
      const target = m[2]!;
      const bind: Binding = {
        constant: m[1] === 'const',
        declared: m[1] !== undefined,
        names: target.startsWith('[')
          ? target
              .slice(1, -1)
              .split(',')
              .map((s) => s.trim())
          : [target],
        destructure: target.startsWith('['),
      };
      // A reserved word (`const = 1`) is no name: JavaScript's own SyntaxError says so, here rather than later.
      new SyncFunction(...bind.names, '"use strict";');
      return { body: new Fn(...names, expression(m[3]!)), bind, display: false };
    }
    if (STATEMENT.test(text)) return { body: new Fn(...names, `"use strict";\n${text}\n;return [undefined, ${tail}];`), bind: null, display: false };
    return { body: new Fn(...names, expression(text)), bind: null, display: true };
  }

  private call(body: Body): ReturnType<Body> {
    const values = [...this.scope.values()];
    const graph = this.options.graph;
    return graph ? graph.as_default(() => body(...values)) : body(...values);
  }

  /** Writes back names the statement assigned, binds its declared names, and prints its value. */
  private finish(value: unknown, after: unknown[], bind: Binding | null, display: boolean): unknown {
    [...this.scope.keys()].forEach((name, i) => {
      if (Object.is(after[i], this.scope.get(name))) return;
      if (this.constants.has(name)) throw new TypeError('Assignment to constant variable.');
      this.scope.set(name, after[i]);
    });
    if (bind) this.bind(bind, value);
    if (display && value !== undefined && value !== null && this.options.print) {
      for (const line of String(value).split('\n')) this.options.print(line);
    }
    return value;
  }

  private bind(b: Binding, value: unknown): void {
    if (!b.declared) {
      const fixed = b.names.find((n) => this.constants.has(n));
      if (fixed !== undefined) throw new TypeError('Assignment to constant variable.');
    }
    const values = b.destructure ? [...(value as Iterable<unknown>)] : [value];
    b.names.forEach((name, i) => {
      this.scope.set(name, values[i]);
      if (b.constant) this.constants.add(name);
      else this.constants.delete(name);
    });
  }
}

/** What a binding statement binds: its names, whether `const`, whether declared at all, whether `[a, b] = ...`. */
interface Binding {
  readonly names: readonly string[];
  readonly constant: boolean;
  readonly declared: boolean;
  readonly destructure: boolean;
}
