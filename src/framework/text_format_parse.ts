// The parser of protobuf's text format (text_format.ts has the printer and the overview): reads what TF1's Python
// and protoc write into a message of a protoc-gen-es descriptor.
import { create, type DescField, type DescMessage, type MessageShape, ScalarType } from '@bufbuild/protobuf';
import { ValueError } from './errors.js';
import { concatBytes } from './bytes.js';

type Obj = Record<string, unknown>;

type Token = { kind: 'id' | 'num' | 'str' | 'sym'; text: string; bytes?: Uint8Array; at: number };

const ESC: Record<string, number> = { n: 10, r: 13, t: 9, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63 };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re =
    /\s+|#[^\n]*|([A-Za-z_][\w.]*)|([-+]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[fF]?|inf(?:inity)?|nan)(?![\w.]))|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|([{}<>:[\],;/-]|\S)/giy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < src.length && (m = re.exec(src))) {
    const at = m.index;
    if (m[1] !== undefined) out.push({ kind: 'id', text: m[1], at });
    else if (m[2] !== undefined) out.push({ kind: 'num', text: m[2], at });
    else if (m[3] !== undefined) out.push({ kind: 'str', text: m[3], bytes: unEscape(m[3].slice(1, -1), at), at });
    else if (m[4] !== undefined) out.push({ kind: 'sym', text: m[4], at });
  }
  return out;
}

function unEscape(s: string, at: number): Uint8Array {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      const cp = s.codePointAt(i)!;
      if (cp < 128) bytes.push(cp);
      else {
        const ch = String.fromCodePoint(cp);
        bytes.push(...enc.encode(ch));
        i += ch.length - 1;
      }
      continue;
    }
    const e = s[++i]!;
    let m: RegExpMatchArray | null;
    if (e in ESC) bytes.push(ESC[e]!);
    else if ((m = /^[0-7]{1,3}/.exec(s.slice(i)))) {
      bytes.push(parseInt(m[0], 8) & 255);
      i += m[0].length - 1;
    } else if ((e === 'x' || e === 'X') && (m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1)))) {
      bytes.push(parseInt(m[0], 16));
      i += m[0].length;
    } else throw new ValueError(`text format: invalid escape \\${e} at ${at}`);
  }
  return new Uint8Array(bytes);
}

/** How deep messages may nest in text (protobuf's own default recursion limit): deeper input is a ValueError, not a stack overflow. */
export const MAX_TEXT_DEPTH = 100;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token | undefined {
    return this.toks[this.i];
  }
  private fail(what: string, at?: Token): never {
    const t = at ?? this.peek();
    throw new ValueError(`text format: ${what} ${t ? `at '${t.text}' (offset ${t.at})` : 'at the end'}`);
  }
  private take(sym?: string): Token {
    const t = this.peek();
    if (!t || (sym !== undefined && !(t.kind === 'sym' && t.text === sym))) this.fail(`expected ${sym ?? 'a token'}`);
    this.i++;
    return t;
  }
  private eat(sym: string): boolean {
    const t = this.peek();
    if (t?.kind === 'sym' && t.text === sym) return !!++this.i;
    return false;
  }

  message(desc: DescMessage, end: string | undefined): Obj {
    const init: Obj = {};
    while (!(end === undefined ? this.peek() === undefined : this.eat(end))) {
      const name = this.take();
      const f = name.kind === 'id' ? desc.fields.find((x) => x.name === name.text) : undefined;
      if (!f) this.fail(`no field ${name.text} in ${desc.typeName}`, name);
      const sub = f.fieldKind === 'message' || (f.fieldKind === 'list' && f.listKind === 'message') || f.fieldKind === 'map';
      const colon = this.eat(':');
      if (!colon && !sub) this.fail(`expected ':' after ${f.name}`);
      const one = (): unknown => (sub ? this.sub(f) : this.scalar(f));
      if (f.fieldKind === 'list' && this.eat('[')) {
        const list = (init[f.localName] ??= []) as unknown[];
        if (!this.eat(']')) {
          do list.push(one());
          while (this.eat(','));
          this.take(']');
        }
      } else if (f.fieldKind === 'list') ((init[f.localName] ??= []) as unknown[]).push(one());
      else if (f.fieldKind === 'map') {
        const entry = one() as { key?: unknown; value?: unknown };
        const map = (init[f.localName] ??= {}) as Obj;
        map[String(entry.key ?? (f.mapKey === ScalarType.STRING ? '' : 0))] =
          entry.value ?? (f.mapKind === 'message' ? {} : f.mapKind === 'scalar' ? defaultOf(f.scalar) : 0);
      } else if (f.oneof) init[f.oneof.localName] = { case: f.localName, value: one() };
      else init[f.localName] = one();
      if (!this.eat(';')) this.eat(',');
    }
    return init;
  }

  private sub(f: DescField): unknown {
    const open = this.take();
    if (open.kind !== 'sym' || (open.text !== '{' && open.text !== '<')) this.fail(`expected '{' for ${f.name}`);
    const end = open.text === '{' ? '}' : '>';
    if (++this.depth > MAX_TEXT_DEPTH) this.fail(`messages nest more than ${MAX_TEXT_DEPTH} deep`, open);
    try {
      return this.subBody(f, end);
    } finally {
      this.depth--;
    }
  }

  private subBody(f: DescField, end: string): unknown {
    if (f.fieldKind === 'map') {
      const entry: Obj = {};
      while (!this.eat(end)) {
        const k = this.take();
        this.eat(':');
        if (k.text === 'key') entry.key = scalarValue(f.mapKey, this.take(), (w) => this.fail(w));
        else if (k.text === 'value' && f.mapKind === 'message')
          entry.value = this.sub({ ...f, fieldKind: 'message', message: f.message } as unknown as DescField);
        else if (k.text === 'value')
          entry.value = f.mapKind === 'enum' ? enumValue(f, this.take(), (w) => this.fail(w)) : scalarValue(f.scalar!, this.take(), (w) => this.fail(w));
        else this.fail(`no field ${k.text} in a map entry`);
        if (!this.eat(';')) this.eat(',');
      }
      return entry;
    }
    const desc = (f as { message?: DescMessage }).message!;
    return this.message(desc, end);
  }

  private scalar(f: DescField): unknown {
    const t = this.take();
    const isEnum = f.fieldKind === 'enum' || (f.fieldKind === 'list' && f.listKind === 'enum');
    if (isEnum) return enumValue(f, t, (w) => this.fail(w));
    let tok = t;
    if (t.kind === 'sym' && t.text === '-') tok = { ...this.take(), text: `-${this.toks[this.i - 1]!.text}` };
    if (tok.kind === 'str') {
      // Adjacent strings concatenate.
      const parts = [tok.bytes!];
      while (this.peek()?.kind === 'str') parts.push(this.take().bytes!);
      tok = { ...tok, bytes: concatBytes(parts) };
    }
    return scalarValue((f as { scalar: ScalarType }).scalar, tok, (w) => this.fail(w));
  }
}

function defaultOf(t: ScalarType | undefined): unknown {
  if (t === ScalarType.STRING) return '';
  if (t === ScalarType.BYTES) return new Uint8Array(0);
  if (t === ScalarType.BOOL) return false;
  return t === ScalarType.INT64 || t === ScalarType.UINT64 || t === ScalarType.SINT64 || t === ScalarType.FIXED64 || t === ScalarType.SFIXED64 ? 0n : 0;
}

function enumValue(f: DescField, t: Token, fail: (what: string) => never): number {
  const e = (f as { enum?: { values: { name: string; number: number }[] } }).enum!;
  if (t.kind === 'num' && /^-?\d+$/.test(t.text)) return Number(t.text);
  const v = t.kind === 'id' ? e.values.find((x) => x.name === t.text) : undefined;
  return v ? v.number : fail(`unknown enum value for ${f.name}:`);
}

function scalarValue(type: ScalarType, t: Token, fail: (what: string) => never): unknown {
  switch (type) {
    case ScalarType.STRING:
    case ScalarType.BYTES:
      if (t.kind !== 'str') fail('expected a string');
      return type === ScalarType.BYTES ? t.bytes! : new TextDecoder().decode(t.bytes!);
    case ScalarType.BOOL:
      if (/^(true|t|1)$/i.test(t.text)) return true;
      if (/^(false|f|0)$/i.test(t.text)) return false;
      return fail('expected a bool');
    case ScalarType.FLOAT:
    case ScalarType.DOUBLE: {
      const s = t.text.toLowerCase().replace(/([\d.])f$/, '$1');
      const x = /^[-+]?inf(inity)?$/.test(s) ? (s.startsWith('-') ? -Infinity : Infinity) : /^[-+]?nan$/.test(s) ? NaN : Number(s);
      if (Number.isNaN(x) && !/nan$/.test(s)) fail('expected a number');
      return type === ScalarType.FLOAT ? Math.fround(x) : x;
    }
    default: {
      if (t.kind !== 'num' || !/^[-+]?(0[xX][0-9a-fA-F]+|\d+)$/.test(t.text)) fail('expected an integer');
      const neg = t.text.startsWith('-');
      const big = BigInt(t.text.replace(/^[-+]/, '')) * (neg ? -1n : 1n);
      const is64 = defaultOf(type) === 0n;
      return is64 ? big : Number(big);
    }
  }
}

/** Parses protobuf's text format into a message of `desc` (TF1's `text_format.Parse`); ValueError on bad input. */
export function fromText<D extends DescMessage>(desc: D, text: string): MessageShape<D> {
  const init = new Parser(tokenize(text)).message(desc, undefined);
  return create(desc, init as never);
}
