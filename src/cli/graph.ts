// `tf1-ts graph`: draws the tutorial's model, or any graph exported to GraphDef JSON or TF1's GraphDef (.pbtxt
// text or .pb binary, as tf.train.write_graph writes them), as SVG, PNG or DOT.
// Option parsing is commander's; a bad value or a bad file is one line on stderr and exit code 2.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { GraphDef } from '../graph/graph_def.js';
import { GraphDefJsonError, parseGraphDef, serializeGraphDef } from '../graph/graph_def_json.js';
import { Graph } from '../graph/graph.js';
import { GraphDef as GraphDefClass } from '../graph/graph_def_message.js';
import { importGraphDef } from '../graph/import_graph_def.js';
import { ValueError } from '../framework/errors.js';
import type { DotOptions } from '../viz/dot.js';
import { MODELS, buildModelGraph, type ModelName } from './models.js';
import { MAX_PNG_PIXELS, MAX_PNG_SIDE, RasterSizeError, renderGraph, type RenderFormat } from '../viz/render.js';

/** Where the command writes its lines (stdout by default). */
export interface GraphIO {
  readonly out: (text: string) => void;
}

const processIO: GraphIO = { out: (text) => process.stdout.write(text) };

/** The options as commander parses them. */
interface RawOptions {
  model?: ModelName;
  training?: boolean;
  input?: string;
  out?: string;
  exportJson?: string;
  expand?: true | string[];
  depth?: number;
  rankdir: NonNullable<DotOptions['rankdir']>;
  title?: string;
  scale: number;
}

const FORMATS: Record<string, RenderFormat> = { '.svg': 'svg', '.png': 'png', '.dot': 'dot', '.gv': 'dot' };

/**
 * The deepest name scope the command draws. Graphviz fails on clusters nested some thousands deep (with
 * several lines of parser errors), so a deeper graph is refused up front, in one line.
 */
export const MAX_DRAWN_SCOPE_DEPTH = 1000;

/** The largest --input file read (256 MiB): /dev/zero, a FIFO or a huge file would otherwise be read until memory runs out. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

function wholeNumber(value: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new InvalidArgumentError('the depth must be a whole number from 0 up.');
  return Number(value);
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('the scale must be a number greater than 0.');
  return n;
}

// Graphviz's WebAssembly build has width tables for ASCII only; the first `×` of a shape label makes it
// print this once, harmlessly (the label is sized as if it were a space). Users of the command need not see it.
const GRAPHVIZ_WIDTH_WARNING = /^Warning: no value for width of non-ASCII character \d+\. Falling back to width of space character\n?$/;

let quieted = false;

function quietGraphvizWidthWarning(): void {
  if (quieted) return;
  quieted = true;
  const write = process.stderr.write.bind(process.stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!GRAPHVIZ_WIDTH_WARNING.test(String(chunk))) return write(chunk, ...rest);
    const done = rest[rest.length - 1];
    if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
    return true;
  }) as typeof process.stderr.write;
}

const scopeList = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Adds the `graph` command to the `tf1-ts` program. */
export function registerGraphCommand(program: Command, io: GraphIO = processIO): Command {
  return program
    .command('graph')
    .description("Draw a graph as TensorBoard draws TF1 graphs: the tutorial's model, or a GraphDef JSON file, to SVG, PNG or DOT")
    .addOption(new Option('--model <name>', 'the model to draw (default: tutorial, unless --input)').choices(MODELS))
    .addOption(new Option('--training', "include the training ops (minimize's gradients/ and GradientDescent/ scopes)").conflicts('input'))
    .addOption(
      new Option('--input <file>', 'a graph in GraphDef JSON (as --export-json writes it) or TF1 GraphDef (.pbtxt, .pb: tf.train.write_graph)').conflicts(
        'model',
      ),
    )
    .addOption(new Option('--out <file>', 'the diagram: .svg, .png or .dot (default: DOT on stdout)'))
    .addOption(new Option('--export-json <file>', "also write the graph's GraphDef as JSON, for --input or your own tools"))
    .addOption(new Option('--expand [scopes]', 'expand the collapsed scopes: all of them, or a comma-separated list').argParser(scopeList))
    .addOption(new Option('--depth <n>', 'collapse name scopes nested deeper than n levels (0: every top-level scope)').argParser(wholeNumber))
    .addOption(new Option('--rankdir <dir>', 'direction of the data flow').choices(['BT', 'TB', 'LR', 'RL']).default('BT'))
    .addOption(new Option('--title <text>', 'a title above the diagram'))
    .addOption(
      new Option('--scale <x>', `PNG pixels per point (the PNG may be at most ${MAX_PNG_SIDE} pixels a side and ${MAX_PNG_PIXELS / 1024 / 1024} megapixels)`)
        .argParser(positiveNumber)
        .default(2),
    )
    .showHelpAfterError(false)
    .allowExcessArguments(false)
    .action(async function (this: Command, raw: RawOptions) {
      const fail = (message: string): never => this.error(`error: ${message}`, { exitCode: 2, code: 'commander.graph' });
      const format = raw.out === undefined ? 'dot' : FORMATS[extname(raw.out).toLowerCase()];
      if (format === undefined) fail(`--out ${raw.out}: give a file ending in .svg, .png or .dot`);

      let def: GraphDef;
      if (raw.input !== undefined) {
        let bytes = new Uint8Array(0);
        try {
          const st = statSync(raw.input);
          if (!st.isFile()) fail(`--input ${raw.input}: not a regular file`);
          if (st.size > MAX_INPUT_BYTES) fail(`--input ${raw.input}: ${st.size} bytes is more than the ${MAX_INPUT_BYTES} bytes a GraphDef file may have`);
          bytes = new Uint8Array(readFileSync(raw.input));
        } catch (e) {
          if ((e as { code?: string }).code?.startsWith('commander.')) throw e;
          fail(`--input ${raw.input}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
        const text = new TextDecoder().decode(bytes);
        try {
          if (/^\s*\{/.test(text)) def = parseGraphDef(text, { source: raw.input });
          else {
            // TF1's GraphDef: binary in a .pb file, text otherwise; imported (names kept) for its shapes and dtypes.
            const msg = extname(raw.input).toLowerCase() === '.pb' ? GraphDefClass.FromString(bytes) : GraphDefClass.FromText(text);
            const g = new Graph();
            importGraphDef(msg, { name: '', graph: g });
            def = g.as_graph_def();
          }
        } catch (e) {
          if (e instanceof GraphDefJsonError || e instanceof ValueError) fail(`--input ${raw.input}: ${e.message}`);
          throw e;
        }
      } else {
        def = buildModelGraph(raw.model ?? 'tutorial', { training: raw.training === true }).as_graph_def();
      }
      const deep = def.node.find((n) => n.name.split('/').length > MAX_DRAWN_SCOPE_DEPTH);
      if (deep !== undefined && (raw.out !== undefined || raw.exportJson === undefined)) {
        fail(
          `${raw.input === undefined ? '' : `--input ${raw.input}: `}node '${deep.name.slice(0, 40)}...' is nested ${deep.name.split('/').length} name scopes deep; at most ${MAX_DRAWN_SCOPE_DEPTH} can be drawn`,
        );
      }

      const write = (file: string, data: string | Uint8Array, what: string): void => {
        try {
          writeFileSync(file, data);
        } catch (e) {
          fail(`${what} ${file}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        }
      };
      if (raw.exportJson !== undefined) write(raw.exportJson, serializeGraphDef(def), '--export-json');
      if (raw.out === undefined && raw.exportJson !== undefined) return;

      const options = {
        expand: raw.expand,
        depth: raw.depth,
        rankdir: raw.rankdir,
        title: raw.title,
        scale: raw.scale,
        format: format!,
      };
      if (format !== 'dot') quietGraphvizWidthWarning();
      let result: string | Uint8Array = '';
      try {
        result = await renderGraph(def, options);
      } catch (e) {
        // A refused --scale, or Graphviz failing on the graph: one line, as every other error here.
        const message = String((e as Error)?.message ?? e).split('\n')[0]!;
        fail(e instanceof RasterSizeError ? `--scale ${raw.scale}: ${message}` : `cannot draw the graph (${message})`);
      }
      if (raw.out === undefined) io.out(result as string);
      else write(raw.out, result, '--out');
    });
}
