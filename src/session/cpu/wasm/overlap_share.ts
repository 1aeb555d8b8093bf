// How the forward product's rows are shared while the calling thread compares a fed array with its kept copy
// (matmul.ts, rowsProduct's `during`): the workers take the first rows, the calling thread the last ones once its
// comparison is done. The comparison's time (memory-bound) and the product's (compute-bound) differ from machine to
// machine and with the load, so the calling thread's share is learnt: a little more after a call where it waited for
// the workers, a little less after one where it finished last. Each row of the product is computed alone, in the
// same order of terms whoever computes it, so the share changes no bit of the result, only who waits.

/** The most of the rows the calling thread takes: it has its comparison to do first. */
export const MAX_SHARE = 0.5;
/** How far one call moves the share. */
export const SHARE_STEP = 0.005;
/** A wait shorter than this part of the call counts as none: the workers' finish is seen a little late. */
const WAIT_SLACK = 0.02;

/** The calling thread's share of each product's rows, by its shape (rows and depth). */
const shares = new Map<number, number>();

/** The key of a product of M rows and depth K. */
export function shareKey(M: number, K: number): number {
  return M * 65536 + K;
}

/** Where the calling thread's rows begin, of M: the workers take [0, split), it takes [split, M). */
export function splitRow(key: number, M: number): number {
  return M - Math.floor(M * (shares.get(key) ?? 0));
}

/**
 * Learns from a call: `total` its time, `mine` when the calling thread had done its comparison and its rows (both
 * from the call's start). It waited for the workers when total - mine is more than a sliver of the call.
 */
export function settleShare(key: number, total: number, mine: number): void {
  const share = shares.get(key) ?? 0;
  const waited = total - mine > WAIT_SLACK * total;
  shares.set(key, Math.min(MAX_SHARE, Math.max(0, share + (waited ? SHARE_STEP : -SHARE_STEP))));
}

/** The share now (for tests and the bench). */
export function shareOf(key: number): number {
  return shares.get(key) ?? 0;
}

/** Sets a product's share (tests: the result must not depend on it). */
export function setShare(key: number, share: number): void {
  shares.set(key, Math.min(MAX_SHARE, Math.max(0, share)));
}
