// tf.Assert as TF1 r1.12's control_flow_ops.Assert builds it: under the `Assert` name scope, one Assert op when every
// data value is a string or int32 tensor (TF1's heuristic: those live on the host), else the Assert op inside a
// cond on the condition (`AssertGuard`: a NoOp when it holds, the Assert op when it does not), whose Merge's op is
// returned. The op fails the run with InvalidArgumentError "assertion failed: [...] [...]" (session/kernels/logging.ts).
import type { Operation } from '../graph/operation.js';
import type { Tensor } from '../graph/tensor.js';
import { opt, req, tf1 } from '../framework/args.js';
import { PACKABLE, packedArg, type Packable } from './array_structure_ops.js';
import { cond } from './cond.js';
import { no_op } from './control_flow_ops.js';
import { graphOf, toTensor, type TensorLike } from './convert.js';
import { INT, list, STR, TENSOR } from './kinds.js';
import { name_scope } from './scopes.js';

const ASSERT = [req('condition', TENSOR), req('data', list(PACKABLE)), opt('summarize', INT), opt('name', STR)] as const;

/**
 * `tf.Assert(condition, data, summarize, name)`: an op that fails the run with InvalidArgumentError
 * "assertion failed: [d0] [d1] ..." when the scalar bool `condition` is false, printing at most `summarize` (3)
 * entries of each tensor of `data`; run it through a control dependency.
 */
export const Assert = tf1('Assert', ASSERT, (a): Operation => {
  const data = a.data as readonly Packable[];
  const g = graphOf([a.condition, ...data]);
  return g.as_default(() =>
    name_scope(a.name ?? null, 'Assert', [a.condition, ...data], () => {
      // convert_n_to_tensor(data): Consts named `Const` (lists holding tensors packed), which only decide the
      // route; the op converts data again, in its own scope (`data_0`, ...), as op_def_library does
      const xs = data.map((d) => toTensor(packedArg(d, 'packed'), { graph: g }));
      const attrs = { summarize: a.summarize ?? 3 };
      const assertOp = (condition: TensorLike): Operation =>
        g.name_scope('Assert', (scope) => {
          const c = toTensor(condition, { name: 'condition', graph: g });
          const ts = data.map((d, i) => toTensor(packedArg(d, `data_${i}`), { name: `data_${i}`, graph: g }));
          return g.create_op('Assert', [c, ...ts], attrs, scope);
        });
      if (xs.every((x) => x.dtype === 'string' || x.dtype === 'int32')) return assertOp(a.condition);
      const condition = toTensor(a.condition, { name: 'Condition', graph: g });
      const guarded = cond(
        condition,
        () => no_op(),
        () => assertOp(condition),
        { name: 'AssertGuard' },
      ) as Tensor;
      return guarded.op;
    }),
  );
});
