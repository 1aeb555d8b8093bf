// CheckNumerics, as TF1's CPU kernel (check_numerics_op.cc): the input passed through, or InvalidArgumentError.
import { InvalidArgumentError } from '../../framework/errors.js';
import type { HostKernel } from '../kernel.js';

/** TF1's words for what a tensor had: "Inf", "NaN" or "Inf and NaN" (bit 1: an infinity, bit 2: a NaN), or null for none. */
export function numericsStatus(bits: number): string | null {
  if ((bits & 3) === 3) return 'Inf and NaN';
  if (bits & 1) return 'Inf';
  if (bits & 2) return 'NaN';
  return null;
}

/** TF1's message for a tensor that had non-finite values. */
export const numericsError = (message: string, status: string, name: string): InvalidArgumentError =>
  new InvalidArgumentError(`${message} : Tensor had ${status} values`, name);

const checkNumerics: HostKernel<'CheckNumerics'> = ({ name, inputs, attrs, output }) => {
  const x = inputs[0]!;
  const d = x.data;
  let bits = 0;
  for (let i = 0; i < x.size; i++) {
    const v = d[i]!;
    if (Number.isNaN(v)) bits |= 2;
    else if (v === Infinity || v === -Infinity) bits |= 1;
  }
  const status = numericsStatus(bits);
  if (status !== null) throw numericsError(attrs.message, status, name);
  output(0, x.shape).data.set(d);
};

/** The host kernel of CheckNumerics. */
export const NUMERICS_KERNELS: { CheckNumerics: HostKernel<'CheckNumerics'> } = { CheckNumerics: checkNumerics };
