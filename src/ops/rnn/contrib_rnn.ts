// `tf.contrib.rnn` (TF1 r1.12): the core RNN cells and the static RNNs under their contrib names.
export { RNNCell, LSTMStateTuple } from './rnn_cell_base.js';
export { BasicRNNCell, GRUCell, BasicLSTMCell, LSTMCell } from './rnn_cells.js';
export { MultiRNNCell, DropoutWrapper, ResidualWrapper } from './rnn_wrappers.js';
export { static_rnn, static_bidirectional_rnn } from './rnn.js';
