import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/graph/tensor.js';
import { NDArray } from '../../src/framework/ndarray.js';
import { display_compare, display_digit, display_mult_flat, labelOf, row, TEST_SIZE, TRAIN_SIZE, type Predictor } from '../../src/tutorial/helpers.js';
import { pixelAt } from '../../src/tutorial/image.js';
import { read_data_sets, type Datasets } from '../../src/examples/tutorials/mnist/input_data.js';

let mnist: Datasets;
beforeAll(() => {
  mnist = read_data_sets(undefined, { one_hot: true, log: null });
});

describe('TRAIN_SIZE and TEST_SIZE', () => {
  it("print the article's lines and return the first num examples", () => {
    const lines: string[] = [];
    const [x, y] = TRAIN_SIZE(mnist, 5500, (l) => lines.push(l));
    expect(lines).toEqual([
      'Total Training Images in Dataset = (55000, 784)',
      '--------------------------------------------------',
      'x_train Examples Loaded = (5500, 784)',
      'y_train Examples Loaded = (5500, 10)',
    ]);
    expect(x.shape).toEqual([5500, 784]);
    expect(y.shape).toEqual([5500, 10]);
    expect(Array.from(x.data.subarray(784, 1568))).toEqual(Array.from(mnist.train.images.data.subarray(784, 1568)));
  });

  it('TEST_SIZE reads from mnist.test', () => {
    const lines: string[] = [];
    const [x] = TEST_SIZE(mnist, 100, (l) => lines.push(l));
    expect(lines).toEqual([
      'Total Test Examples in Dataset = (10000, 784)',
      '--------------------------------------------------',
      'x_test Examples Loaded = (100, 784)',
      'y_test Examples Loaded = (100, 10)',
    ]);
    expect(Array.from(x.data.subarray(0, 784))).toEqual(Array.from(mnist.test.images.data.subarray(0, 784)));
  });
});

describe('display_digit and display_mult_flat', () => {
  it("titles example 0 with its label, 7 (the article's first training example), ink black on white", () => {
    const [x_train, y_train] = mnist.train.slice(0, 10);
    const fig = display_digit(x_train, y_train, 0);
    expect(fig.title).toBe('Example: 0  Label: 7');
    expect([fig.image.width, fig.image.height]).toEqual([28, 28]);
    const pixels = row(x_train, 0).data;
    expect(pixels[0]).toBe(0);
    expect(pixelAt(fig.image, 0, 0)).toEqual([255, 255, 255, 255]);
    const darkest = pixels.indexOf(Math.max(...pixels));
    expect(pixelAt(fig.image, darkest % 28, Math.floor(darkest / 28))).toEqual([0, 0, 0, 255]);
    expect(labelOf(y_train, 3)).toBe(row(y_train, 3).data.indexOf(1));
  });

  it('shows examples start..stop-1 as one 784-pixel row each', () => {
    const [x_train] = mnist.train.slice(0, 400);
    const fig = display_mult_flat(x_train, 0, 400);
    expect(fig.title).toBeNull();
    expect([fig.image.width, fig.image.height]).toEqual([784, 400]);
    // Row 5 of the picture is example 5: a full-intensity pixel of it is black.
    const ex5 = row(x_train, 5).data;
    const p = ex5.indexOf(1);
    expect(p).toBeGreaterThan(0);
    expect(pixelAt(fig.image, p, 5)).toEqual([0, 0, 0, 255]);
    expect(() => display_mult_flat(x_train, 5, 5)).toThrow(RangeError);
  });
});

describe('display_compare', () => {
  it("titles the model's argmax against the label of mnist.train[num]", async () => {
    const fed: NDArray[] = [];
    const predictor: Predictor = {
      // A stand-in session that always answers "9" and records what it was fed.
      async run(_fetch: Tensor, feeds: Map<Tensor, NDArray>) {
        fed.push(...feeds.values());
        return new NDArray(
          Float32Array.from({ length: 10 }, (_, i) => (i === 9 ? 0.9 : 0.01)),
          [1, 10],
          'float32',
        );
      },
    };
    const x = {} as Tensor;
    const fig = await display_compare(predictor, { x, y: {} as Tensor }, mnist, 2);
    const label = labelOf(mnist.train.slice(2, 3)[1], 0);
    expect(fig.title).toBe(`Prediction: 9 Label: ${label}`);
    expect([fig.prediction, fig.label]).toEqual([9, label]);
    expect(fed[0]!.shape).toEqual([1, 784]);
    expect(Array.from(fed[0]!.data)).toEqual(Array.from(mnist.train.images.data.subarray(2 * 784, 3 * 784)));
    await expect(display_compare(predictor, { x, y: x }, mnist, 55000)).rejects.toThrow(RangeError);
  });
});
