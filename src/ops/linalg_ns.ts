// `tf.linalg`: TF1 r1.12's second names for the linear-algebra functions tf1-ts has (`tf.linalg.diag` is
// `tf.matrix_diag`), and norm and svd, which TF1 exports under both names.
export { matrix_diag as diag, matrix_diag_part as diag_part, matrix_set_diag as set_diag, eye, svd } from './linalg_ops.js';
export { norm } from './linalg_norm.js';
