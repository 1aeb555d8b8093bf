// Word2Vec.
//
// Implement Word2Vec algorithm to compute vector representations of words.
// This example is using a small chunk of Wikipedia articles to train from.
//
// References:
//     - Mikolov, Tomas et al. "Efficient Estimation of Word Representations
//     in Vector Space.", 2013.
//
// Links:
//     - [Word2Vec] https://arxiv.org/pdf/1301.3781.pdf
//
// Author: Aymeric Damien
// Project: https://github.com/aymericdamien/TensorFlow-Examples/
// (tensorflow_v1/examples/2_BasicModels/word2vec.py, line for line. Nothing is downloaded: the text is made here
// (examples/lib/corpus.ts, 2 million words of sentences about six topics and filler topics of made-up words) where
// the original reads text8, a chunk of Wikipedia, from mattmahoney.net.)
//
// Published figure: the repository prints none. This port's run: docs/examples.md.
// Short setting (CI): 200000 words of text, 1500 steps (not 3000000) displaying every 500 and evaluating at the end,
// and, so that so few steps find the topics, embeddings of 16 (not 200) learning at rate 1.0 (not 0.1).
import * as tf from 'tf1-ts';
import { generateCorpus } from './lib/corpus.js';
import { type ExampleOptions, fixed, print } from './lib/example.js';

/** Python's `collections.Counter(words).most_common(n)`: by count, ties in order of first appearance. */
function most_common(words: readonly string[], n: number): [string, number][] {
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

/** Python's `random.sample(population, k)`: k distinct items, in random order. */
function random_sample<T>(population: readonly T[], k: number): T[] {
  const pool = [...population];
  const out: T[] = [];
  for (let i = 0; i < k; i++) out.push(pool.splice(Math.floor(Math.random() * pool.length), 1)[0]!);
  return out;
}

/** Python's printing of a list of (str, int) tuples. */
const tuples = (l: readonly [string, number][]): string => `[${l.map(([w, c]) => `('${w}', ${c})`).join(', ')}]`;

export async function main({ short = false }: ExampleOptions = {}) {
  // Training Parameters
  const learning_rate = short ? 1.0 : 0.1;
  const batch_size = 128;
  const num_steps = short ? 1500 : 3000000;
  const display_step = short ? 500 : 10000;
  const eval_step = short ? 1500 : 200000;

  // Evaluation Parameters
  const eval_words = ['five', 'of', 'going', 'hardware', 'american', 'britain'];

  // Word2Vec Parameters
  const embedding_size = short ? 16 : 200; // Dimension of the embedding vector
  const max_vocabulary_size = 50000; // Total number of different words in the vocabulary
  const min_occurrence = 10; // Remove all words that does not appears at least n times
  const skip_window = 3; // How many words to consider left and right
  const num_skips = 2; // How many times to reuse an input to generate a label
  const num_sampled = 64; // Number of negative examples to sample

  // Download a small chunk of Wikipedia articles collection
  // (here: generate the text, see examples/lib/corpus.ts; the words are already lower case)
  const text_words = generateCorpus(short ? 200000 : 2000000);

  // Build the dictionary and replace rare words with UNK token
  const count: [string, number][] = [['UNK', -1]];
  // Retrieve the most common words
  count.push(...most_common(text_words, max_vocabulary_size - 1));
  // Remove samples with less than 'min_occurrence' occurrences
  for (let i = count.length - 1; i > -1; i--) {
    if (count[i]![1] < min_occurrence) {
      count.pop();
    } else {
      // The collection is ordered, so stop when 'min_occurrence' is reached
      break;
    }
  }
  // Compute the vocabulary size
  const vocabulary_size = count.length;
  // Assign an id to each word
  const word2id = new Map<string, number>();
  count.forEach(([word], i) => word2id.set(word, i));

  const data: number[] = [];
  let unk_count = 0;
  for (const word of text_words) {
    // Retrieve a word id, or assign it index 0 ('UNK') if not in dictionary
    const index = word2id.get(word) ?? 0;
    if (index === 0) {
      unk_count += 1;
    }
    data.push(index);
  }
  count[0] = ['UNK', unk_count];
  const id2word = new Map([...word2id].map(([w, i]) => [i, w]));

  print('Words count:', text_words.length);
  print('Unique words:', new Set(text_words).size);
  print('Vocabulary size:', vocabulary_size);
  print('Most common words:', tuples(count.slice(0, 10)));

  let data_index = 0;
  // Generate training batch for the skip-gram model
  function next_batch(batch_size: number, num_skips: number, skip_window: number): [Int32Array, tf.NDArray] {
    if (batch_size % num_skips !== 0) throw new Error('AssertionError');
    if (num_skips > 2 * skip_window) throw new Error('AssertionError');
    const batch = new Int32Array(batch_size);
    const labels = new Int32Array(batch_size);
    // get window size (words left and right + current one)
    const span = 2 * skip_window + 1;
    const buffer: number[] = []; // collections.deque(maxlen=span)
    const append = (w: number): void => {
      buffer.push(w);
      if (buffer.length > span) buffer.shift();
    };
    if (data_index + span > data.length) {
      data_index = 0;
    }
    for (const w of data.slice(data_index, data_index + span)) append(w);
    data_index += span;
    for (let i = 0; i < Math.floor(batch_size / num_skips); i++) {
      const context_words = [...Array(span).keys()].filter((w) => w !== skip_window);
      const words_to_use = random_sample(context_words, num_skips);
      words_to_use.forEach((context_word, j) => {
        batch[i * num_skips + j] = buffer[skip_window]!;
        labels[i * num_skips + j] = buffer[context_word]!;
      });
      if (data_index === data.length) {
        for (const w of data.slice(0, span)) append(w);
        data_index = span;
      } else {
        append(data[data_index]!);
        data_index += 1;
      }
    }
    // Backtrack a little bit to avoid skipping words in the end of a batch
    data_index = (data_index + data.length - span) % data.length;
    return [batch, new tf.NDArray(labels, [batch_size, 1], 'int32')];
  }

  // Input data
  const X = tf.placeholder(tf.int32, { shape: [null] });
  // Input label
  const Y = tf.placeholder(tf.int32, { shape: [null, 1] });

  // Ensure the following ops & var are assigned on CPU
  // (some ops are not compatible on GPU)
  // with tf.device('/cpu:0'):  (tf1-ts places nothing: the Session's backend runs every op)
  // Create the embedding variable (each row represent a word embedding vector)
  const embedding = tf.Variable(tf.random_normal([vocabulary_size, embedding_size]));
  // Lookup the corresponding embedding vectors for each sample in X
  const X_embed = tf.nn.embedding_lookup(embedding, X);

  // Construct the variables for the NCE loss
  const nce_weights = tf.Variable(tf.random_normal([vocabulary_size, embedding_size]));
  const nce_biases = tf.Variable(tf.zeros([vocabulary_size]));

  // Compute the average NCE loss for the batch
  const loss_op = tf.reduce_mean(
    tf.nn.nce_loss({ weights: nce_weights, biases: nce_biases, labels: Y, inputs: X_embed, num_sampled: num_sampled, num_classes: vocabulary_size }),
  );

  // Define the optimizer
  const optimizer = new tf.train.GradientDescentOptimizer(learning_rate);
  const train_op = optimizer.minimize(loss_op);

  // Evaluation
  // Compute the cosine similarity between input data embedding and every embedding vectors
  const X_embed_norm = X_embed.div(tf.sqrt(tf.reduce_sum(tf.square(X_embed))));
  const embedding_norm = embedding.div(tf.sqrt(tf.reduce_sum(tf.square(embedding), 1, { keepdims: true })));
  const cosine_sim_op = tf.matmul(X_embed_norm, embedding_norm, { transpose_b: true });

  // Initialize the variables (i.e. assign their default value)
  const init = tf.global_variables_initializer();

  // with tf.Session() as sess:
  const sess = new tf.Session();

  // Run the initializer
  await sess.run(init);

  // Testing data
  const x_test = Int32Array.from(eval_words, (w) => word2id.get(w)!);

  const losses: number[] = [];
  const neighbours = new Map<string, string[]>();
  let average_loss = 0;
  for (let step = 1; step < num_steps + 1; step++) {
    // Get a new batch of data
    const [batch_x, batch_y] = next_batch(batch_size, num_skips, skip_window);
    // Run training op
    const [, loss] = await sess.run(
      [train_op, loss_op],
      new Map<tf.Tensor, tf.FeedValue>([
        [X, batch_x],
        [Y, batch_y],
      ]),
    );
    average_loss += loss!.item() as number;

    if (step % display_step === 0 || step === 1) {
      if (step > 1) {
        average_loss /= display_step;
      }
      print(`Step ${step}, Average Loss= ${fixed(average_loss, 4)}`);
      losses.push(average_loss);
      average_loss = 0;
    }

    // Evaluation
    if (step % eval_step === 0 || step === 1) {
      print('Evaluation...');
      const sim = await sess.run(cosine_sim_op, new Map([[X, x_test]]));
      for (let i = 0; i < eval_words.length; i++) {
        const top_k = 8; // number of nearest neighbors
        const row = Array.from(sim.data.subarray(i * vocabulary_size, (i + 1) * vocabulary_size));
        const nearest = row
          .map((_, k) => k)
          .sort((a, b) => row[b]! - row[a]!)
          .slice(1, top_k + 1);
        let log_str = `"${eval_words[i]}" nearest neighbors:`;
        for (let k = 0; k < top_k; k++) {
          log_str = `${log_str} ${id2word.get(nearest[k]!)},`;
        }
        print(log_str);
        neighbours.set(
          eval_words[i]!,
          nearest.map((k) => id2word.get(k)!),
        );
      }
    }
  }
  sess.close();
  return { vocabulary_size, losses, neighbours };
}
