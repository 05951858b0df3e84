import { registerLayer } from '../registry.js';
import { ConvLSTM, type ConvLSTMArgs } from './conv-lstm.js';

/** 3D convolutional LSTM (Keras ConvLSTM3D) over [batch, time, depth, rows, cols, channels]. */
export class ConvLSTM3D extends ConvLSTM {
  override readonly className: string = 'ConvLSTM3D';
  constructor(args: ConvLSTMArgs) {
    super(3, args);
  }
}

registerLayer('ConvLSTM3D', ConvLSTM3D);
