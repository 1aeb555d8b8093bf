// `tf.nn.rnn_cell` (TF1 r1.12): the RNN cell classes.
export { RNNCell, LSTMStateTuple } from './rnn_cell_base.js';
export { BasicRNNCell, GRUCell, BasicLSTMCell, LSTMCell } from './rnn_cells.js';
export { MultiRNNCell, DropoutWrapper, ResidualWrapper } from './rnn_wrappers.js';
