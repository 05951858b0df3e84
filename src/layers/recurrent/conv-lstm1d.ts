import { registerLayer } from '../registry.js';
import { ConvLSTM, type ConvLSTMArgs } from './conv-lstm.js';

/** 1D convolutional LSTM (Keras ConvLSTM1D) over [batch, time, steps, channels]. */
export class ConvLSTM1D extends ConvLSTM {
  override readonly className: string = 'ConvLSTM1D';
  constructor(args: ConvLSTMArgs) {
    super(1, args);
  }
}

registerLayer('ConvLSTM1D', ConvLSTM1D);
