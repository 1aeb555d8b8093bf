// tf.py_func as TF1 r1.12's script_ops.py builds it: the function registered under a new token (`pyfunc_0`), then
// one PyFunc op (PyFuncStateless for stateful=false) with the inputs and `Tout`; a single dtype for Tout gives the
// one output, a list of dtypes the list of outputs. Its outputs' shapes are unknown, as in TF1.
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import type { DType, DTypeLike } from '../framework/dtypes.js';
import { opt, req, tf1, type Kind } from '../framework/args.js';
import { insertPyFunc, type PyFunction } from '../framework/py_funcs.js';
import { graphOf, toTensor } from './convert.js';
import { BOOL, DTYPE, FUNC, list, oneOf, STR, TENSOR } from './kinds.js';

// DTYPE parses TF1's other names ('float', 'double') to dtypes, in a list too
const TOUT = oneOf<[DType, readonly DType[]]>('a dtype or a list of dtypes', DTYPE as Kind<DType>, list(DTYPE as Kind<DType>)) as Kind<
  DType | readonly DType[],
  DTypeLike | readonly DTypeLike[]
>;
const PY_FUNC = [req('func', FUNC), req('inp', list(TENSOR)), req('Tout', TOUT), opt('stateful', BOOL), opt('name', STR)] as const;

/**
 * `tf.py_func(func, inp, Tout, stateful=true, name)`: an op that calls `func` on the values of `inp` (NDArrays) each
 * time it runs, synchronously, and outputs what it returns, converted to Tout's dtypes: one value (an NDArray, a
 * typed array, a number, a bool or a string), or, as TF1 takes a Python list, a JS array of such values, one per
 * output. The function lives in this process only: a graph written to a file names it by its token.
 */
export const py_func = tf1('py_func', PY_FUNC, (a): Tensor | Tensor[] | Operation => {
  const g = graphOf(a.inp);
  const isList = Array.isArray(a.Tout);
  const tout = (isList ? a.Tout : [a.Tout]) as DType[];
  const token = insertPyFunc(a.func as PyFunction, g);
  const type = a.stateful === false ? 'PyFuncStateless' : 'PyFunc';
  const op = g.name_scope(a.name ?? type, (scope) => {
    const inputs = a.inp.map((x, i) => toTensor(x, { name: `input_${i}`, graph: g }));
    return g.create_op(type, inputs, { token, Tout: tout }, scope);
  });
  if (tout.length === 0) return op;
  return isList ? [...op.outputs] : op.outputs[0]!;
});
