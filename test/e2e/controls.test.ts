// The page's form rules (web/src/controls.ts), checked in Node: good values pass, nonsense gets a message naming the field.
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { ARTICLE_VALUES, evalEveryFor, frameSizes, LIMITS, parseField, parseHyperparameters, type HyperName } from '../../web/src/controls.js';

const asText = (v: typeof ARTICLE_VALUES): Record<HyperName, string> =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) as Record<HyperName, string>;

describe('parseHyperparameters', () => {
  test("accepts the article's values", () => {
    expect(parseHyperparameters(asText(ARTICLE_VALUES))).toEqual({ ok: true, values: ARTICLE_VALUES });
  });

  test('reports every bad field at once, each message naming its field', () => {
    const r = parseHyperparameters({ TRAIN_SIZE: 'lots', TEST_SIZE: '0', LEARNING_RATE: '-0.1', TRAIN_STEPS: '2.5' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const name of Object.keys(LIMITS) as HyperName[]) expect(r.errors[name]).toContain(name);
  });
});

describe('parseField', () => {
  const nonsense: [HyperName, string][] = [
    ['TRAIN_SIZE', ''],
    ['TRAIN_SIZE', 'abc'],
    ['TRAIN_SIZE', '-5'],
    ['TRAIN_SIZE', '0'],
    ['TRAIN_SIZE', '55001'],
    ['TRAIN_SIZE', '1.5'],
    ['TRAIN_SIZE', '1e3'],
    ['TEST_SIZE', '10001'],
    ['TEST_SIZE', 'NaN'],
    ['LEARNING_RATE', '0'],
    ['LEARNING_RATE', '-1'],
    ['LEARNING_RATE', 'Infinity'],
    ['LEARNING_RATE', '1e400'],
    ['LEARNING_RATE', '0x10'],
    ['LEARNING_RATE', '101'],
    ['LEARNING_RATE', '.'],
    ['TRAIN_STEPS', '-1'],
    ['TRAIN_STEPS', '100001'],
  ];
  test.each(nonsense)('%s rejects %j with a message', (name, text) => {
    const r = parseField(name, text);
    expect('error' in r && r.error).toMatch(new RegExp(`^${name} `));
  });

  test.each([
    ['0.5', 0.5],
    ['.5', 0.5],
    ['1e-3', 0.001],
    [' 0.1 ', 0.1],
    ['100', 100],
  ] as const)('LEARNING_RATE accepts %j', (text, v) => {
    expect(parseField('LEARNING_RATE', text)).toEqual({ value: v });
  });

  fcTest.prop([fc.constantFrom<HyperName>('TRAIN_SIZE', 'TEST_SIZE', 'TRAIN_STEPS'), fc.integer({ min: -10, max: 200000 })])(
    'a whole-number field accepts exactly the integers in its range',
    (name, v) => {
      const { min, max } = LIMITS[name];
      const r = parseField(name, String(v));
      if (v >= min && v <= max) expect(r).toEqual({ value: v });
      else expect(r).toHaveProperty('error');
    },
  );
});

test('evalEveryFor measures every 100 steps on long runs and ~25 times on short ones', () => {
  expect(evalEveryFor(2500)).toBe(100);
  expect(evalEveryFor(100)).toBe(4);
  expect(evalEveryFor(10)).toBe(1);
  expect(evalEveryFor(0)).toBe(1);
});

test('frameSizes runs from one example up to TRAIN_SIZE, ascending, ending at TRAIN_SIZE', () => {
  for (const size of [1, 7, 100, 5500]) {
    const sizes = frameSizes(size);
    expect(sizes[0]).toBe(1);
    expect(sizes.at(-1)).toBe(size);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeGreaterThan(sizes[i - 1]!);
  }
});
