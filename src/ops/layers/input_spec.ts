// Keras's InputSpec (python/keras/engine/base_layer.py, r1.12): what a layer's input must be, checked before the
// layer is built and at each call, with Keras's ValueErrors.
import { opt, parseArgs, signed, type Call } from '../../framework/args.js';
import type { DType } from '../../framework/dtypes.js';
import { ValueError } from '../../framework/errors.js';
import type { Tensor } from '../../graph/tensor.js';
import { DTYPE, INT, SHAPE, kind } from '../kinds.js';
import { asTensorShape, pyStr } from './utils.js';

/** An input spec as a plain object (what the built-in layers set). */
export type InputSpecLike = {
  ndim?: number | null;
  min_ndim?: number | null;
  max_ndim?: number | null;
  dtype?: DType | null;
  shape?: (number | null)[] | null;
  axes?: Readonly<Record<number, number>>;
};

const AXES_DICT = kind<Readonly<Record<number, number>>>('dict of axes to sizes', (v) => typeof v === 'object' && v !== null && !Array.isArray(v));
const INPUT_SPEC = [opt('dtype', DTYPE), opt('shape', SHAPE), opt('ndim', INT), opt('max_ndim', INT), opt('min_ndim', INT), opt('axes', AXES_DICT)] as const;

/** `tf.layers.InputSpec(dtype, shape, ndim, max_ndim, min_ndim, axes)`: what a layer's input must be (Keras's InputSpec). */
export class InputSpec {
  readonly dtype: DType | null;
  readonly shape: (number | null)[] | null;
  readonly ndim: number | null;
  readonly max_ndim: number | null;
  readonly min_ndim: number | null;
  readonly axes: Readonly<Record<number, number>>;

  constructor(...args: Call<typeof INPUT_SPEC>) {
    const a = parseArgs('InputSpec', INPUT_SPEC, args);
    this.dtype = a.dtype ?? null;
    this.shape = a.shape == null ? null : asTensorShape(a.shape).as_list();
    this.ndim = a.shape != null ? this.shape!.length : (a.ndim ?? null);
    this.max_ndim = a.max_ndim ?? null;
    this.min_ndim = a.min_ndim ?? null;
    this.axes = a.axes ?? {};
  }
}
signed(InputSpec, 'layers.InputSpec', INPUT_SPEC);

/** Keras's `assert_input_compatibility(input_spec, inputs, layer_name)` for one input. */
export function assertInputCompatibility(spec: InputSpec | InputSpecLike, x: Tensor, layerName: string): void {
  const ndim = x.shape.ndims;
  const at = `Input 0 of layer ${layerName} is incompatible with the layer`;
  const full = () => (ndim === null ? 'None' : pyStr(x.shape.as_list()));
  if (spec.ndim != null || spec.min_ndim != null || spec.max_ndim != null) {
    if (ndim === null) throw new ValueError(`${at}: its rank is undefined, but the layer requires a defined rank.`);
  }
  if (spec.ndim != null && ndim !== spec.ndim) {
    throw new ValueError(`${at}: expected ndim=${spec.ndim}, found ndim=${ndim}. Full shape received: ${full()}`);
  }
  if (spec.max_ndim != null && ndim !== null && ndim > spec.max_ndim) {
    throw new ValueError(`${at}: expected max_ndim=${spec.max_ndim}, found ndim=${ndim}`);
  }
  if (spec.min_ndim != null && ndim !== null && ndim < spec.min_ndim) {
    throw new ValueError(`${at}: expected min_ndim=${spec.min_ndim}, found ndim=${ndim}. Full shape received: ${full()}`);
  }
  if (spec.dtype != null && x.dtype !== spec.dtype) {
    throw new ValueError(`${at}: expected dtype=${spec.dtype}, found dtype=<dtype: '${x.dtype}'>`);
  }
  if (spec.axes && ndim !== null) {
    for (const [axis, value] of Object.entries(spec.axes)) {
      const i = Number(axis) < 0 ? ndim + Number(axis) : Number(axis);
      const got = x.shape.dims![i] ?? null;
      if (value != null && got !== null && got !== value) {
        throw new ValueError(`${at}: expected axis ${axis} of input shape to have value ${value} but received input with shape ${x.shape}`);
      }
    }
  }
  if (spec.shape && ndim !== null) {
    spec.shape.forEach((d, i) => {
      const got = x.shape.dims![i] ?? null;
      if (d !== null && got !== null && got !== d) {
        throw new ValueError(`${at}: expected shape=${asTensorShape(spec.shape)}, found shape=${x.shape}`);
      }
    });
  }
}
