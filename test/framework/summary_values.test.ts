// The Summary values TF1's summary kernels make: TF's histogram buckets (histogram.cc), scalars, PNG images with
// TF's float normalization and tags, text as a string tensor with the text plugin's metadata.
import { toBinary } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { decodePng } from '../../src/tutorial/figures_node.js';
import { describe, expect, it } from 'vitest';
import { DataType } from '../../src/framework/proto/tensorflow/core/framework/types_pb.js';
import { SummarySchema } from '../../src/framework/proto/tensorflow/core/framework/summary_pb.js';
import { DEFAULT_BUCKET_LIMITS, Histogram } from '../../src/framework/summary/histogram.js';
import { histogramValue, scalarValue, summaryOf, textValue } from '../../src/framework/summary/values.js';
import { imageValues, normalizeFloatImage } from '../../src/framework/summary/image.js';
import { InvalidArgumentError } from '../../src/framework/errors.js';
import { HAS_PROTOC, NO_PROTOC, protocDecode } from '../helpers/protoc.js';

const L = DEFAULT_BUCKET_LIMITS;
const DBL_MAX = Number.MAX_VALUE;

describe("TF's histogram (histogram.cc)", () => {
  it('has the default limits: ±1e-12 growing by 10% up to 1e20, then ±DBL_MAX, around 0', () => {
    expect(L).toHaveLength(1551);
    expect(L[0]).toBe(-DBL_MAX);
    expect(L[775]).toBe(0);
    expect(L[776]).toBe(1e-12);
    expect(L[777]).toBe(1e-12 * 1.1);
    expect(L[1549]).toBeLessThan(1e20);
    expect(L[1549]! * 1.1).toBeGreaterThanOrEqual(1e20);
    expect(L[1550]).toBe(DBL_MAX);
    for (let i = 1; i < L.length; i++) expect(L[i]).toBeGreaterThan(L[i - 1]!);
    for (let i = 0; i < 775; i++) expect(L[i]).toBe(-L[1550 - i]!);
  });

  it('encodes the empty histogram as one empty bucket up to DBL_MAX, min DBL_MAX and max -DBL_MAX (Clear)', () => {
    const p = new Histogram().encode();
    expect({ min: p.min, max: p.max, num: p.num, sum: p.sum, bucketLimit: p.bucketLimit, bucket: p.bucket }).toEqual({
      min: DBL_MAX,
      max: -DBL_MAX,
      num: 0,
      sum: 0,
      bucketLimit: [DBL_MAX],
      bucket: [0],
    });
  });

  it('counts a value in the first bucket whose limit is above it, collapsing the empty runs around it (SingleValue)', () => {
    const h = new Histogram();
    h.add(-3.0);
    const p = h.encode();
    const b = L.findIndex((x) => x > -3.0);
    expect(p.bucketLimit).toEqual([L[b - 1], L[b], DBL_MAX]);
    expect(p.bucket).toEqual([0, 1, 0]);
    expect([p.min, p.max, p.num, p.sum, p.sumSquares]).toEqual([-3, -3, 1, -3, 9]);
    // A value on a limit goes to the next bucket (upper_bound), and 0 to the bucket above 0.
    const z = new Histogram();
    z.add(0);
    expect(z.encode().bucketLimit).toEqual([0, 1e-12, DBL_MAX]);
  });

  it('keeps every value: counts sum to num, nonzero buckets kept, no two empty buckets in a row (CustomBuckets too)', () => {
    const custom = new Histogram([-10, -5, 0, 5, 10, 100, 1000, 10000, DBL_MAX]);
    for (const v of [-3.0, 4.99, 5.0, 1000.0]) custom.add(v);
    const c = custom.encode();
    expect(c.bucketLimit).toEqual([-5, 0, 5, 10, 1000, 10000, DBL_MAX]);
    expect(c.bucket).toEqual([0, 1, 1, 1, 0, 1, 0]);
    expect(custom.encode(true).bucket).toEqual([0, 0, 1, 1, 1, 0, 0, 1, 0]);
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }), { maxLength: 50 }), (xs) => {
        const h = new Histogram();
        for (const x of xs) h.add(x);
        const p = h.encode();
        expect(p.bucket.reduce((a, b) => a + b, 0)).toBe(xs.length);
        expect(p.num).toBe(xs.length);
        for (let i = 1; i < p.bucket.length; i++) expect(p.bucket[i] === 0 && p.bucket[i - 1] === 0).toBe(false);
        for (const x of xs) {
          const i = p.bucketLimit.findIndex((l) => l > x);
          expect(p.bucket[i]).toBeGreaterThan(0);
        }
      }),
    );
  });

  it("refuses NaN and infinities with HistogramSummary's InvalidArgumentError", () => {
    expect(() => histogramValue('h', [1, Number.NaN], 'HistogramSummary')).toThrow(
      new InvalidArgumentError('Nan in summary histogram for: HistogramSummary', 'HistogramSummary'),
    );
    expect(() => histogramValue('h', [Number.POSITIVE_INFINITY], 'HistogramSummary')).toThrow(
      new InvalidArgumentError('Infinity in summary histogram for: HistogramSummary', 'HistogramSummary'),
    );
    const v = histogramValue('h', new Float32Array([0.1, 0.1]));
    expect(v.value.case === 'histo' && v.value.value.num).toBe(2);
  });
});

describe('summary values', () => {
  it.skipIf(!HAS_PROTOC)(`scalar and text values decode with protoc as TF writes them (${HAS_PROTOC ? 'protoc found' : NO_PROTOC})`, () => {
    const s = summaryOf([scalarValue('loss', 0.1), textValue('note', ['hello'])]);
    expect(protocDecode('tensorflow.Summary', toBinary(SummarySchema, s))).toBe(
      [
        'value {',
        '  tag: "loss"',
        '  simple_value: 0.1',
        '}',
        'value {',
        '  tag: "note"',
        '  tensor {',
        '    dtype: DT_STRING',
        '    tensor_shape {',
        '    }',
        '    string_val: "hello"',
        '  }',
        '  metadata {',
        '    plugin_data {',
        '      plugin_name: "text"',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const t = textValue('lines', ['a', 'b']);
    expect(t.value.case === 'tensor' && [t.value.value.dtype, t.value.value.tensorShape?.dim.map((d) => d.size)]).toEqual([DataType.DT_STRING, [2n]]);
  });

  it("normalizes float images as TF's NormalizeFloatImage, non-finite pixels in the bad color", () => {
    expect([...normalizeFloatImage(new Float32Array([0, 0.5, 1]), 1)]).toEqual([0, 127, 255]);
    expect([...normalizeFloatImage(new Float32Array([-1, 0, 1]), 1)]).toEqual([1, 128, 255]);
    expect([...normalizeFloatImage(new Float32Array([0, 0, 0]), 1)]).toEqual([0, 0, 0]);
    expect([...normalizeFloatImage(new Float32Array([1, 2, 3, Number.NaN, 0, 0]), 3)]).toEqual([85, 170, 255, 255, 0, 0]);
  });

  it('encodes images as PNGs that decode to the pixels, tagged tag/image or tag/image/<i> by max_images', () => {
    const data = new Uint8Array(2 * 2 * 3 * 3).map((_, i) => i * 7);
    const one = imageValues('img', { shape: [2, 2, 3, 3], data }, 1);
    expect(one.map((v) => v.tag)).toEqual(['img/image']);
    const two = imageValues('img', { shape: [2, 2, 3, 3], data });
    expect(two.map((v) => v.tag)).toEqual(['img/image/0', 'img/image/1']);
    for (const [i, v] of two.entries()) {
      if (v.value.case !== 'image') throw new Error('not an image');
      const im = v.value.value;
      expect([im.height, im.width, im.colorspace]).toEqual([2, 3, 3]);
      const png = decodePng(im.encodedImageString);
      const rgb = [...png.data].filter((_, k) => k % 4 !== 3);
      expect(rgb).toEqual([...data.subarray(i * 18, (i + 1) * 18)]);
    }
    const gray = imageValues('g', { shape: [1, 1, 2, 1], data: new Float32Array([0, 2]) }, 1);
    if (gray[0]!.value.case !== 'image') throw new Error('not an image');
    expect([...decodePng(gray[0]!.value.value.encodedImageString).data]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect(() => imageValues('bad', { shape: [1, 1, 1, 5], data: new Uint8Array(5) })).toThrow(InvalidArgumentError);
    expect(() => imageValues('bad', { shape: [1, 1, 1, 4], data: new Float32Array(4) }, 3, [255, 0, 0])).toThrow(
      'expected depth <= bad_color.size, got depth = 4, bad_color.size = 3',
    );
    expect(() => imageValues('bad', { shape: [1, 0, 1, 1], data: new Float32Array(0) })).toThrow('input tensor must have non-zero dims. Found: [1, 0, 1, 1].');
  });

  it("writes compressed 8-bit PNGs with the image's own channels (colour types 0, 2, 6)", () => {
    const px = new Uint8Array(300 * 250 * 4).map((_, i) => (i * 31) % 251);
    for (const [channels, colorType] of [
      [1, 0],
      [3, 2],
      [4, 6],
    ] as const) {
      const v = imageValues('c', { shape: [1, 250, 300, channels], data: px.subarray(0, 300 * 250 * channels) }, 1)[0]!;
      if (v.value.case !== 'image') throw new Error('not an image');
      const png = v.value.value.encodedImageString;
      // IHDR: bit depth 8 at byte 24, colour type at 25
      expect([png[24], png[25]]).toEqual([8, colorType]);
      const d = decodePng(png);
      expect([d.width, d.height]).toEqual([300, 250]);
      const back = [...d.data].filter((_, k) => (channels === 4 ? true : channels === 3 ? k % 4 !== 3 : k % 4 === 0));
      expect(Buffer.from(back).equals(Buffer.from(px.subarray(0, 300 * 250 * channels)))).toBe(true);
    }
  });
});
