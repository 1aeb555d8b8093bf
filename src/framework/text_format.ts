// Protobuf's text format (`graph.pbtxt`, Python's `str(message)` and `text_format.Parse`) for the messages
// protoc-gen-es generates, driven by their descriptors: @bufbuild/protobuf has no text format, and no maintained
// npm package provides one for it. The printer writes what TF1's Python (protobuf 3.6, TF r1.12's) writes: fields
// by number, proto3 defaults left out, map entries sorted by key, strings and bytes C-escaped (octal for bytes
// outside printable ASCII), floats as Python's repr of the value. The parser reads that and protoc's own output.
// test/framework/text_format.test.ts checks both against `protoc --encode/--decode`, the independent reference.
import { type DescField, type DescMessage, type MessageShape, ScalarType } from '@bufbuild/protobuf';

export { fromText, MAX_TEXT_DEPTH } from './text_format_parse.js';

type Obj = Record<string, unknown>;

/** Python's `repr` of a float: the shortest digits that round-trip, in fixed notation for exponents -4..15. */
function pyRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const e = Number(exp);
  let s: string;
  if (e >= -4 && e < 16) {
    if (e < 0) s = `0.${'0'.repeat(-e - 1)}${digits}`;
    else if (e + 1 >= digits.length) s = `${digits}${'0'.repeat(e + 1 - digits.length)}.0`;
    else s = `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  } else s = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return x < 0 ? `-${s}` : s;
}

/** Protobuf's CEscape: printable ASCII as is, `\n \r \t \" \' \\`, every other byte as three octal digits. */
function cEscape(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === 10) out += '\\n';
    else if (b === 13) out += '\\r';
    else if (b === 9) out += '\\t';
    else if (b === 34) out += '\\"';
    else if (b === 39) out += "\\'";
    else if (b === 92) out += '\\\\';
    else if (b >= 32 && b < 127) out += String.fromCharCode(b);
    else out += `\\${b.toString(8).padStart(3, '0')}`;
  }
  return out;
}

function scalarText(t: ScalarType, v: unknown): string {
  switch (t) {
    case ScalarType.STRING:
      return `"${cEscape(new TextEncoder().encode(v as string))}"`;
    case ScalarType.BYTES:
      return `"${cEscape(v as Uint8Array)}"`;
    case ScalarType.BOOL:
      return v ? 'true' : 'false';
    case ScalarType.FLOAT:
    case ScalarType.DOUBLE:
      return pyRepr(v as number);
    default:
      return String(v);
  }
}

function isDefault(v: unknown): boolean {
  return v === 0 || v === 0n || v === false || v === '' || (v instanceof Uint8Array && v.length === 0);
}

/** The fields of `msg` that are set, in field-number order, with their values. */
function setFields(desc: DescMessage, msg: Obj): [DescField, unknown][] {
  const out: [DescField, unknown][] = [];
  for (const f of [...desc.fields].sort((a, b) => a.number - b.number)) {
    if (f.oneof) {
      const o = msg[f.oneof.localName] as { case?: string; value?: unknown };
      if (o.case === f.localName) out.push([f, o.value]);
      continue;
    }
    const v = msg[f.localName];
    if (
      f.fieldKind === 'list'
        ? (v as unknown[]).length > 0
        : f.fieldKind === 'map'
          ? Object.keys(v as Obj).length > 0
          : f.fieldKind === 'message'
            ? v !== undefined
            : !isDefault(v)
    )
      out.push([f, v]);
  }
  return out;
}

function enumText(f: DescField, v: number): string {
  const e = f.fieldKind === 'enum' || (f.fieldKind === 'list' && f.listKind === 'enum') || (f.fieldKind === 'map' && f.mapKind === 'enum') ? f.enum : undefined;
  return e?.value[v]?.name ?? String(v);
}

function printMessage(desc: DescMessage, msg: Obj, indent: string, out: string[]): void {
  const one = (f: DescField, name: string, v: unknown, ind: string, sub: DescMessage | undefined, isEnum: boolean, scalar: ScalarType | undefined): void => {
    if (sub) {
      out.push(`${ind}${name} {`);
      printMessage(sub, v as Obj, `${ind}  `, out);
      out.push(`${ind}}`);
    } else out.push(`${ind}${name}: ${isEnum ? enumText(f, v as number) : scalarText(scalar!, v)}`);
  };
  for (const [f, v] of setFields(desc, msg)) {
    switch (f.fieldKind) {
      case 'scalar':
        one(f, f.name, v, indent, undefined, false, f.scalar);
        break;
      case 'enum':
        one(f, f.name, v, indent, undefined, true, undefined);
        break;
      case 'message':
        one(f, f.name, v, indent, f.message, false, undefined);
        break;
      case 'list':
        for (const x of v as unknown[]) one(f, f.name, x, indent, f.listKind === 'message' ? f.message : undefined, f.listKind === 'enum', f.scalar);
        break;
      case 'map': {
        const str = f.mapKey === ScalarType.STRING;
        const keys = Object.keys(v as Obj).sort((a, b) => (str ? (a < b ? -1 : a > b ? 1 : 0) : Number(a) - Number(b)));
        for (const k of keys) {
          out.push(`${indent}${f.name} {`);
          out.push(`${indent}  key: ${str ? scalarText(ScalarType.STRING, k) : k}`);
          const x = (v as Obj)[k];
          if (f.mapKind === 'message') one(f, 'value', x, `${indent}  `, f.message, false, undefined);
          else if (!isDefault(x)) one(f, 'value', x, `${indent}  `, undefined, f.mapKind === 'enum', f.scalar);
          out.push(`${indent}}`);
        }
      }
    }
  }
}

/** The message in protobuf's text format, as TF1's Python writes it (`str(graph_def)`, `write_graph(as_text=True)`). */
export function toText<D extends DescMessage>(desc: D, msg: MessageShape<D>): string {
  const out: string[] = [];
  printMessage(desc, msg as unknown as Obj, '', out);
  return out.map((l) => `${l}\n`).join('');
}
