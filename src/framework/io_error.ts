/**
 * Python's IOError (OSError) as TF1 raises it for files it cannot find or parse: a `.meta` file
 * (read_meta_graph_file), a SavedModel's `saved_model.pb`.
 */
export class IOError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IOError';
  }
}
