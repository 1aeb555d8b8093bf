// StringFormat's and PrintV2's host kernels (core/kernels/string_format_op.cc, logging_ops.cc in TF1 r1.12), and
// Tensor::SummarizeValue with print_v2 true (framework/tensor.cc): NumPy-like nested brackets, `summarize` entries
// at each end of every dimension with "..." between, strings quoted.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { NDArray } from '../../framework/ndarray.js';
import type { HostKernel } from '../kernel.js';
import { element } from './logging.js';

/** PrintOneElement with print_v2: a string C-escaped in double quotes, a number as print_v2 false prints it. */
const elementV2 = (a: NDArray, i: number): string => (a.dtype === 'string' ? `"${element(a, i)}"` : element(a, i));

/** PrintDimSpacing: a space inside the innermost dimension; between outer ones a newline per inner dimension, then the indent. */
const spacing = (d: number, rank: number): string => (d === rank - 1 ? ' ' : '\n'.repeat(rank - d - 1) + ' '.repeat(d + 1));

/** Tensor::SummarizeValue(maxEntries, print_v2 = true). */
export function summarizeValueV2(a: NDArray, maxEntries: number): string {
  const n = a.size;
  const limit = Math.min(maxEntries < 0 ? n : maxEntries, n);
  const shape = a.shape;
  const rank = shape.length;
  if (rank === 0) {
    let out = '';
    for (let i = 0; i < limit; i++) out += (i > 0 ? ' ' : '') + elementV2(a, i);
    return n > limit ? `${out}...` : out;
  }
  // PrintOneDimV2: `limit` sub-arrays from each end of dimension d, "..." between when some are left out
  const dim = (d: number, at: number): string => {
    if (d === rank) return elementV2(a, at);
    const count = shape[d]!;
    let stride = 1;
    for (let k = d + 1; k < rank; k++) stride *= shape[k]!;
    let out = '[';
    for (let i = 0; i < limit && i < count; i++) out += (i > 0 ? spacing(d, rank) : '') + dim(d + 1, at + stride * i);
    if (count > 2 * limit) out += `${spacing(d, rank)}...`;
    for (let i = Math.max(limit, count - limit); i < count; i++) out += spacing(d, rank) + dim(d + 1, at + stride * i);
    return `${out}]`;
  };
  return dim(0, 0);
}

const UTF8 = new TextEncoder();

/** StringFormat: the template split at each placeholder, each input summarized between the pieces. */
const stringFormat: HostKernel<'StringFormat'> = ({ name, inputs, attrs, output }) => {
  const pieces = attrs.template.split(attrs.placeholder);
  if (pieces.length - 1 !== inputs.length) {
    throw new InvalidArgumentError(`num placeholders in template and num inputs must match: ${pieces.length - 1} vs. ${inputs.length}`, name);
  }
  let msg = pieces[0]!;
  inputs.forEach((x, i) => {
    msg += summarizeValueV2(x, attrs.summarize) + pieces[i + 1]!;
  });
  output(0, []).strings[0] = UTF8.encode(msg);
};

/** PrintV2's streams: what each writes through (TF1's std::cout, std::cerr, and LOG at the named level, which goes to stderr). */
const STREAMS: Readonly<Record<string, { write: (s: string) => void; level?: string }>> = {
  stdout: { write: (s) => console.log(s) },
  stderr: { write: (s) => console.error(s) },
  'log(info)': { write: (s) => console.error(s), level: 'I' },
  'log(warning)': { write: (s) => console.error(s), level: 'W' },
  'log(error)': { write: (s) => console.error(s), level: 'E' },
};

/** LOG's line prefix: the time, the level's letter and the writing kernel's file, as TF1's default logger prints it. */
function logPrefix(level: string): string {
  const d = new Date();
  const p = (x: number, w = 2): string => String(x).padStart(w, '0');
  const time = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds() * 1000, 6)}`;
  return `${time}: ${level} tensorflow/core/kernels/logging_ops.cc] `;
}

const UTF8_DECODE = new TextDecoder();

/** PrintV2: its one string scalar written as one line to its stream. */
const printV2: HostKernel<'PrintV2'> = ({ name, inputs, attrs }) => {
  const stream = STREAMS[attrs.output_stream];
  if (!stream) {
    throw new InvalidArgumentError(`Unknown output stream: ${attrs.output_stream}, Valid streams are: ${Object.keys(STREAMS).join(', ')}.`, name);
  }
  const x = inputs[0]!;
  if (x.shape.length !== 0) throw new InvalidArgumentError(`Input is expected to be scalar, but got [${x.shape.join(',')}]`, name);
  const text = UTF8_DECODE.decode(x.strings[0]!);
  stream.write(stream.level ? logPrefix(stream.level) + text : text);
};

/** The host kernels of StringFormat and PrintV2. */
export const PRINT_V2_KERNELS: { StringFormat: HostKernel<'StringFormat'>; PrintV2: HostKernel<'PrintV2'> } = {
  StringFormat: stringFormat,
  PrintV2: printV2,
};
