/**
 * `tf1-ts/testing`: fast-check arbitraries for shapes, broadcasting pairs, reduction axes and values kept
 * away from singularities, and `gradient_error` for a property test of an op or model in a few lines.
 */
export { shape, broadcast_shapes, broadcast_shape, reduction_axes, type ShapeConstraints } from './shapes.js';
export { ndarray, ndarrays, type ValueConstraints } from './values.js';
export { gradient_error, type GradientErrorOptions } from './gradient.js';
