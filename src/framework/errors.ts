/** TF1's error classes (`tf.errors.*`) and the Python build-time errors the API raises. */
import type { Operation } from '../graph/operation.js';

/** Base of run-time errors, as `tf.errors.OpError`: carries the failing node when known. */
export class OpError extends Error {
  /**
   * The Operation the error is about (TF1's `e.op`), or null. Kernels know only their node's name;
   * Session.run looks the Operation up by that name before the error reaches the caller.
   */
  op: Operation | null;
  /** The failing node's name (the `[[{{node NAME}}]]` of TF1's messages), or null. */
  readonly node_name: string | null;
  /** TF1's error code name. */
  readonly error_code: string;

  constructor(message: string, op: Operation | string | null = null, code = 'UNKNOWN') {
    super(message);
    this.op = typeof op === 'string' ? null : op;
    this.node_name = typeof op === 'string' ? op : (op?.name ?? null);
    this.error_code = code;
    this.name = new.target.name;
  }
}

/** A bad argument: wrong feed shape or dtype, bad fetch. */
export class InvalidArgumentError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'INVALID_ARGUMENT');
  }
}

/** The system is not in a state for the op: an uninitialized variable. */
export class FailedPreconditionError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'FAILED_PRECONDITION');
  }
}

/** Something not found: an unknown tensor name. */
export class NotFoundError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'NOT_FOUND');
  }
}

/** A value out of the valid range. */
export class OutOfRangeError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'OUT_OF_RANGE');
  }
}

/** An operation the backend cannot do. */
export class UnimplementedError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'UNIMPLEMENTED');
  }
}

/** Resources ran out (device memory). */
export class ResourceExhaustedError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'RESOURCE_EXHAUSTED');
  }
}

/** An internal failure: a device lost, a shader that does not compile. */
export class InternalError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'INTERNAL');
  }
}

/** The caller may not do this: a checkpoint folder that cannot be written. */
export class PermissionDeniedError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'PERMISSION_DENIED');
  }
}

/** A data loss: a corrupt checkpoint. */
export class DataLossError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'DATA_LOSS');
  }
}

/** A run outlived its RunOptions' timeout_in_ms (TF1's DirectSession: "Timed out waiting for notification"). */
export class DeadlineExceededError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'DEADLINE_EXCEEDED');
  }
}

/** An operation was cancelled (a stale watched run). */
export class CancelledError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'CANCELLED');
  }
}

/** An error of no other class (TF1's UnknownError): what a py_func's function throws, unless TF1 maps its kind. */
export class UnknownError extends OpError {
  constructor(message: string, op: Operation | string | null = null) {
    super(message, op, 'UNKNOWN');
  }
}

/** Python's ValueError as TF1 raises it at graph-build time (shape errors, bad arguments). */
export class ValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}

/** Python's TypeError as TF1 raises it at build time (dtype mismatches); a subclass of JS's TypeError. */
// biome-ignore lint/suspicious/noShadowRestrictedNames: TF1's name (tf.errors.TypeError, Python's TypeError)
export class TypeError extends globalThis.TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'TypeError';
  }
}

/** Python's RuntimeError as TF1 raises it (a closed session, a finalized graph). */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** Python's AssertionError as TF1 raises it (tf.reset_default_graph() inside a graph's as_default block). */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}
