import { describe, expect, it, vi } from 'vitest';
import { listExamples, runExample } from '../../src/cli/example.js';
import { buildProgram } from '../../src/cli/program.js';

// `tf1-ts example NAME [--short]` (and `npm run example -- NAME`): the examples/ programs by name.
const EXAMPLES = [
  'autoencoder',
  'basic_operations',
  'bidirectional_rnn',
  'convolutional_network_raw',
  'dynamic_rnn',
  'fully_connected_feed',
  'gan',
  'linear_regression',
  'logistic_regression',
  'mnist_deep',
  'mnist_softmax',
  'multilayer_perceptron',
  'nearest_neighbor',
  'neural_network_raw',
  'recurrent_network',
  'save_restore_model',
  'variational_autoencoder',
  'word2vec',
];

describe('tf1-ts example', () => {
  it('finds every program of examples/ by its name (not the helpers under examples/lib, nor examples/mnist.ts, the module fully_connected_feed imports)', () => {
    expect([...listExamples().keys()]).toEqual(EXAMPLES);
  });

  it('lists them when no name is given', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      await buildProgram().parseAsync(['node', 'tf1-ts', 'example']);
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual(EXAMPLES);
  });

  it('runs one by name, and names the choices for an unknown one', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      await buildProgram().parseAsync(['node', 'tf1-ts', 'example', 'basic_operations', '--short']);
    } finally {
      spy.mockRestore();
    }
    expect(lines.at(-1)).toBe('[[12.]]');
    await expect(runExample('no_such_example', true)).rejects.toThrow("unknown example 'no_such_example' (one of: autoencoder, basic_operations,");
  });
});
