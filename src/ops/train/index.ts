/** `tf.train`: optimizers. */
export { Optimizer, GATE_NONE, GATE_OP, GATE_GRAPH, type GradAndVar, type MinimizeOptions } from './optimizer.js';
export { GradientDescentOptimizer } from './gradient_descent.js';
