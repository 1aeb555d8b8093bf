// TF1's standard collection names (ops.py's GraphKeys), apart from the Graph that keeps the collections.

/** TF1's standard collection keys (`tf.GraphKeys`). */
export const GraphKeys = {
  GLOBAL_VARIABLES: 'variables',
  TRAINABLE_VARIABLES: 'trainable_variables',
  LOCAL_VARIABLES: 'local_variables',
  MODEL_VARIABLES: 'model_variables',
  TRAIN_OP: 'train_op',
  REGULARIZATION_LOSSES: 'regularization_losses',
  GLOBAL_STEP: 'global_step',
  UPDATE_OPS: 'update_ops',
  SUMMARIES: 'summaries',
  COND_CONTEXT: 'cond_context',
  WHILE_CONTEXT: 'while_context',
} as const;
