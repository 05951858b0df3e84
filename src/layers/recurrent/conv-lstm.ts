import { OpError } from '../../core/errors.js';
import type { Config } from '../../io/serialization.js';
import { isShapeList, snakeCase, uniqueLayerName, type ShapeArg } from '../layer.js';
import { ConvLSTMCell, type ConvLSTMCellOptions } from './conv-lstm-cell.js';
import { RNN, cellArgsOf, inlineCellConfig, type RNNBaseArgs } from './rnn.js';

export interface ConvLSTMArgs extends ConvLSTMCellOptions, RNNBaseArgs {}

/**
 * The base of ConvLSTM1D/2D/3D (Keras ConvLSTM): an LSTM whose gates are convolutions, over
 * [batch, time, spatial (rank of them)..., channels]; states [h, c] of [batch, out spatial..., filters].
 */
export abstract class ConvLSTM extends RNN {
  declare readonly cell: ConvLSTMCell;

  constructor(rank: number, args: ConvLSTMArgs) {
    const name = args.name ?? uniqueLayerName(snakeCase(new.target.name));
    super({ ...args, name, cell: new ConvLSTMCell({ ...cellArgsOf(args), rank, name: `${name}/conv_lstm_cell` }) });
  }

  get filters(): number {
    return this.cell.filters;
  }

  override build(inputShape: ShapeArg): void {
    const seq = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    const rank = this.cell.rank;
    if (seq.length !== rank + 3) {
      throw new OpError(this.name, `expected inputs of rank ${rank + 3} [batch, time, ${rank === 1 ? 'steps' : `${rank} spatial axes`}, channels]. Received: input shape [${seq.map((d) => d ?? 'None').join(',')}]`);
    }
    super.build(inputShape);
  }

  override getConfig(): Config {
    return inlineCellConfig(super.getConfig(), this.cell.layerConfig());
  }
}
