// The drawing canvas's preprocessing (web/src/mnistify.ts), checked in Node: a digit is cropped, scaled into
// MNIST's 20×20 box and centred by its centre of mass, wherever and however large it was drawn.
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { BOX, boundingBox, centreOfMass, FIELD, mnistify, resampleArea, shrinkOnly, type InkImage } from '../../web/src/mnistify.js';

/** A 280×280 canvas with ink in the given rectangles. */
function canvas(rects: { x: number; y: number; w: number; h: number }[], size = 280): InkImage {
  const data = new Float32Array(size * size);
  for (const r of rects) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) data[y * size + x] = 1;
  return { width: size, height: size, data };
}
const field = (data: Float32Array): InkImage => ({ width: FIELD, height: FIELD, data });

describe('mnistify', () => {
  test('a blank canvas gives 784 zeros', () => {
    const out = mnistify(canvas([]));
    expect(out.length).toBe(784);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  // An "L"-ish shape: two bars, so its centre of mass is off its bounding box's centre.
  const shape = (x: number, y: number, s: number) => [
    { x, y, w: 3 * s, h: 20 * s },
    { x, y: y + 17 * s, w: 12 * s, h: 3 * s },
  ];

  fcTest.prop([fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 50 })])(
    'where the digit was drawn does not matter',
    (x1, y1, x2, y2) => {
      const a = mnistify(canvas(shape(x1, y1 + 100, 4)));
      const b = mnistify(canvas(shape(x2, y2 + 150, 4)));
      expect(Array.from(b)).toEqual(Array.from(a));
    },
  );

  fcTest.prop([fc.integer({ min: 2, max: 11 })])('its longer side becomes 20 pixels and its centre of mass sits at the centre', (s) => {
    const out = field(mnistify(canvas(shape(10, 10, s))));
    const box = boundingBox(out, 0)!;
    expect(Math.max(box.x1 - box.x0, box.y1 - box.y0)).toBe(BOX);
    const com = centreOfMass(out)!;
    expect(Math.abs(com.x - FIELD / 2)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - FIELD / 2)).toBeLessThanOrEqual(0.5);
  });

  test('drawn at twice the size it comes out nearly the same', () => {
    const small = mnistify(canvas(shape(20, 20, 5)));
    const large = mnistify(canvas(shape(20, 20, 10)));
    const diff = small.reduce((s, v, i) => s + Math.abs(v - large[i]!), 0);
    const ink = small.reduce((s, v) => s + v, 0);
    expect(diff / ink).toBeLessThan(0.05);
  });

  test('a thin 1 keeps its aspect ratio: 20 pixels tall, a few wide', () => {
    const out = field(mnistify(canvas([{ x: 5, y: 40, w: 20, h: 200 }])));
    const box = boundingBox(out, 0)!;
    expect(box.y1 - box.y0).toBe(20);
    expect(box.x1 - box.x0).toBeLessThanOrEqual(3);
  });
});

describe('shrinkOnly', () => {
  test('a 1 drawn at the far left stays at the far left (what the article asks about)', () => {
    const out = field(shrinkOnly(canvas([{ x: 5, y: 40, w: 20, h: 200 }])));
    const box = boundingBox(out, 0)!;
    expect(box.x0).toBe(0);
    expect(box.x1).toBeLessThanOrEqual(3);
  });
});

describe('resampleArea', () => {
  fcTest.prop([fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 })])(
    'keeps the total ink, scaled by the change in area',
    (sw, sh, w, h) => {
      const data = Float32Array.from({ length: sw * sh }, (_, i) => ((i * 7919) % 13) / 12);
      const out = resampleArea({ width: sw, height: sh, data }, { x0: 0, y0: 0, x1: sw, y1: sh }, w, h);
      const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);
      expect((sum(out.data) * (sw * sh)) / (w * h)).toBeCloseTo(sum(data), 3);
    },
  );
});
