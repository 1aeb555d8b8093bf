import { describe, expect, it } from 'vitest';
import { TOPICS } from '../../examples/lib/corpus.js';
import { main as word2vec } from '../../examples/word2vec.js';
import { runShort } from './run.js';

// word2vec on CI's short setting (examples/word2vec.ts): the generated text's six topics, 1500 steps of nce_loss.

const FUNCTION_WORDS = ['the', 'of', 'and', 'in', 'a', 'to', 'is', 'was', 'as', 'for', 'by', 'with', 'on', 'that', 'from', 'at'];

describe('examples/word2vec', () => {
  it("prints the original's lines; the NCE loss falls; the nearest words of a word are its topic's", async () => {
    const { result, lines } = await runShort(word2vec);
    expect(lines.slice(0, 3)).toEqual(['Words count: 200000', 'Unique words: 714', 'Vocabulary size: 317']);
    expect(lines[3]).toMatch(/^Most common words: \[\('UNK', \d+\), \('the', \d+\), \('of', \d+\), /);
    expect(lines.filter((l) => /^Step \d+, Average Loss= \d+\.\d{4}$/.test(l)).map((l) => l.split(',')[0])).toEqual([
      'Step 1',
      'Step 500',
      'Step 1000',
      'Step 1500',
    ]);
    expect(lines.filter((l) => l === 'Evaluation...')).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/^"britain" nearest neighbors:( \w+,){8}$/);
    const [first, ...rest] = result.losses;
    expect(rest.at(-1)!).toBeLessThan(first! / 10);
    expect(rest.at(-1)!).toBeLessThanOrEqual(rest[0]!);
    // The 8 nearest words (by cosine similarity of the embeddings) of each evaluation word are mostly of its own
    // topic, where chance would give under one of 8 (about half of one for 'of').
    const sameTopic = (word: string, topic: readonly string[]): number => result.neighbours.get(word)!.filter((w) => topic.includes(w)).length;
    const counts = [
      sameTopic('five', TOPICS.numbers!),
      sameTopic('going', TOPICS.motion!),
      sameTopic('hardware', TOPICS.computing!),
      sameTopic('american', TOPICS.nationalities!),
      sameTopic('britain', TOPICS.countries!),
    ];
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24);
    for (const c of counts) expect(c).toBeGreaterThanOrEqual(3);
    expect(sameTopic('of', FUNCTION_WORDS)).toBeGreaterThanOrEqual(4);
  });
});
