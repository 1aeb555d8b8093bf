// word2vec's text, made here instead of downloaded (the original reads text8, 100 MB of Wikipedia from
// mattmahoney.net): a deterministic stream of lower-case words in sentences about a few topics, so that words of
// one topic share their contexts and word2vec has something clear to find. Function words are the most frequent,
// as in English; a sprinkle of one-off tokens falls under min_occurrence and becomes UNK, as text8's rare words do.
// Half the sentences are about filler topics of made-up words, so that the vocabulary (316 words) outnumbers the
// embedding's 200 dimensions, as text8's does: with fewer words than dimensions, nce_loss is fitted by the output
// weights alone over random, independent embeddings, which then never gather by topic.

/** The topics and their words; each sentence draws its content words from one topic. */
export const TOPICS: Readonly<Record<string, readonly string[]>> = {
  numbers: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'zero'],
  motion: ['going', 'coming', 'running', 'walking', 'moving', 'flying', 'driving', 'riding', 'sailing', 'travelling'],
  computing: ['hardware', 'software', 'computer', 'memory', 'processor', 'program', 'data', 'network', 'chip', 'disk'],
  nationalities: ['american', 'british', 'french', 'german', 'italian', 'spanish', 'russian', 'chinese', 'japanese', 'canadian'],
  countries: ['britain', 'france', 'germany', 'italy', 'spain', 'russia', 'china', 'japan', 'canada', 'australia'],
  nature: ['river', 'mountain', 'forest', 'lake', 'valley', 'island', 'desert', 'ocean', 'hill', 'coast'],
};

/** The filler topics: 24 of 10 made-up words each (`qa0` … `qx9`). */
const FILLER: readonly (readonly string[])[] = Array.from({ length: 24 }, (_, t) =>
  Array.from({ length: 10 }, (_, k) => `q${String.fromCharCode(97 + t)}${k}`),
);

/** English's function words, most frequent first: they occur in every topic's sentences. */
const FUNCTION_WORDS = ['the', 'of', 'and', 'in', 'a', 'to', 'is', 'was', 'as', 'for', 'by', 'with', 'on', 'that', 'from', 'at'];

/** mulberry32: a small seeded generator of uniforms in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A Zipf-like pick from a list: the k-th item with weight 1 / (k + 2). */
function zipf(items: readonly string[], u: number): string {
  const w = items.map((_, k) => 1 / (k + 2));
  let x = u * w.reduce((a, b) => a + b, 0);
  for (let k = 0; k < items.length; k++) if ((x -= w[k]!) < 0) return items[k]!;
  return items[items.length - 1]!;
}

/**
 * `n` words of generated text (seeded, so every run reads the same text): sentences of 6 to 12 words about one of
 * the six topics (half of them) or a filler topic, each word a function word (40%) or a word of the sentence's topic,
 * now and then a one-off token (`w` and a number).
 */
export function generateCorpus(n: number, seed = 8): string[] {
  const next = rng(seed);
  const topics = Object.values(TOPICS);
  const words: string[] = [];
  let rare = 0;
  while (words.length < n) {
    const real = next() < 0.5;
    const pool = real ? topics : FILLER;
    const topic = pool[Math.floor(next() * pool.length)]!;
    const len = 6 + Math.floor(next() * 7);
    for (let i = 0; i < len && words.length < n; i++) {
      const u = next();
      if (u < 0.002) words.push(`w${rare++}`);
      else if (u < 0.4) words.push(zipf(FUNCTION_WORDS, next()));
      else words.push(zipf(topic, next()));
    }
  }
  return words;
}
