// TF's histogram (core/lib/histogram/histogram.cc), as the HistogramSummary kernel fills a HistogramProto: values
// counted in buckets whose limits grow by 10% from 1e-12 to 1e20 on both sides of zero, runs of empty buckets
// collapsed into one when encoded.
import { create } from '@bufbuild/protobuf';
import { type HistogramProto, HistogramProtoSchema } from '../proto/tensorflow/core/framework/summary_pb.js';

const DBL_MAX = Number.MAX_VALUE;

function defaultBucketLimits(): readonly number[] {
  const pos: number[] = [];
  for (let v = 1.0e-12; v < 1.0e20; v *= 1.1) pos.push(v);
  pos.push(DBL_MAX);
  const neg = pos.map((v) => -v).reverse();
  return Object.freeze([...neg, 0.0, ...pos]);
}

/** TF's default bucket limits (InitDefaultBuckets): 775 negative, zero, 775 positive; the outermost are ±DBL_MAX. */
export const DEFAULT_BUCKET_LIMITS: readonly number[] = defaultBucketLimits();

/** TF's Histogram: `add` values, then `encode` a HistogramProto. */
export class Histogram {
  private min = 0;
  private max = 0;
  private num = 0;
  private sum = 0;
  private sumSquares = 0;
  private readonly buckets: Float64Array;

  constructor(readonly bucketLimits: readonly number[] = DEFAULT_BUCKET_LIMITS) {
    this.buckets = new Float64Array(bucketLimits.length);
    this.clear();
  }

  /** Empties the histogram (min starts at the last limit, max at -DBL_MAX, as TF's Clear). */
  clear(): void {
    this.min = this.bucketLimits[this.bucketLimits.length - 1]!;
    this.max = -DBL_MAX;
    this.num = 0;
    this.sum = 0;
    this.sumSquares = 0;
    this.buckets.fill(0);
  }

  /** Counts one value in the first bucket whose limit is above it (std::upper_bound). */
  add(value: number): void {
    let lo = 0;
    let hi = this.bucketLimits.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.bucketLimits[mid]! > value) hi = mid;
      else lo = mid + 1;
    }
    this.buckets[lo]! += 1;
    if (this.min > value) this.min = value;
    if (this.max < value) this.max = value;
    this.num++;
    this.sum += value;
    this.sumSquares += value * value;
  }

  /** TF's EncodeToProto: each bucket's limit and count, runs of empty buckets as one unless `preserveZeroBuckets`. */
  encode(preserveZeroBuckets = false): HistogramProto {
    const bucketLimit: number[] = [];
    const bucket: number[] = [];
    const n = this.buckets.length;
    for (let i = 0; i < n; ) {
      let end = this.bucketLimits[i]!;
      let count = this.buckets[i]!;
      i++;
      if (!preserveZeroBuckets && count <= 0) {
        while (i < n && this.buckets[i]! <= 0) {
          end = this.bucketLimits[i]!;
          count = this.buckets[i]!;
          i++;
        }
      }
      bucketLimit.push(end);
      bucket.push(count);
    }
    if (bucket.length === 0) {
      bucketLimit.push(DBL_MAX);
      bucket.push(0);
    }
    return create(HistogramProtoSchema, { min: this.min, max: this.max, num: this.num, sum: this.sum, sumSquares: this.sumSquares, bucketLimit, bucket });
  }
}
