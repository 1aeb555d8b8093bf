// tf.summary.image and tf.summary.audio: r1.12's python/summary/summary_test.py (testImageSummary*,
// testAudioSummary*), python/kernel_tests/summary_image_op_test.py, summary_audio_op_test.py and
// core/kernels/summary_image_op_test.cc. numpy's random draws are not reproducible here: the same shapes and checks
// on values from a seeded generator. PNGs are decoded with fast-png, WAVs by reading their 44-byte header and samples.
import { fromBinary } from '@bufbuild/protobuf';
import { decodePng } from '../../src/tutorial/figures_node.js';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { InvalidArgumentError } from '../../src/framework/errors.js';
import { SummarySchema } from '../../src/framework/proto/tensorflow/core/framework/summary_pb.js';

const parse = (a: tf.NDArray) => fromBinary(SummarySchema, a.strings[0]!);

/** A seeded uniform [0, 1) generator (mulberry32) and standard normals from it. */
function rng(seed: number): { uniform: () => number; normal: () => number } {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** Runs `build` in a fresh graph and returns the Summary its tensor evaluates to. */
async function runSummary(build: () => tf.Tensor) {
  const g = new tf.Graph();
  const s = g.as_default(build);
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    return { op: s, summary: parse(await sess.run(s)) };
  } finally {
    sess.close();
  }
}

const imageOf = (v: { value: { case: string | undefined; value?: unknown } }) => {
  if (v.value.case !== 'image') throw new Error('not an image');
  return v.value.value as { height: number; width: number; colorspace: number; encodedImageString: Uint8Array };
};

/** The PNG's pixels with `depth` channels (decodePng gives RGBA). */
function pngPixels(bytes: Uint8Array, depth: number): number[] {
  const d = decodePng(bytes);
  return [...d.data].filter((_, k) => (depth === 4 ? true : depth === 3 ? k % 4 !== 3 : k % 4 === 0));
}

describe('SummaryTest (image, audio)', () => {
  it('testImageSummary', async () => {
    const { summary } = await runSummary(() => tf.name_scope('outer', () => tf.summary.image('inner', tf.ones([5, 4, 4, 3]), { max_outputs: 3 })));
    expect(summary.value.map((v) => v.tag).sort()).toEqual([0, 1, 2].map((i) => `outer/inner/image/${i}`));
  });

  it('testImageSummaryWithFamily', async () => {
    const { op, summary } = await runSummary(() =>
      tf.name_scope('outer', () => tf.summary.image('inner', tf.ones([5, 2, 3, 1]), { max_outputs: 3, family: 'family' })),
    );
    expect(op.op.name).toBe('outer/family/inner');
    expect(summary.value.map((v) => v.tag).sort()).toEqual([0, 1, 2].map((i) => `family/outer/family/inner/image/${i}`));
  });

  it('testAudioSummary', async () => {
    const { summary } = await runSummary(() => tf.name_scope('outer', () => tf.summary.audio('inner', tf.ones([5, 3, 4]), 0.2, { max_outputs: 3 })));
    expect(summary.value.map((v) => v.tag).sort()).toEqual([0, 1, 2].map((i) => `outer/inner/audio/${i}`));
  });

  it('testAudioSummaryWithFamily', async () => {
    const { op, summary } = await runSummary(() =>
      tf.name_scope('outer', () => tf.summary.audio('inner', tf.ones([5, 3, 4]), 0.2, { max_outputs: 3, family: 'family' })),
    );
    expect(op.op.name).toBe('outer/family/inner');
    expect(summary.value.map((v) => v.tag).sort()).toEqual([0, 1, 2].map((i) => `family/outer/family/inner/audio/${i}`));
  });
});

describe('SummaryV1ImageOpTest', () => {
  it('testImageSummary: float images scaled as TF does, a NaN pixel in the bad color', async () => {
    const r = rng(7);
    for (const depth of [1, 3, 4]) {
      for (const positive of [false, true]) {
        const shape = [4, 5, 7, depth];
        const n = 4 * 5 * 7 * depth;
        const per = n / 4;
        let c = Float32Array.from({ length: n }, r.normal);
        for (let k = 0; k < depth; k++) c[(1 * 7 + 2) * depth + k] = 0; // const[0, 1, 2] = 0
        if (positive) c = c.map((x) => 1 + Math.max(x, 0));
        const img0 = c.subarray(0, per);
        const scale = positive ? Math.fround(255 / Math.max(...img0)) : Math.fround(127 / Math.max(...img0.map(Math.abs)));
        const adjusted = [...img0].map((x) => Math.floor(Math.fround(Math.fround(scale * x) + (positive ? 0 : 128))));
        const badColor = [255, 0, 0, 255].slice(0, depth);
        c[(1 * 7 + 2) * depth + Math.floor(depth / 2)] = Number.NaN;
        const { summary } = await runSummary(() => tf.summary.image('img', tf.constant(c, { shape, dtype: tf.float32 })));
        const px = pngPixels(imageOf(summary.value[0]!).encodedImageString, depth);
        const at = (1 * 7 + 2) * depth;
        expect(px.slice(at, at + depth)).toEqual(badColor);
        px.splice(at, depth, ...adjusted.slice(at, at + depth));
        expect(px).toEqual(adjusted);
        expect(summary.value.map((v) => [v.tag, imageOf(v).height, imageOf(v).width, imageOf(v).colorspace])).toEqual(
          [0, 1, 2].map((i) => [`img/image/${i}`, 5, 7, depth]),
        );
      }
    }
  });

  it('testImageSummaryUint8: uint8 images exactly', async () => {
    const r = rng(7);
    for (const depth of [1, 3, 4]) {
      const shape = [4, 5, 7, depth];
      const images = Uint8Array.from({ length: 4 * 5 * 7 * depth }, () => Math.floor(r.uniform() * 256));
      const t = tf.constant(images, { shape, dtype: tf.uint8 });
      expect(t.dtype).toBe('uint8');
      const { op, summary } = await runSummary(() => tf.summary.image('img', tf.constant(images, { shape, dtype: tf.uint8 })));
      expect(op.shape.as_list()).toEqual([]);
      expect(pngPixels(imageOf(summary.value[0]!).encodedImageString, depth)).toEqual([...images.subarray(0, 5 * 7 * depth)]);
      expect(summary.value.map((v) => v.tag)).toEqual(['img/image/0', 'img/image/1', 'img/image/2']);
    }
  });
});

describe('SummaryImageOpTest (summary_image_op_test.cc)', () => {
  const run = (shape: number[], data: number[], max: number) =>
    runSummary(() => tf.summary.image('tag', tf.constant(data, { shape, dtype: tf.float32 }), { max_outputs: max }));
  const meta = (s: Awaited<ReturnType<typeof run>>['summary']) =>
    s.value.map((v) => ({ tag: v.tag, width: imageOf(v).width, height: imageOf(v).height, colorspace: imageOf(v).colorspace }));

  it('ThreeGrayImagesOutOfFive4dInput', async () => {
    const { summary } = await run([5, 2, 1, 1], Array(10).fill(0), 3);
    expect(meta(summary)).toEqual([0, 1, 2].map((i) => ({ tag: `tag/image/${i}`, width: 1, height: 2, colorspace: 1 })));
    for (const v of summary.value) expect(imageOf(v).encodedImageString.length).toBeGreaterThan(0);
  });

  it('OneGrayImage4dInput', async () => {
    const { summary } = await run([5, 2, 1, 1], Array(10).fill(0), 1);
    expect(meta(summary)).toEqual([{ tag: 'tag/image', width: 1, height: 2, colorspace: 1 }]);
  });

  it('OneColorImage4dInput', async () => {
    const data = [1, 0.1, 0.2, 1, 0.3, 0.4, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1];
    const { summary } = await run([1, 5, 2, 3], data, 1);
    expect(meta(summary)).toEqual([{ tag: 'tag/image', width: 2, height: 5, colorspace: 3 }]);
    expect(pngPixels(imageOf(summary.value[0]!).encodedImageString, 3)).toEqual(data.map((x) => Math.trunc(Math.fround(Math.fround(x) * 255))));
  });

  it('rejects what TF rejects: not 4-D, a last dim of 2, empty images', async () => {
    const g = new tf.Graph();
    const bad = g.as_default(() => {
      const x = tf.placeholder(tf.float32);
      return { x, s: tf.summary.image('bad', x) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feed = (shape: number[]) => new Map([[bad.x, new tf.NDArray(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape, 'float32')]]);
    await expect(sess.run(bad.s, feed([2, 2, 2]))).rejects.toThrow('Tensor must be 4-D with last dim 1, 3, or 4, not [2,2,2]');
    await expect(sess.run(bad.s, feed([1, 2, 2, 2]))).rejects.toThrow(InvalidArgumentError);
    await expect(sess.run(bad.s, feed([1, 0, 2, 3]))).rejects.toThrow('input tensor must have non-zero dims. Found: [1, 0, 2, 3].');
    sess.close();
  });
});

/** The WAV's header fields and int16 samples. */
function readWav(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const text = (at: number) => String.fromCharCode(...b.subarray(at, at + 4));
  const samples = Array.from({ length: (b.length - 44) / 2 }, (_, i) => v.getInt16(44 + 2 * i, true));
  return {
    chunks: [text(0), text(8), text(12), text(36)],
    riffSize: v.getUint32(4, true),
    fmt: [
      v.getUint32(16, true),
      v.getUint16(20, true),
      v.getUint16(22, true),
      v.getUint32(24, true),
      v.getUint32(28, true),
      v.getUint16(32, true),
      v.getUint16(34, true),
    ],
    dataSize: v.getUint32(40, true),
    samples,
  };
}

describe('SummaryV1AudioOpTest', () => {
  it('testAudioSummary: 1, 2, 5 and 8 channels as 16-bit PCM WAVs', async () => {
    const r = rng(7);
    for (const channels of [1, 2, 5, 8]) {
      const frames = 7;
      const data = Float32Array.from({ length: 4 * frames * channels }, () => 2 * r.uniform() - 1);
      const { op, summary } = await runSummary(() =>
        tf.summary.audio('snd', tf.constant(data, { shape: [4, frames, channels], dtype: tf.float32 }), { max_outputs: 3, sample_rate: 8000 }),
      );
      expect(op.shape.as_list()).toEqual([]);
      expect(
        summary.value.map((v) => {
          if (v.value.case !== 'audio') throw new Error('not audio');
          const a = v.value.value;
          return [v.tag, a.contentType, a.sampleRate, Number(a.numChannels), Number(a.lengthFrames)];
        }),
      ).toEqual([0, 1, 2].map((i) => [`snd/audio/${i}`, 'audio/wav', 8000, channels, frames]));
      for (const [i, v] of summary.value.entries()) {
        const wav = readWav((v.value.value as { encodedAudioString: Uint8Array }).encodedAudioString);
        const n = frames * channels;
        expect(wav.chunks).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
        expect([wav.riffSize, wav.dataSize]).toEqual([36 + 2 * n, 2 * n]);
        expect(wav.fmt).toEqual([16, 1, channels, 8000, 8000 * 2 * channels, 2 * channels, 16]);
        const expected = [...data.subarray(i * n, (i + 1) * n)].map((x) => {
          const y = Math.fround(x * 32768);
          return Math.min(32767, Math.max(-32768, Math.sign(y) * Math.round(Math.abs(y))));
        });
        expect(wav.samples).toEqual(expected);
      }
    }
  });

  it('clips samples to int16, rounds halves away from zero, takes 2-D input as one channel, rejects bad input', async () => {
    const data = [1, -1, 2, -2, 0.5 / 32768, -0.5 / 32768, 1.5 / 32768, 0];
    const { summary } = await runSummary(() => tf.summary.audio('a', tf.constant(data, { shape: [1, 8], dtype: tf.float32 }), 44100.5, { max_outputs: 1 }));
    const v = summary.value[0]!;
    expect(v.tag).toBe('a/audio');
    const a = v.value.value as { encodedAudioString: Uint8Array; numChannels: bigint; sampleRate: number };
    expect([Number(a.numChannels), a.sampleRate]).toEqual([1, 44100.5]);
    const wav = readWav(a.encodedAudioString);
    // lrintf: 44100.5 rounds to the even 44100
    expect(wav.fmt[3]).toBe(44100);
    expect(wav.samples).toEqual([32767, -32768, 32767, -32768, 1, -1, 2, 0]);
    const g = new tf.Graph();
    const { s1, s2 } = g.as_default(() => ({
      s1: tf.summary.audio('b', tf.ones([3]), 8000),
      s2: tf.summary.audio('c', tf.ones([1, 3]), 0),
    }));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await expect(sess.run(s1)).rejects.toThrow('Tensor must be 3-D or 2-D, got: [3]');
    await expect(sess.run(s2)).rejects.toThrow('sample_rate must be > 0');
    sess.close();
  });
});
