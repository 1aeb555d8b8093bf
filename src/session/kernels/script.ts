// PyFunc's and PyFuncStateless' host kernel (core/kernels/py_func.cc with script_ops.py's FuncRegistry): the
// function registered under the node's token, called on the inputs' values. JS values it returns take the output's
// dtype (as np.asarray would give them one); an NDArray must already have it. What the function throws fails the
// run as TF1 maps a Python exception (asRunError); a value of no array kind is UnimplementedError, as TF1's
// "Unsupported object type".
import { dtypeProtoName } from '../../framework/dtypes.js';
import { InvalidArgumentError, OpError, UnimplementedError, UnknownError, ValueError } from '../../framework/errors.js';
import { toNDArray } from '../../framework/from_js.js';
import { NDArray } from '../../framework/ndarray.js';
import { pyFunc } from '../../framework/py_funcs.js';
import type { HostKernel, KernelArgs } from '../kernel.js';

/**
 * What the function threw, as the run's error: TF1's class for a ValueError or TypeError (InvalidArgumentError), a
 * tf.errors class thrown as itself, anything else UnknownError; the message the error's stack, as TF1 gives the
 * Python traceback.
 */
function asRunError(e: unknown, name: string): OpError {
  if (e instanceof OpError) return e;
  const text = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : `Error: ${String(e)}`;
  return e instanceof TypeError || e instanceof ValueError ? new InvalidArgumentError(text, name) : new UnknownError(text, name);
}

/** The function's result as a list of values, one per output: as TF1 takes a Python list or tuple, a JS array is the list. */
function results(ret: unknown): unknown[] {
  if (Array.isArray(ret)) return ret;
  return ret === undefined || ret === null ? [] : [ret];
}

function pyFuncKernel<K extends 'PyFunc' | 'PyFuncStateless'>(): HostKernel<K> {
  return ({ name, inputs, attrs, output }: KernelArgs<K>) => {
    const fn = pyFunc(attrs.token);
    if (!fn) throw new InvalidArgumentError(`ValueError: callback ${attrs.token} is not found`, name);
    let ret: unknown;
    try {
      ret = (fn as (...a: NDArray[]) => unknown)(...inputs);
    } catch (e) {
      throw asRunError(e, name);
    }
    if (ret instanceof Promise) {
      ret.catch(() => undefined);
      throw new InvalidArgumentError(`${attrs.token} returned a Promise: a py_func's function runs synchronously, as TF1 calls it`, name);
    }
    const tout = attrs.Tout;
    const values = results(ret);
    if (values.length !== tout.length)
      throw new InvalidArgumentError(`${attrs.token} returns ${values.length} values, but expects to see ${tout.length} values.`, name);
    // every value converted and checked before any output is written
    const arrays = values.map((v, i) => {
      if (v instanceof NDArray && v.dtype !== tout[i]) {
        throw new InvalidArgumentError(`${i}-th value returned by ${attrs.token} is ${dtypeProtoName(v.dtype)}, but expects ${dtypeProtoName(tout[i]!)}`, name);
      }
      // a value is an NDArray, a typed array, a number, a bool or a string (nested arrays would be lists of values)
      if (v === null || typeof v === 'object' ? !(v instanceof NDArray || ArrayBuffer.isView(v)) : typeof v === 'function' || v === undefined) {
        throw new UnimplementedError(`Unsupported object type ${v === null ? 'null' : ((v as object).constructor?.name ?? typeof v)}`, name);
      }
      try {
        return toNDArray(v, tout[i]);
      } catch (e) {
        throw new InvalidArgumentError(`${i}-th value returned by ${attrs.token}: ${(e as Error).message}`, name);
      }
    });
    arrays.forEach((a, i) => {
      const o = output(i, a.shape);
      if (a.dtype === 'string') o.strings.splice(0, o.size, ...a.strings);
      else o.data.set(a.data);
    });
  };
}

/** Host kernels of PyFunc and PyFuncStateless. */
export const SCRIPT_KERNELS: { PyFunc: HostKernel<'PyFunc'>; PyFuncStateless: HostKernel<'PyFuncStateless'> } = {
  PyFunc: pyFuncKernel<'PyFunc'>(),
  PyFuncStateless: pyFuncKernel<'PyFuncStateless'>(),
};
