/** Python's LookupError as TF1 raises it while building gradients (no gradient for an op, a disabled gradient). */
export class LookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LookupError';
  }
}
