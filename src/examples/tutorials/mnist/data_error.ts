// Its own module (not in idx.ts, which reads files) so that DataSet, which throws it, stays usable in a browser.

/** A problem with MNIST data on disk: a missing, truncated, corrupt or foreign file. The message names the file. */
export class MnistDataError extends Error {
  override name = 'MnistDataError';
}
