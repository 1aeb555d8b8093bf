// Types for snappyjs (pure-JS Snappy, https://github.com/zhipeng-jia/snappyjs), which ships none.
declare module 'snappyjs' {
  /** The uncompressed bytes of a Snappy block; throws for a malformed stream or one longer than maxLength. */
  export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
  /** A Snappy block of `uncompressed`. */
  export function compress(uncompressed: Uint8Array): Uint8Array;
}
