// TF1 r1.12's control_flow_ops_test.py ContextTest: a CondContext's and a WhileContext's proto survives
// from_proto (every op's context, rebuilt from its proto, writes the same proto), and a ValuesDef read under an
// import scope and written under it as export scope is the one it came from. Read from the ~r1.12 control_flow_ops.py
// in the index (r1.12's own file is not in it). Besides TF1's round trips, each test pins the proto's fields to the
// names TF1 r1.12 gives the same graph, so that a round trip of a wrong proto cannot pass.
import { equals } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { CondContextDefSchema, ValuesDefSchema, WhileContextDefSchema } from '../../src/framework/proto/tensorflow/core/protobuf/control_flow_pb.js';
import { CondContext } from '../../src/ops/cond.js';
import { cond_context_from_proto, while_context_from_proto } from '../../src/ops/control_flow_context_def.js';
import { toValuesDef, valuesFromDef } from '../../src/ops/control_flow_values.js';
import { WhileContext } from '../../src/ops/while_context.js';

type T = tf.Tensor;

describe('ContextTest', () => {
  it('testCondContext', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.constant(2);
      const y = tf.constant(5);
      tf.cond(
        tf.less(x, y),
        () => tf.multiply(x, 17),
        () => tf.add(y, 23),
      );
      let checked = 0;
      for (const op of g.get_operations()) {
        const c = op._control_flow_context;
        if (!c) continue;
        expect(c).toBeInstanceOf(CondContext);
        const proto = (c as CondContext).to_proto()!;
        expect(equals(CondContextDefSchema, proto, cond_context_from_proto(proto).to_proto()!)).toBe(true);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
      // The true branch as TF1 r1.12 writes it.
      const [t, f] = g.get_collection('cond_context') as CondContext[];
      const def = t!.to_proto()!;
      expect(def.contextName).toBe('cond/cond_text');
      expect([def.predName, def.pivotName, def.branch]).toEqual(['cond/pred_id:0', 'cond/switch_t:0', 1]);
      expect(def.valuesDef!.values).toEqual(['Const:0', 'cond/Mul/Switch:1', 'cond/Mul/y:0', 'cond/Mul:0', 'cond/pred_id:0', 'cond/switch_t:0']);
      expect(def.valuesDef!.externalValues).toEqual({ 'cond/pred_id:0': 'cond/pred_id:0', 'Const:0': 'cond/Mul/Switch:1' });
      expect(f!.to_proto()!.contextName).toBe('cond/cond_text_1');
      expect(f!.to_proto()!.valuesDef!.externalValues).toEqual({ 'cond/pred_id:0': 'cond/pred_id:0', 'Const_1:0': 'cond/Add/Switch:0' });
    });
  });

  const whileContextHelper = (maximum_iterations: number | null): WhileContext => {
    const g = new tf.Graph();
    return g.as_default(() => {
      const i = tf.constant(0);
      const c = (i: T): T => tf.less(i, 10);
      const b = (i: T): T => tf.add(i, 1);
      tf.while_loop(c, b, [i], { maximum_iterations });
      let checked = 0;
      for (const op of g.get_operations()) {
        const ctx = op._control_flow_context;
        if (!ctx) continue;
        expect(ctx).toBeInstanceOf(WhileContext);
        const proto = (ctx as WhileContext).to_proto()!;
        expect(equals(WhileContextDefSchema, proto, while_context_from_proto(proto).to_proto()!)).toBe(true);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
      return g.get_collection('while_context')[0] as WhileContext;
    });
  };

  it('testWhileContext', () => {
    const def = whileContextHelper(null).to_proto()!;
    expect(def.contextName).toBe('while/while_context');
    expect([def.parallelIterations, def.backProp, def.swapMemory]).toEqual([10, true, false]);
    expect([def.pivotName, def.pivotForPredName, def.pivotForBodyName]).toEqual(['while/LoopCond:0', 'while/Merge:0', 'while/Identity:0']);
    expect([def.loopEnterNames, def.loopExitNames]).toEqual([['while/Enter:0'], ['while/Exit:0']]);
    expect(def.valuesDef!.values).toEqual([
      'while/Add/y:0',
      'while/Add:0',
      'while/Enter:0',
      'while/Exit:0',
      'while/Identity:0',
      'while/Less/y:0',
      'while/Less:0',
      'while/LoopCond:0',
      'while/Merge:0',
      'while/Merge:1',
      'while/NextIteration:0',
      'while/Switch:0',
      'while/Switch:1',
    ]);
    expect(def.valuesDef!.externalValues).toEqual({});
    expect(def.maximumIterationsName).toBe('');
  });

  it('testWhileContextWithMaximumIterations', () => {
    const def = whileContextHelper(10).to_proto()!;
    expect(def.maximumIterationsName).toBe('while/maximum_iterations:0');
    // the counter's `i + 1` and `i < maximum_iterations`, the limit entering as a loop constant
    expect(def.valuesDef!.values).toContain('while/add:0');
    expect(def.valuesDef!.externalValues).toEqual({ 'while/maximum_iterations:0': 'while/Less/Enter:0' });
    expect(def.loopEnterNames).toEqual(['while/Enter:0', 'while/Enter_1:0']);
  });

  it('testControlContextImportScope', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      tf.constant(0, { name: 'a' });
      tf.constant(2, { name: 'test_scope/a' });
      const b1 = tf.constant(1, { name: 'b' });
      const b2 = tf.constant(3, { name: 'test_scope/b' });

      // TF1's NoABCControlFlowContext with _values ["a", "b"] and _external_values {"a": b1}
      const values = new Set(['a', 'b']);
      const external = new Map([['a', b1]]);
      const ctx = { outer_context: null, is_while: false, addInputs: (x: readonly T[]) => [...x], addOp: () => {} };
      const withScope = valuesFromDef(g, toValuesDef(values, external), 'test_scope', 'c', ctx);

      // _values and _external_values have the scope prepended.
      expect(withScope.values).toEqual(new Set(['test_scope/a', 'test_scope/b']));
      expect(withScope.external).toEqual(new Map([['test_scope/a', b2]]));
      // ... and the op that is not external is in the context.
      expect(g.get_operation_by_name('test_scope/b')._control_flow_context).toBe(ctx);
      expect(g.get_operation_by_name('test_scope/a')._control_flow_context).toBeNull();

      // Writing it with export_scope removes "test_scope".
      expect(equals(ValuesDefSchema, toValuesDef(values, external), toValuesDef(withScope.values, withScope.external, 'test_scope'))).toBe(true);
    });
  });
});
