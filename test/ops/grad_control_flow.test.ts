import { describe, it } from 'vitest';
import { cases, condLoopCases, loopCases, refLoopCases, secondGradientCases } from './cases/control_flow.js';

describe('gradients of tf.cond (Switch, RefSwitch, Merge) against central differences (float64)', () => {
  for (const c of cases) it(`${c.op}: ${c.name}`, c.run);
});

describe('gradients of tf.while_loop (Enter, Exit, NextIteration and the Ref* twins) against central differences (float64)', () => {
  for (const c of loopCases) it(`${c.op}: ${c.name}`, c.run);
  for (const c of refLoopCases) it(`${c.op}: ${c.name}`, c.run);
});

describe('gradients of a tf.cond inside a tf.while_loop (Switch, Merge) against central differences (float64)', () => {
  for (const c of condLoopCases) it(`${c.op}: ${c.name}`, c.run);
});

describe('a second gradient through the gradient loop of a first (TF1 testStopGradMultiFlows) against central differences (float64)', () => {
  for (const c of secondGradientCases) it(`${c.op}: ${c.name}`, c.run);
});
