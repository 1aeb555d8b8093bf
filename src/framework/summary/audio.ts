// AudioSummaryV2's values (core/kernels/summary_audio_op.cc): each clip as a 16-bit PCM WAV file as TF's
// wav::EncodeAudioAsS16LEWav writes it (a 44-byte header: RIFF, a 16-byte fmt chunk, data; samples little-endian).
import { create } from '@bufbuild/protobuf';
import { InvalidArgumentError } from '../errors.js';
import { type Summary_Value, Summary_ValueSchema } from '../proto/tensorflow/core/framework/summary_pb.js';

const HEADER = 44;

/** TF's FloatToInt16Sample: round(x·2^15) half away from zero, clamped to int16 (NaN as 0). */
function int16Sample(x: number): number {
  const v = Math.fround(Math.fround(x) * 32768);
  if (Number.isNaN(v)) return 0;
  const r = Math.sign(v) * Math.round(Math.abs(v));
  return Math.min(32767, Math.max(-32768, r));
}

/** C's lrintf in the default rounding mode: to the nearest integer, ties to even. */
function lrint(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  return d > 0.5 || (d === 0.5 && f % 2 !== 0) ? f + 1 : f;
}

/** A WAV file of `frames` frames of `channels` interleaved float samples in [-1, 1], as TF's wav_io encodes it. */
export function encodeWav(samples: ArrayLike<number>, sampleRate: number, channels: number, frames: number): Uint8Array {
  if (sampleRate <= 0 || sampleRate > 0xffffffff) throw new InvalidArgumentError(`sample_rate must be in (0, 2^32), got: ${sampleRate}`);
  if (channels <= 0 || channels > 0xffff) throw new InvalidArgumentError(`num_channels must be in (0, 2^16), got: ${channels}`);
  if (frames <= 0) throw new InvalidArgumentError('num_frames must be positive.');
  const n = frames * channels;
  const fileSize = HEADER + n * 2;
  if (fileSize > 0xffffffff) throw new InvalidArgumentError('Provided channels and frames cannot be encoded as a WAV.');
  const out = new Uint8Array(fileSize);
  const v = new DataView(out.buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i);
  };
  text(0, 'RIFF');
  v.setUint32(4, fileSize - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, channels, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2 * channels, true);
  v.setUint16(32, 2 * channels, true);
  v.setUint16(34, 16, true);
  text(36, 'data');
  v.setUint32(40, n * 2, true);
  for (let i = 0; i < n; i++) v.setInt16(HEADER + 2 * i, int16Sample(samples[i]!), true);
  return out;
}

/** Audio clips as AudioSummaryV2 takes them: [batch, frames] or [batch, frames, channels] float32 samples. */
export interface AudioBatch {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * AudioSummaryV2's values: up to `max_outputs` clips as WAV files, tagged `tag/audio` when `max_outputs` is 1 and
 * `tag/audio/<i>` otherwise; the sample rate rounded to an integer (ties to even, at least 1) in the WAV header.
 */
export function audioValues(tag: string, clips: AudioBatch, sampleRate: number, max_outputs = 3): Summary_Value[] {
  const s = clips.shape;
  if (s.length < 2 || s.length > 3) throw new InvalidArgumentError(`Tensor must be 3-D or 2-D, got: [${s.join(',')}]`);
  if (!(sampleRate > 0)) throw new InvalidArgumentError('sample_rate must be > 0');
  const [batch, frames] = [s[0]!, s[1]!];
  const channels = s.length === 2 ? 1 : s[2]!;
  const rate = Math.max(1, lrint(Math.fround(sampleRate)));
  const size = frames * channels;
  const out: Summary_Value[] = [];
  for (let i = 0; i < Math.min(batch, max_outputs); i++) {
    const wav = encodeWav(clips.data.subarray(i * size, (i + 1) * size), rate, channels, frames);
    out.push(
      create(Summary_ValueSchema, {
        tag: max_outputs > 1 ? `${tag}/audio/${i}` : `${tag}/audio`,
        value: {
          case: 'audio',
          value: {
            sampleRate: Math.fround(sampleRate),
            numChannels: BigInt(channels),
            lengthFrames: BigInt(frames),
            contentType: 'audio/wav',
            encodedAudioString: wav,
          },
        },
      }),
    );
  }
  return out;
}
