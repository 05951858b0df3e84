import type { Config } from '../../io/serialization.js';
import { snakeCase, uniqueLayerName } from '../layer.js';
import { registerLayer } from '../registry.js';
import { LSTMCell, type LSTMCellArgs } from './lstm-cell.js';
import { RNN, cellArgsOf, inlineCellConfig, type RNNBaseArgs } from './rnn.js';

export interface LSTMArgs extends LSTMCellArgs, RNNBaseArgs {}

/**
 * Long short-term memory (Keras LSTM). States [h, c]; returnState gives [output, h, c].
 * Weights (the cell's, Keras layout): kernel [in, 4u], recurrent_kernel [u, 4u], bias [4u], gates
 * i, f, c, o. The input projection of all steps is one matmul; each step one [batch, u]×[u, 4u].
 */
export class LSTM extends RNN {
  override readonly className: string = 'LSTM';
  declare readonly cell: LSTMCell;

  constructor(args: LSTMArgs) {
    const name = args.name ?? uniqueLayerName(snakeCase(new.target.name));
    super({ ...args, name, cell: new LSTMCell({ ...cellArgsOf(args), name: `${name}/lstm_cell` }) });
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): Config {
    return inlineCellConfig(super.getConfig(), this.cell.cellConfig());
  }
}

registerLayer('LSTM', LSTM);
