import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NDArray } from '../../src/framework/ndarray.js';
import { applyColormap, gray_r, lutIndex, seismic } from '../../src/tutorial/colormap.js';
import { blankImage, grid, pixelAt, rgbaImage, upscale } from '../../src/tutorial/image.js';
import { weightPanel, weights_figure } from '../../src/tutorial/helpers.js';

describe("matplotlib's colormaps", () => {
  it('gray_r runs from white to black', () => {
    expect(Array.from(gray_r.lut.subarray(0, 3))).toEqual([255, 255, 255]);
    expect(Array.from(gray_r.lut.subarray(255 * 3))).toEqual([0, 0, 0]);
    // Each step darkens by one level, as matplotlib's 256-entry gray LUT does.
    for (let i = 0; i < 256; i++) expect(gray_r.lut[i * 3]).toBe(255 - i);
  });

  it('seismic passes through its five colours: (0,0,.3), blue, white, red, (.5,0,0)', () => {
    const at = (i: number): number[] => Array.from(seismic.lut.subarray(i * 3, i * 3 + 3));
    expect(at(0)).toEqual([0, 0, Math.trunc(0.3 * 255)]);
    expect(at(255)).toEqual([Math.trunc(0.5 * 255), 0, 0]);
    // The middle of 256 entries falls between two; both are within a level or two of white.
    for (const c of [...at(127), ...at(128)]) expect(c).toBeGreaterThanOrEqual(253);
    // A quarter of the way is pure blue and three quarters pure red (to a level, as the LUT samples i/255).
    expect(at(64)[2]).toBe(255);
    expect(at(191)[0]).toBe(255);
    expect(at(64)[0]).toBeLessThan(5);
    expect(at(191)[2]).toBeLessThan(5);
  });

  it('looks values up as Colormap.__call__ does: int(x * N), the top end clipped into the last entry', () => {
    expect(lutIndex(gray_r, 0)).toBe(0);
    expect(lutIndex(gray_r, 0.5)).toBe(128);
    expect(lutIndex(gray_r, 1)).toBe(255);
    expect(lutIndex(gray_r, 1.5)).toBe(255);
    expect(lutIndex(gray_r, -1)).toBe(0);
  });

  it("scales to the data's own min and max as imshow does, and maps an empty range to the low end", () => {
    const rgba = applyColormap([2, 4, 6], gray_r);
    expect(Array.from(rgba)).toEqual([255, 255, 255, 255, 127, 127, 127, 255, 0, 0, 0, 255]);
    expect(Array.from(applyColormap([3, 3], gray_r))).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
    expect(Array.from(applyColormap([0, 10], gray_r, { vmin: 0, vmax: 20 }).subarray(4, 7))).toEqual([127, 127, 127]);
  });
});

describe('RGBA images', () => {
  it('upscales each pixel to a block', () => {
    const img = rgbaImage(new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]), 2, 1);
    const big = upscale(img, 3);
    expect([big.width, big.height]).toEqual([6, 3]);
    expect(pixelAt(big, 2, 2)).toEqual([1, 2, 3, 255]);
    expect(pixelAt(big, 3, 0)).toEqual([4, 5, 6, 255]);
    expect(() => upscale(img, 0)).toThrow(RangeError);
  });

  it('lays panels out in rows with white gaps', () => {
    const red = blankImage(2, 2, [255, 0, 0, 255]);
    const out = grid([red, red, red], 2, 1);
    expect([out.width, out.height]).toEqual([2 * 3 + 1, 2 * 3 + 1]);
    expect(pixelAt(out, 0, 0)).toEqual([255, 255, 255, 255]);
    expect(pixelAt(out, 1, 1)).toEqual([255, 0, 0, 255]);
    expect(pixelAt(out, 4, 1)).toEqual([255, 0, 0, 255]);
    // The third panel starts a second row, leaving the fourth cell white.
    expect(pixelAt(out, 1, 4)).toEqual([255, 0, 0, 255]);
    expect(pixelAt(out, 4, 4)).toEqual([255, 255, 255, 255]);
  });
});

describe('the weights figure', () => {
  /** W whose column i is pixel index p times (i + 1), minus an offset, so every panel spans its own range. */
  const W = new NDArray(
    Float32Array.from({ length: 7840 }, (_, k) => (Math.floor(k / 10) - 392) * ((k % 10) + 1)),
    [784, 10],
    'float32',
  );

  it('draws column i as a 28×28 seismic panel, its smallest weight darkest blue and its largest darkest red', () => {
    const panel = weightPanel(W, 3);
    expect([panel.width, panel.height]).toEqual([28, 28]);
    expect(pixelAt(panel, 0, 0)).toEqual([...seismic.lut.subarray(0, 3), 255]);
    expect(pixelAt(panel, 27, 27)).toEqual([...seismic.lut.subarray(255 * 3), 255]);
    expect(() => weightPanel(W, 10)).toThrow(RangeError);
  });

  it('puts ten panels in 2 rows of 5, panel i+1 at subplot(2, 5, i+1)', () => {
    const fig = weights_figure(W, { scale: 4, gap: 8 });
    expect(fig.title).toBeNull();
    expect([fig.image.width, fig.image.height]).toEqual([5 * (112 + 8) + 8, 2 * (112 + 8) + 8]);
    // Panel 6 (row 1, column 1): its top-left weight is its smallest.
    expect(pixelAt(fig.image, 8 + 120 + 1, 8 + 120 + 1)).toEqual([...seismic.lut.subarray(0, 3), 255]);
  });
});

describe('browser safety', () => {
  // The web page reuses these modules (the tutorial's and the MNIST loader's, src/examples/tutorials/mnist); only
  // figures_node.ts, idx.ts, input_data.ts and cli.ts may use Node.
  const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
  const NODE_ONLY = new Set(['tutorial/figures_node.ts', 'examples/tutorials/mnist/idx.ts', 'examples/tutorials/mnist/input_data.ts', 'tutorial/cli.ts']);
  /** The value (not `import type`) imports of a module (a path under src/). */
  const valueImports = (file: string): string[] =>
    [...readFileSync(join(SRC, file), 'utf8').matchAll(/^(?:import|export)(?! type)[^;]*?from '([^']+)'/gms)].map((m) => m[1]!);
  /** Followed: the imports that stay in the tutorial and the loader (the library itself is checked by the web build). */
  const FOLLOWED = /^(tutorial|examples)\//;

  it.each([
    'tutorial/article.ts',
    'tutorial/colormap.ts',
    'tutorial/gif.ts',
    'tutorial/helpers.ts',
    'tutorial/image.ts',
    'tutorial/model.ts',
    'tutorial/svg.ts',
    'tutorial/training.ts',
    'examples/tutorials/mnist/dataset.ts',
  ])('%s reaches no Node API through src/tutorial or the MNIST loader', (start) => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      expect(NODE_ONLY.has(file), `${start} imports ${file}`).toBe(false);
      for (const spec of valueImports(file)) {
        expect(spec.startsWith('node:'), `${file} imports ${spec}`).toBe(false);
        if (!spec.startsWith('.')) continue;
        const target = join(dirname(file), spec).replace(/\.js$/, '.ts');
        if (FOLLOWED.test(target)) visit(target);
      }
    };
    visit(start);
  });
});
