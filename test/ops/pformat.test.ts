// tf.print's pprint.pformat (src/ops/pformat.ts) against what Python 3's pprint.pformat prints for the same values.
import { describe, expect, it } from 'vitest';
import { pformat } from '../../src/ops/pformat.js';
import { placeholderFor } from '../../src/ops/print_ops.js';

describe("pformat: Python's pprint.pformat on one line", () => {
  it("quotes strings as Python's repr does: single quotes unless the string holds one and no double quote", () => {
    expect(pformat("it's")).toBe(`"it's"`);
    expect(pformat('a"b')).toBe(`'a"b'`);
    expect(pformat(`both'"`)).toBe(`'both\\'"'`);
    expect(pformat('tab\tnl\n\\')).toBe("'tab\\tnl\\n\\\\'");
    expect(pformat('\x01')).toBe("'\\x01'");
  });

  it("prints floats as Python's repr (exponent below 1e-4 and from 1e16), integral values as ints", () => {
    expect([1e-5, 0.1, 1e16, 2.5e-7, -0.5, 23].map(pformat)).toEqual(['1e-05', '0.1', '1e+16', '2.5e-07', '-0.5', '23']);
  });

  it('prints arrays as lists, plain objects as dicts with sorted keys, null as None, booleans as True/False', () => {
    expect(pformat([1, 'x', null, true])).toBe("[1, 'x', None, True]");
    expect(pformat({ b: 1, a: [2.5, { z: 'q' }] })).toBe("{'a': [2.5, {'z': 'q'}], 'b': 1}");
  });
});

describe("pformat: pprint's wrapping of lists and dicts wider than 80 columns (Python 3's outputs)", () => {
  it('puts one item a line, indented past the bracket, and nested ones past their key', () => {
    expect(pformat(Array(20).fill('{}'))).toBe(`[${Array(20).fill("'{}'").join(',\n ')}]`);
    const nested = pformat({ alpha_long_key_name: Array(12).fill('{}'), b: { cc: 'x'.repeat(40), dd: ['{}', 1, 2.5] } });
    expect(nested).toBe(
      `{'alpha_long_key_name': [${Array(12)
        .fill("'{}'")
        .join(`,\n${' '.repeat(25)}`)}],\n 'b': {'cc': '${'x'.repeat(40)}', 'dd': ['{}', 1, 2.5]}}`,
    );
    const ten = `[${Array(10).fill("'{}'").join(', ')}]`;
    expect(pformat([Array(10).fill('{}'), Array(10).fill('{}'), 'short'])).toBe(`[${ten},\n ${ten},\n 'short']`);
  });
});

describe('placeholderFor: logging_ops._generate_placeholder_string', () => {
  it("appends random.Random(5).randint(0, 9)'s digits (9, 4, 5, 8, ...) while the template holds the placeholder", () => {
    expect(placeholderFor('abc')).toBe('{}');
    expect(placeholderFor("'{}'")).toBe('{}9');
    expect(placeholderFor('{}9 {}94 {}945')).toBe('{}9458');
  });
});
