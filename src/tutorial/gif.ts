// Animated GIFs from RGBA frames with gifenc. No Node APIs here: the web page can make the same file.
import * as gifencModule from 'gifenc';
import type { RGBAImage } from './image.js';

// Node loads gifenc's CommonJS build, whose functions arrive on `default`; Vite and vitest load its ESM build,
// which exports them by name. Take whichever this runtime gave.
const gifenc: typeof gifencModule = 'GIFEncoder' in gifencModule ? gifencModule : (gifencModule as unknown as { default: typeof gifencModule }).default;

/** Timing of an animation: how long each frame shows, and the last one (a pause before it loops). */
export interface GifTiming {
  readonly delayMs: number;
  readonly lastDelayMs?: number;
}

/** Encodes equal-sized frames as a looping animated GIF, each with its own 256-colour palette. */
export function encodeGif(frames: readonly RGBAImage[], timing: GifTiming): Uint8Array {
  const first = frames[0];
  if (!first) throw new RangeError('an animation needs at least one frame');
  const { GIFEncoder, quantize, applyPalette } = gifenc;
  const gif = GIFEncoder();
  frames.forEach((f, i) => {
    if (f.width !== first.width || f.height !== first.height) {
      throw new RangeError(`frame ${i} is ${f.width}×${f.height}, frame 0 is ${first.width}×${first.height}`);
    }
    const palette = quantize(f.data, 256);
    const delay = i === frames.length - 1 ? (timing.lastDelayMs ?? timing.delayMs) : timing.delayMs;
    // repeat: 0 loops forever; gifenc reads it from the first frame only.
    gif.writeFrame(applyPalette(f.data, palette), f.width, f.height, { palette, delay, repeat: 0 });
  });
  gif.finish();
  return gif.bytes();
}
