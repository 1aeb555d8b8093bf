import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { runArticle, type ArticleIO, type ArticleOptions } from '../../src/tutorial/article.js';
import { defineArticleScope } from '../../src/tutorial/article_scope.js';
import { read_data_sets, type Datasets } from '../../src/examples/tutorials/mnist/input_data.js';
import { Notebook } from '../../src/tutorial/notebook.js';

/**
 * A short run with every ALL-CAPS value off its default, so each printed value can be checked against the run.
 * 100 training examples keep the CPU backend's gradient matmul on one thread: above that it sums per-thread
 * partials over as many worker threads as are listening at that moment, so the last float32 digits of two runs
 * in one process can differ while the workers start up.
 */
const OPTS: ArticleOptions = {
  TRAIN_SIZE: 100,
  TEST_SIZE: 500,
  LEARNING_RATE: 0.3,
  TRAIN_STEPS: 20,
  backend: 'cpu',
  seed: 11,
  animationSizes: [1, 5, 300],
};

/** Output into a list: figures and the GIF by name only, checkpoints "saved" under a made-up prefix. */
function memoryIO(lines: string[]): ArticleIO {
  return {
    print: (l) => lines.push(l),
    figure: async (name) => `out/${name}`,
    animation: async (name) => `out/${name}`,
    checkpoint: { save: async (_sess, vars, step) => `ckpt/model.ckpt-${step} (${vars.length} variables)` },
  };
}

/** The printed statements: runs of `> ` lines, a statement lasting until its brackets close. */
function statements(lines: readonly string[]): string[] {
  const out: string[] = [];
  let open: string[] = [];
  let depth = 0;
  for (const line of lines) {
    if (!line.startsWith('> ')) continue;
    const code = line.slice(2);
    open.push(code);
    depth += (code.match(/[([{]/g) ?? []).length - (code.match(/[)\]}]/g) ?? []).length;
    if (depth === 0) {
      out.push(open.join('\n'));
      open = [];
    }
  }
  expect(open, 'an unclosed statement at the end').toEqual([]);
  return out;
}

let mnist: Datasets;
let printed: string[];
beforeAll(async () => {
  mnist = read_data_sets(undefined, { one_hot: true, log: null });
  printed = [];
  await runArticle(mnist, OPTS, memoryIO(printed));
}, 120_000);

describe("the tutorial's printed code is the code that runs", () => {
  it('its printed statements, run again in a fresh notebook with the same helpers, print the same output line for line', async () => {
    const again: string[] = [];
    const io = memoryIO(again);
    const nb = new Notebook({ tf }, { print: io.print, graph: new tf.Graph() });
    defineArticleScope(nb, mnist, OPTS.seed, { print: io.print, figure: io.figure, animation: io.animation, save: io.checkpoint!.save });
    try {
      for (const s of statements(printed)) await nb.run(s);
    } finally {
      nb.get('sess', tf.Session).close();
    }
    // The one line the article prints between statements: which backend the session got.
    expect(printed.filter((l) => l.startsWith('// '))).toEqual(['// running on the cpu backend']);
    expect(again).toEqual(printed.filter((l) => !l.startsWith('// ')));
    expect(again.filter((l) => l.startsWith('Training Step:'))).toHaveLength(2);
  }, 120_000);

  it('prints each option as a value in the statement that uses it', () => {
    for (const line of [
      "const sess = new tf.Session({ backend: 'cpu' })",
      'const LEARNING_RATE = 0.3',
      'const TRAIN_STEPS = 20',
      '[x_train, y_train] = TRAIN_SIZE(100)',
      '[x_test, y_test] = TEST_SIZE(500)',
      'for (const size of [1, 5]) {',
      'add_frame(100, records.at(-1).accuracy, weights)',
    ])
      expect(printed, line).toContain(`> ${line}`);
  });

  it('prints the training loop as the statement that runs it, each record as it comes', () => {
    const i = printed.indexOf(
      '> await trainRun(sess, model, { x_train, y_train, x_test, y_test }, { TRAIN_STEPS }).forEach((r) => { records.push(r); console.log(formatStepRecord(r)) })',
    );
    expect(i).toBeGreaterThan(0);
    expect(printed[i - 1]).toBe('> const records = []');
    expect(printed.slice(i + 1, i + 3).map((l) => l.split('  ')[0])).toEqual(['Training Step:0', 'Training Step:20']);
    expect(printed[i + 3]).toBe("> console.log('Saved', await save_checkpoint(sess, [W, b], TRAIN_STEPS))  // --save: W and b in a checkpoint");
    expect(printed[i + 4]).toBe('Saved ckpt/model.ckpt-20 (2 variables)');
  });
});
