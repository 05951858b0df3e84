/** Recurrent layers as factories (`tsr.layers.lstm({units: 64})`) and classes. */
import { Bidirectional, type BidirectionalArgs, type MergeMode } from './bidirectional.js';
import { ConvLSTMCell, type ConvLSTMCellArgs } from './conv-lstm-cell.js';
import { ConvLSTM, type ConvLSTMArgs } from './conv-lstm.js';
import { ConvLSTM1D } from './conv-lstm1d.js';
import { ConvLSTM2D } from './conv-lstm2d.js';
import { ConvLSTM3D } from './conv-lstm3d.js';
import { GRUCell, type GRUCellArgs } from './gru-cell.js';
import { GRU, type GRUArgs } from './gru.js';
import { LSTMCell, type LSTMCellArgs } from './lstm-cell.js';
import { LSTM, type LSTMArgs } from './lstm.js';
import { RNN, type RNNArgs } from './rnn.js';
import { SimpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell.js';
import { SimpleRNN, type SimpleRNNArgs } from './simple-rnn.js';
import { TimeDistributed, type TimeDistributedArgs } from './time-distributed.js';

export { RNNCell, type StepContext, type StepResult } from './rnn-cell.js';
export { DropoutRNNCell, type DropoutCellArgs } from './dropout-rnn-cell.js';
export { type RNNBaseArgs } from './rnn.js';
export { Bidirectional, ConvLSTM, ConvLSTM1D, ConvLSTM2D, ConvLSTM3D, ConvLSTMCell, GRU, GRUCell, LSTM, LSTMCell, RNN, SimpleRNN, SimpleRNNCell, TimeDistributed };
export type {
  BidirectionalArgs, ConvLSTMArgs, ConvLSTMCellArgs, GRUArgs, GRUCellArgs, LSTMArgs, LSTMCellArgs, MergeMode, RNNArgs, SimpleRNNArgs,
  SimpleRNNCellArgs, TimeDistributedArgs,
};

export const rnn = (args: RNNArgs): RNN => new RNN(args);
export const simpleRNN = (args: SimpleRNNArgs): SimpleRNN => new SimpleRNN(args);
export const lstm = (args: LSTMArgs): LSTM => new LSTM(args);
export const gru = (args: GRUArgs): GRU => new GRU(args);
export const simpleRNNCell = (args: SimpleRNNCellArgs): SimpleRNNCell => new SimpleRNNCell(args);
export const lstmCell = (args: LSTMCellArgs): LSTMCell => new LSTMCell(args);
export const gruCell = (args: GRUCellArgs): GRUCell => new GRUCell(args);
export const convLSTM1d = (args: ConvLSTMArgs): ConvLSTM1D => new ConvLSTM1D(args);
export const convLSTM2d = (args: ConvLSTMArgs): ConvLSTM2D => new ConvLSTM2D(args);
export const convLSTM3d = (args: ConvLSTMArgs): ConvLSTM3D => new ConvLSTM3D(args);
export const bidirectional = (args: BidirectionalArgs): Bidirectional => new Bidirectional(args);
export const timeDistributed = (args: TimeDistributedArgs): TimeDistributed => new TimeDistributed(args);
