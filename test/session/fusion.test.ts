// The fusion pass (session/fusion.ts) on plans, and the CPU backend's fused loops (cpu/fused.ts): the same bits as
// the separate kernels, since each op is the same float32 operation in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { NDArray } from '../../src/framework/ndarray.js';
import { compilePlan } from '../../src/session/plan.js';
import { fusePlan, type FusedStep } from '../../src/session/fusion.js';
import { CPU_FUSION } from '../../src/session/cpu/fused.js';
import { CpuBackend } from '../../src/session/cpu/backend.js';
import { buildArticleGraph } from '../helpers/article_graph.js';
import { bits, chainCase, chainGraph } from '../helpers/fusion_chains.js';

const zeros = (shape: number[]): NDArray => NDArray.zeros(shape, 'float32');

/** The article's training plan for a batch of `n`, fused by the CPU's rules: each fused step's ops and arguments. */
function articleTrees(n: number): string[] {
  const m = buildArticleGraph();
  const plan = compilePlan(
    [m.training],
    new Map([
      [m.x, zeros([n, 784])],
      [m.y_, zeros([n, 10])],
    ]),
  );
  const fused = fusePlan(plan, CPU_FUSION);
  const trees = fused.steps.filter((s): s is FusedStep => s.kind === 'fused');
  // every leaf lives until its tree's root runs
  for (const s of trees) {
    const at = fused.steps.indexOf(s);
    for (const id of s.inputs) expect(fused.values[fused.values[id]!.root]!.lastUse).toBeGreaterThanOrEqual(at);
  }
  return trees.map((s) => s.nodes.map((n) => `${n.op.name}(${n.args.map((a) => ('leaf' in a ? `leaf ${a.leaf}` : `node ${a.node}`)).join(', ')})`).join('; '));
}

/** A session on `graph` whose CPU backend fuses or not. */
async function cpuSession(graph: tf.Graph, fusion: boolean): Promise<tf.Session> {
  const sess = new tf.Session({ graph, backend: 'cpu' });
  const b = await sess.getBackend();
  if (!(b instanceof CpuBackend)) throw new Error('not the CPU backend');
  b.fusion = fusion;
  return sess;
}

describe('the fusion pass', () => {
  it("finds the article's two trees (Log's gradient, Softmax's) at the mini-batch's shape, none at the article's on the CPU", () => {
    expect(articleTrees(100)).toEqual([
      'gradients/Log_grad/Reciprocal(leaf 0); gradients/Log_grad/mul(leaf 1, node 0)',
      'gradients/Softmax_grad/sub(leaf 0, leaf 1); gradients/Softmax_grad/mul_1(node 0, leaf 2)',
    ]);
    expect(articleTrees(5500)).toEqual([]);
  });

  it('gives the bits of the separate kernels on random chains with broadcast leaves (rows, columns, scalars), NaN, ±0 and infinities', async () => {
    await fc.assert(
      fc.asyncProperty(chainCase, async ({ rows, cols, links, seed }) => {
        const { g, y, feeds } = chainGraph(rows, cols, links, seed);
        const fused = await cpuSession(g, true);
        const separate = await cpuSession(g, false);
        const md = new tf.RunMetadata();
        const got = await fused.run(y, feeds, { options: new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), run_metadata: md });
        const want = await separate.run(y, feeds);
        expect(bits(got)).toEqual(bits(want));
        // one step for the whole chain
        expect(md.step_stats.length).toBe(1);
        fused.close();
        separate.close();
      }),
      { numRuns: 60 },
    );
  });

  it("trains the article's model on mini-batches to the same bits with and without fusion", async () => {
    const run = async (fusion: boolean) => {
      const m = buildArticleGraph(0.1);
      const sess = await cpuSession(m.graph, fusion);
      await sess.run(m.init);
      const losses: number[] = [];
      for (let step = 0; step < 20; step++) {
        const x = zeros([100, 784]);
        const y = zeros([100, 10]);
        for (let i = 0; i < x.size; i++) x.data[i] = ((i * 7919 + step * 104729) % 1000) / 4000;
        for (let r = 0; r < 100; r++) y.data[r * 10 + ((r + step) % 10)] = 1;
        const feeds = new Map([
          [m.x, x],
          [m.y_, y],
        ]);
        const [loss] = await sess.run([m.cross_entropy, m.training], feeds);
        losses.push(loss!.item());
      }
      const [W, b] = await sess.run([m.W, m.b]);
      sess.close();
      return { losses, W: bits(W!), b: bits(b!) };
    };
    const fused = await run(true);
    const separate = await run(false);
    expect(fused.losses).toEqual(separate.losses);
    expect(fused.W).toEqual(separate.W);
    expect(fused.b).toEqual(separate.b);
    // it trained: the weights moved from their zeros, and the losses are numbers
    expect(fused.W.some((b) => b !== 0)).toBe(true);
    expect(fused.losses.every(Number.isFinite)).toBe(true);
  });
});
