import type { Config } from '../../io/serialization.js';
import { snakeCase, uniqueLayerName } from '../layer.js';
import { registerLayer } from '../registry.js';
import { RNN, cellArgsOf, inlineCellConfig, type RNNBaseArgs } from './rnn.js';
import { SimpleRNNCell, type SimpleRNNCellArgs } from './simple-rnn-cell.js';

export interface SimpleRNNArgs extends SimpleRNNCellArgs, RNNBaseArgs {}

/**
 * A fully connected RNN (Keras SimpleRNN): h = activation(x·kernel + bias + h₋₁·recurrentKernel).
 * Weights (the cell's): kernel [in, units], recurrent_kernel [units, units], bias [units].
 */
export class SimpleRNN extends RNN {
  override readonly className: string = 'SimpleRNN';
  declare readonly cell: SimpleRNNCell;

  constructor(args: SimpleRNNArgs) {
    const name = args.name ?? uniqueLayerName(snakeCase(new.target.name));
    super({ ...args, name, cell: new SimpleRNNCell({ ...cellArgsOf(args), name: `${name}/simple_rnn_cell` }) });
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): Config {
    return inlineCellConfig(super.getConfig(), this.cell.cellConfig());
  }
}

registerLayer('SimpleRNN', SimpleRNN);
