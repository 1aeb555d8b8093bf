// tf.print as TF1 r1.12's logging_ops.print_v2 builds it: the inputs' tensor-free structure printed as Python's
// pprint prints it (pformat.ts), a placeholder where each tensor goes, one StringFormat op that summarizes the
// tensors into that template, and a PrintV2 op that writes the string to its stream when it runs.
import { isPlainObject, parseArgs, signed, opt } from '../framework/args.js';
import { ValueError } from '../framework/errors.js';
import type { Operation } from '../graph/operation.js';
import { Tensor } from '../graph/tensor.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { INT, isVariable, STR } from './kinds.js';
import { flatten, map_structure, pack_sequence_as } from './nest.js';
import { pformat } from './pformat.js';
import { string_format } from './string_ops.js';

/** Python's `random.Random(5).randint(0, 9)`, its first draws: the digits r1.12 appends to '{}' until the template lacks it. */
const PLACEHOLDER_DIGITS = '9458073021573681930364262129972200332245383236405622415499095145';

/** logging_ops._generate_placeholder_string: '{}', lengthened by those digits while it occurs in `template`. */
export function placeholderFor(template: string, placeholder = '{}'): string {
  // past the 64 digits (a template that holds all of '{}9458...' is not one a program writes) they repeat
  for (let i = 0; template.includes(placeholder); i++) placeholder += PLACEHOLDER_DIGITS[i % PLACEHOLDER_DIGITS.length]!;
  return placeholder;
}

/** The streams tf.print takes by name: sys.stdout and sys.stderr, and tf.logging's levels and functions by their names. */
const OUTPUT_STREAMS: Readonly<Record<string, string>> = {
  stdout: 'stdout',
  stderr: 'stderr',
  INFO: 'log(info)',
  info: 'log(info)',
  WARN: 'log(warning)',
  warn: 'log(warning)',
  warning: 'log(warning)',
  ERROR: 'log(error)',
  error: 'log(error)',
};

const PRINT = [opt('output_stream', STR), opt('summarize', INT), opt('name', STR)] as const;
const KEYWORDS: ReadonlySet<string> = new Set(PRINT.map((p) => p.name));

/** tensor_util.is_tensor: a Tensor or a Variable (a dense tensor-like). */
const isTensor = (x: unknown): boolean => x instanceof Tensor || isVariable(x);

/**
 * `tf.print(...inputs, { output_stream, summarize, name })`: an op that, when run, writes the inputs on one line
 * to `output_stream` ('stderr' by default; 'stdout'; or a log level by tf.logging's name, 'info', 'warning',
 * 'error'): strings as they are, other values and structures (arrays, plain objects) as Python's pprint prints
 * them, each tensor as Tensor::SummarizeValue prints it with `summarize` (3) entries at each end of each dimension.
 * A trailing plain object whose keys are all among these three is the options: to print such a dict last, pass
 * options (`{}`) after it.
 */
export const print = signed(
  function print(...args: unknown[]): Operation {
    const last = args[args.length - 1];
    const isKw = isPlainObject(last) && Object.keys(last).every((k) => KEYWORDS.has(k));
    const kw: { output_stream?: string | null; summarize?: number | null; name?: string | null } = isKw ? parseArgs('print', PRINT, [last]) : {};
    const inputs = isKw ? args.slice(0, -1) : args;
    const stream = kw.output_stream ?? 'stderr';
    const outputStream = OUTPUT_STREAMS[stream];
    if (!outputStream) {
      throw new ValueError(
        `Unsupported output stream or logging level ${stream}. Supported streams are sys.stdout, sys.stderr, tf.logging.info, tf.logging.warning, tf.logging.error`,
      );
    }
    const name = kw.name ?? null;
    const g = graphOf(flatten<unknown>(inputs).filter(isTensor));
    return g.as_default(() => {
      const only = inputs[0];
      let formatted: Tensor;
      if (inputs.length === 1 && only instanceof Tensor && only.dtype === 'string' && only.shape.is_fully_defined() && only.shape.ndims === 0) {
        // a single string scalar is printed as it is, with no StringFormat
        formatted = only;
      } else {
        const tensorFree = inputs.map((x) => map_structure((leaf: unknown) => (isTensor(leaf) ? '' : leaf), x));
        const placeholder = placeholderFor(tensorFree.map(pformat).join(' '));
        const tensors: TensorLike[] = [];
        const templates = inputs.map((input) => {
          const placeholders = flatten<unknown>(input).map((x) => {
            if (!isTensor(x)) return x;
            tensors.push(x as TensorLike);
            return placeholder;
          });
          return typeof input === 'string' ? input : pformat(pack_sequence_as(input, placeholders));
        });
        // a tensor's place is the placeholder itself, not the string pformat quoted
        const template = templates.join(' ').replaceAll(`'${placeholder}'`, placeholder);
        formatted = string_format(
          template,
          tensors.map((t) => toTensor(t)),
          {
            placeholder,
            summarize: kw.summarize ?? 3,
            name: name === null ? null : `${name}_format`,
          },
        );
      }
      return g.create_op('PrintV2', [formatted], { output_stream: outputStream }, name ?? 'PrintV2');
    });
  },
  'print',
  PRINT,
);
