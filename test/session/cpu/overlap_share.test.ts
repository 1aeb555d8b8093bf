// The forward product of a fed ordinary array, run again: the workers multiply its kept copy while this thread
// compares the copy with the fed bytes, then this thread takes the last rows (its share, learnt from who waited).
// The share moves the rows between threads only: every share must give the same bits, and a changed array must
// still be found whatever the share.
import { describe, expect, it } from 'vitest';
import { MAX_SHARE, SHARE_STEP, setShare, settleShare, shareKey, shareOf, splitRow } from '../../../src/session/cpu/wasm/overlap_share.js';
import { startThreads, threadCount } from '../../../src/session/cpu/wasm/pool.js';
import { stream } from './kernel_harness.js';
import { fedProduct, sparse } from './matmul_helpers.js';

describe('the calling thread’s share of the rows', () => {
  it('grows after a call where this thread waited, shrinks after one where it did not, within [0, MAX_SHARE]', () => {
    const key = shareKey(3, 7);
    expect(shareOf(key)).toBe(0);
    expect(splitRow(key, 1000)).toBe(1000);
    settleShare(key, 1.0, 0.5); // waited half the call
    expect(shareOf(key)).toBeCloseTo(SHARE_STEP, 12);
    expect(splitRow(key, 1000)).toBe(1000 - Math.floor(1000 * SHARE_STEP));
    settleShare(key, 1.0, 0.99); // a sliver: no wait
    expect(shareOf(key)).toBe(0);
    settleShare(key, 1.0, 1.0);
    expect(shareOf(key)).toBe(0);
    for (let i = 0; i < 1000; i++) settleShare(key, 1.0, 0.1);
    expect(shareOf(key)).toBe(MAX_SHARE);
    expect(splitRow(key, 1001)).toBe(1001 - Math.floor(1001 * MAX_SHARE));
  });

  it('is kept per shape', () => {
    setShare(shareKey(5, 9), 0.3);
    expect(shareOf(shareKey(5, 10))).toBe(0);
    expect(shareOf(shareKey(5, 9))).toBe(0.3);
  });
});

describe('the overlapped forward product with any share', () => {
  const [M, K, N] = [1500, 784, 10]; // above the split threshold (2^20 multiply-adds)
  const rng = stream(23);
  const a = sparse(M * K, 0.8, rng); // an ordinary array: its copy is kept and compared each run
  const b = Float32Array.from({ length: K * N }, () => rng.next() * 2 - 1);
  const key = shareKey(M, K);

  it('gives the bits of the product without the overlap, for each share and new weights each run', async () => {
    await startThreads();
    if (threadCount() < 2) return expect.fail('the workers did not start');
    fedProduct(a, false, b, M, N, K); // copies a in and packs it
    for (const share of [0, SHARE_STEP, 0.13, 0.37, MAX_SHARE]) {
      // new weights, as each training step has: a row left to stale scratch would keep the last run's values
      const w = Float32Array.from({ length: K * N }, () => rng.next() * 2 - 1);
      setShare(key, share);
      const overlapped = fedProduct(a, false, w, M, N, K); // the kept copy's product, compared meanwhile
      // the overlapped path ran: it learnt from the call (one step either way, where no bound stops it)
      if (share > 0 && share < MAX_SHARE) expect(Math.abs(shareOf(key) - share)).toBeCloseTo(SHARE_STEP, 12);
      // a new array with the same values: copied in, packed and multiplied without the overlap
      expect(overlapped).toEqual(fedProduct(a.slice(), false, w, M, N, K));
    }
  });

  it('finds a change to the fed array made between runs whatever the share', async () => {
    await startThreads();
    const c = a.slice();
    fedProduct(c, false, b, M, N, K);
    for (const [share, row] of [
      [0, M - 1],
      [0.25, 0],
      [MAX_SHARE, M - 2],
    ] as const) {
      setShare(key, share);
      c[row * K + 400] = 3.5 + share;
      const changed = fedProduct(c, false, b, M, N, K);
      const fresh = fedProduct(c.slice(), false, b, M, N, K);
      expect(changed).toEqual(fresh);
    }
  });
});
