import { registerLayer } from '../registry.js';
import { ConvLSTM, type ConvLSTMArgs } from './conv-lstm.js';

/** 2D convolutional LSTM (Keras ConvLSTM2D) over [batch, time, rows, cols, channels]. */
export class ConvLSTM2D extends ConvLSTM {
  override readonly className: string = 'ConvLSTM2D';
  constructor(args: ConvLSTMArgs) {
    super(2, args);
  }
}

registerLayer('ConvLSTM2D', ConvLSTM2D);
