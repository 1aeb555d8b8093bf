// A fused tree's two runners (cpu/fused.ts): the separate kernels' SIMD passes made once per tree (fused_wasm.ts),
// where every operand lies in the kernels' memory, and the JavaScript loop, which runs otherwise; both give the
// separate kernels' bits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { NDArray } from '../../../src/framework/ndarray.js';
import { compilePlan } from '../../../src/session/plan.js';
import { fusePlan, type FusedStep } from '../../../src/session/fusion.js';
import { CPU_FUSION, fusedRunner, loopRunner } from '../../../src/session/cpu/fused.js';
import { simdRunner } from '../../../src/session/cpu/fused_wasm.js';
import { hostZeros } from '../../../src/session/cpu/arena.js';
import { CpuBackend } from '../../../src/session/cpu/backend.js';
import { bits, chainCase, chainGraph } from '../../helpers/fusion_chains.js';

/** A copy of `a` in the kernels' memory. */
function inMemory(a: NDArray): NDArray {
  const c = hostZeros(a.shape, 'float32');
  c.data.set(a.data);
  return c;
}

describe("a fused tree's runners", () => {
  it('run random chains in SIMD passes to the bits of the loop and of the separate kernels; an operand outside the memory leaves it to the loop', async () => {
    await fc.assert(
      fc.asyncProperty(chainCase, async ({ rows, cols, links, seed }) => {
        const { g, y, feeds } = chainGraph(rows, cols, links, seed);
        const plan = fusePlan(compilePlan([y], feeds), CPU_FUSION);
        const trees = plan.steps.filter((s): s is FusedStep => s.kind === 'fused');
        expect(trees).toHaveLength(1);
        const tree = trees[0]!;
        const leafShapes = tree.inputs.map((id) => plan.values[id]!.shape!);
        const out = plan.values[tree.outputs[0]!]!.shape!;
        const leaves = tree.inputs.map((id) => feeds.get(plan.values[id]!.tensor)!);

        const viaLoop = NDArray.zeros(out, 'float32');
        loopRunner(tree.nodes, leafShapes, out)(leaves, viaLoop.data as Float32Array);
        const simd = simdRunner(tree.nodes, leafShapes, out);
        expect(simd).not.toBeNull();
        const viaSimd = hostZeros(out, 'float32');
        expect(simd!(leaves.map(inMemory), viaSimd.data as Float32Array)).toBe(true);
        expect(bits(viaSimd)).toEqual(bits(viaLoop));

        // the leaves as they were fed (ordinary arrays, not fed to a run now): the passes do nothing, the loop runs
        const untouched = hostZeros(out, 'float32');
        untouched.data.fill(7);
        expect(simd!(leaves, untouched.data as Float32Array)).toBe(false);
        expect([...untouched.data].every((v) => v === 7)).toBe(true);
        const either = NDArray.zeros(out, 'float32');
        fusedRunner(tree.nodes, leafShapes, out)(leaves, either.data as Float32Array);
        expect(bits(either)).toEqual(bits(viaLoop));

        const sess = new tf.Session({ graph: g, backend: 'cpu' });
        const b = await sess.getBackend();
        if (!(b instanceof CpuBackend)) throw new Error('not the CPU backend');
        b.fusion = false;
        expect(bits(await sess.run(y, feeds))).toEqual(bits(viaLoop));
        sess.close();
      }),
      { numRuns: 80 },
    );
  });
});
