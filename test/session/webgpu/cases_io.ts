/**
 * Parity cases of SaveV2 and RestoreV2 (framework/ops/io.ts): a run saves the fed tensor and, after it (a control
 * input), restores it from the file; the WebGPU backend runs both on the host. Their files and errors: test/train/save_restore_ops.test.ts.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NDArray } from '../../../src/framework/ndarray.js';
import type { IoAttrs } from '../../../src/framework/ops/io.js';
import { arrayOf, floatValue, op } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

const dir = join(tmpdir(), `tf1ts-parity-io-${process.pid}`);

/** A string constant. */
const strings = (g: Parameters<Parameters<typeof parity>[1]>[0], values: string[], shape: number[]) =>
  op(g, 'Const', [], { dtype: 'string', value: NDArray.fromStrings(values, shape) })[0]!;

/** Cases of SaveV2 and RestoreV2. */
const roundTrip = parity(arrayOf([2, 3], 'float32', floatValue), (g, x) =>
  feedThrough(g, [x], ([v]) => {
    mkdirSync(dir, { recursive: true });
    const [prefix, names, slices] = [strings(g, [join(dir, 'ckpt')], []), strings(g, ['v'], [1]), strings(g, [''], [1])];
    const save = g.create_op('SaveV2', [prefix, names, slices, v!], {}, 'SaveV2');
    return g.control_dependencies([save], () => [...g.create_op('RestoreV2', [prefix, names, slices], { dtypes: ['float32'] }, 'RestoreV2').outputs]);
  }),
);

export const IO_CASES = { SaveV2: roundTrip, RestoreV2: roundTrip } satisfies Record<keyof IoAttrs, ParityCase>;
