import { describe, expect, it } from 'vitest';
import { encodeGif } from '../../src/tutorial/gif.js';
import { decodePng, encodePng, renderFigure } from '../../src/tutorial/figures_node.js';
import { blankImage, pixelAt, rgbaImage, type RGBAImage } from '../../src/tutorial/image.js';
import { imageOrigin, titledFigureSvg } from '../../src/tutorial/svg.js';

/** The frames of a GIF and each one's delay in ms, read from the Graphic Control Extensions (enough of GIF89a to check ours). */
function gifFrames(bytes: Uint8Array): { width: number; height: number; delays: number[] } {
  const u16 = (i: number): number => bytes[i]! | (bytes[i + 1]! << 8);
  const skipSubBlocks = (i: number): number => {
    while (bytes[i]! !== 0) i += bytes[i]! + 1;
    return i + 1;
  };
  const width = u16(6);
  const height = u16(8);
  let i = 13 + (bytes[10]! & 0x80 ? 3 << ((bytes[10]! & 7) + 1) : 0);
  const delays: number[] = [];
  let pending = 0;
  while (bytes[i] !== 0x3b) {
    if (bytes[i] === 0x21) {
      if (bytes[i + 1] === 0xf9) pending = u16(i + 4) * 10;
      i = skipSubBlocks(i + 2);
    } else if (bytes[i] === 0x2c) {
      const flags = bytes[i + 9]!;
      i += 10 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0);
      i = skipSubBlocks(i + 1); // LZW minimum code size, then the image data
      delays.push(pending);
    } else {
      throw new Error(`unexpected GIF block 0x${bytes[i]?.toString(16)} at ${i}`);
    }
  }
  return { width, height, delays };
}

/** A 3×2 test image with distinct, opaque colours. */
function sample(): RGBAImage {
  const data = new Uint8ClampedArray(3 * 2 * 4);
  for (let p = 0; p < 6; p++) data.set([p * 40, 255 - p * 40, (p * 90) % 256, 255], p * 4);
  return rgbaImage(data, 3, 2);
}

describe('PNG files', () => {
  it('round-trips colour, grey and translucent images through fast-png', () => {
    const grey = blankImage(4, 3, [77, 77, 77, 255]);
    const clear = blankImage(2, 2, [10, 20, 30, 128]);
    for (const img of [sample(), grey, clear]) {
      const back = decodePng(encodePng(img));
      expect([back.width, back.height]).toEqual([img.width, img.height]);
      expect(Array.from(back.data)).toEqual(Array.from(img.data));
    }
    // Greys are stored one byte a pixel (colour type 0 in the IHDR chunk), colour as RGB (2), translucency as RGBA (6).
    expect(encodePng(grey)[25]).toBe(0);
    expect(encodePng(sample())[25]).toBe(2);
    expect(encodePng(clear)[25]).toBe(6);
  });
});

describe('titled figures', () => {
  it("put the image at 1:1 under the title, and draw the title's text in DejaVu Sans", () => {
    const image = blankImage(40, 30, [200, 0, 0, 255]);
    const fig = renderFigure({ title: 'Prediction: 9 Label: 4', image });
    const layout = titledFigureSvg('Prediction: 9 Label: 4', '', 40, 30);
    expect([fig.width, fig.height]).toEqual([layout.width, layout.height]);
    const o = imageOrigin(layout, 40);
    expect(pixelAt(fig, o.x, o.y)).toEqual([200, 0, 0, 255]);
    expect(pixelAt(fig, o.x + 39, o.y + 29)).toEqual([200, 0, 0, 255]);
    expect(pixelAt(fig, o.x - 1, o.y)).toEqual([255, 255, 255, 255]);
    // Text was rasterised: the band above the image holds dark pixels (none if no font had been found).
    let dark = 0;
    for (let y = 0; y < o.y; y++) for (let x = 0; x < fig.width; x++) if (pixelAt(fig, x, y)[0] < 100) dark++;
    expect(dark).toBeGreaterThan(50);
  });

  it('keeps double spaces in titles, as "Example: 5  Label: 7" has', () => {
    expect(titledFigureSvg('Example: 5  Label: 7', 'x.png', 28, 28).svg).toContain('xml:space="preserve">Example: 5  Label: 7<');
    expect(titledFigureSvg('<&>', 'x.png', 28, 28).svg).toContain('>&lt;&amp;&gt;<');
  });

  it('scale figures without titles by whole pixels', () => {
    const big = renderFigure({ title: null, image: sample() }, 5);
    expect([big.width, big.height]).toEqual([15, 10]);
    expect(pixelAt(big, 14, 9)).toEqual(pixelAt(sample(), 2, 1));
  });
});

describe('animated GIFs', () => {
  it('hold every frame, with the pause on the last one, looping', () => {
    const frames = [blankImage(8, 6, [255, 0, 0, 255]), blankImage(8, 6, [0, 0, 255, 255]), blankImage(8, 6, [255, 255, 255, 255])];
    const gif = encodeGif(frames, { delayMs: 600, lastDelayMs: 2500 });
    expect(new TextDecoder().decode(gif.subarray(0, 6))).toBe('GIF89a');
    expect(gifFrames(gif)).toEqual({ width: 8, height: 6, delays: [600, 600, 2500] });
    expect(new TextDecoder().decode(gif)).toContain('NETSCAPE2.0');
    expect(() => encodeGif([frames[0]!, blankImage(2, 2)], { delayMs: 1 })).toThrow(RangeError);
  });
});
