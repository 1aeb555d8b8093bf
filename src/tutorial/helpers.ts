// The article's helper functions, ported: the same names, arguments and printed lines. The display_* functions
// return the picture as RGBA pixels plus its title instead of opening a matplotlib window; writing files is
// figures_node.ts's job, so this module has no Node APIs and the web page can draw the same figures.
import { NDArray, type Tensor } from '../index.js';
import { applyColormap, gray_r, seismic } from './colormap.js';
import { pyShape, type DataSet } from '../examples/tutorials/mnist/dataset.js';
import { grid, rgbaImage, upscale, type RGBAImage } from './image.js';

/** Where the helpers print their lines (the article's `print`). */
export type Print = (line: string) => void;

/** A figure as `plt.title(...)` + `plt.imshow(...)` would show it: a title (or none) over an image. */
export interface Figure {
  readonly title: string | null;
  readonly image: RGBAImage;
}

/** The side of an MNIST digit in pixels. */
export const DIGIT_SIDE = 28;

/** The article's rule line under the dataset totals. */
const RULE = '-'.repeat(50);

/** Row `i` of a 2-D array as a 1-D array (NumPy's `a[i]`), sharing no memory with it. */
export function row(a: NDArray, i: number): NDArray {
  const [n, width] = a.shape as [number, number];
  if (a.ndim !== 2 || !Number.isInteger(i) || i < 0 || i >= n) {
    throw new RangeError(`index ${i} is out of bounds for axis 0 with size ${a.shape[0]}`);
  }
  return new NDArray(a.data.slice(i * width, (i + 1) * width), [width], a.dtype);
}

/** The class a one-hot label row stands for (NumPy's `y_train[num].argmax(axis=0)`). */
export function labelOf(labels: NDArray, i: number): number {
  return row(labels, i).argmax();
}

/** The article's `TRAIN_SIZE(num)`: prints the dataset's size and returns its first `num` training examples. */
export function TRAIN_SIZE(mnist: { readonly train: DataSet }, num: number, print: Print = console.log): [NDArray, NDArray] {
  print(`Total Training Images in Dataset = ${pyShape(mnist.train.images.shape)}`);
  print(RULE);
  const [x_train, y_train] = mnist.train.slice(0, num);
  print(`x_train Examples Loaded = ${pyShape(x_train.shape)}`);
  print(`y_train Examples Loaded = ${pyShape(y_train.shape)}`);
  return [x_train, y_train];
}

/** The article's `TEST_SIZE(num)`: prints the test set's size and returns its first `num` examples. */
export function TEST_SIZE(mnist: { readonly test: DataSet }, num: number, print: Print = console.log): [NDArray, NDArray] {
  print(`Total Test Examples in Dataset = ${pyShape(mnist.test.images.shape)}`);
  print(RULE);
  const [x_test, y_test] = mnist.test.slice(0, num);
  print(`x_test Examples Loaded = ${pyShape(x_test.shape)}`);
  print(`y_test Examples Loaded = ${pyShape(y_test.shape)}`);
  return [x_test, y_test];
}

/** One flattened 784-pixel image as a 28×28 picture in `gray_r` (ink dark on white), scaled to its own range as `imshow` does. */
export function digitImage(pixels: NDArray): RGBAImage {
  return rgbaImage(applyColormap(pixels.data, gray_r), DIGIT_SIDE, DIGIT_SIDE);
}

/** The article's `display_digit(num)`: example `num` with the title `Example: num  Label: label`. */
export function display_digit(x_train: NDArray, y_train: NDArray, num: number): Figure {
  const label = labelOf(y_train, num);
  return { title: `Example: ${num}  Label: ${label}`, image: digitImage(row(x_train, num)) };
}

/** The article's `display_mult_flat(start, stop)`: examples start..stop-1 as rows of 784 pixels, one row per example. */
export function display_mult_flat(x_train: NDArray, start: number, stop: number): Figure {
  const [n, width] = x_train.shape as [number, number];
  if (!(Number.isInteger(start) && Number.isInteger(stop) && 0 <= start && start < stop && stop <= n)) {
    throw new RangeError(`display_mult_flat(${start}, ${stop}) needs 0 <= start < stop <= ${n}`);
  }
  const values = x_train.data.subarray(start * width, stop * width);
  return { title: null, image: rgbaImage(applyColormap(values, gray_r), width, stop - start) };
}

/** The session call display_compare makes: `sess.run(y, feed_dict={x: ...})`. */
export interface Predictor {
  run(fetches: Tensor, feed_dict: Map<Tensor, NDArray>): Promise<NDArray>;
}

/** display_compare's figure, with the numbers in its title. */
export interface CompareFigure extends Figure {
  readonly prediction: number;
  readonly label: number;
}

/**
 * The article's `display_compare(num)`: training example `num` (from all of `mnist.train`, not just x_train),
 * the trained model's prediction for it, and the title `Prediction: p Label: l`.
 */
export async function display_compare(
  sess: Predictor,
  model: { readonly x: Tensor; readonly y: Tensor },
  mnist: { readonly train: DataSet },
  num: number,
): Promise<CompareFigure> {
  const [x_train, y_train] = mnist.train.slice(num, num + 1);
  if (x_train.shape[0] !== 1) throw new RangeError(`index ${num} is out of bounds for axis 0 with size ${mnist.train.num_examples}`);
  const label = y_train.argmax();
  const prediction = (await sess.run(model.y, new Map([[model.x, x_train]]))).argmax();
  return { title: `Prediction: ${prediction} Label: ${label}`, image: digitImage(row(x_train, 0)), prediction, label };
}

/** Column `i` of the weights `W` [784, 10] as a 28×28 `seismic` picture (each panel scaled to its own range, as `imshow`). */
export function weightPanel(W: NDArray, i: number): RGBAImage {
  const [inputs, classes] = W.shape as [number, number];
  if (W.ndim !== 2 || inputs !== DIGIT_SIDE * DIGIT_SIDE || !(i >= 0 && i < classes)) {
    throw new RangeError(`weightPanel needs W of shape (784, k) and 0 <= i < k; got ${pyShape(W.shape)} and ${i}`);
  }
  const column = new Float64Array(inputs);
  for (let p = 0; p < inputs; p++) column[p] = W.data[p * classes + i]!;
  return rgbaImage(applyColormap(column, seismic), DIGIT_SIDE, DIGIT_SIDE);
}

/** The article's weights figure: the ten columns of `W` as 28×28 `seismic` panels, 2 rows of 5 (`plt.subplot(2, 5, i+1)`). */
export function weights_figure(W: NDArray, opts: { scale?: number; gap?: number } = {}): Figure {
  const { scale = 4, gap = 8 } = opts;
  const classes = W.shape[1] ?? 0;
  const panels = Array.from({ length: classes }, (_, i) => upscale(weightPanel(W, i), scale));
  return { title: null, image: grid(panels, 5, gap) };
}
