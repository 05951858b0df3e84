import type { Config } from '../../io/serialization.js';
import { snakeCase, uniqueLayerName } from '../layer.js';
import { registerLayer } from '../registry.js';
import { GRUCell, type GRUCellArgs } from './gru-cell.js';
import { RNN, cellArgsOf, inlineCellConfig, type RNNBaseArgs } from './rnn.js';

export interface GRUArgs extends GRUCellArgs, RNNBaseArgs {}

/**
 * Gated recurrent unit (Keras GRU). Weights (the cell's, Keras layout): kernel [in, 3u],
 * recurrent_kernel [u, 3u], gates z, r, h; bias [2, 3u] (input and recurrent rows) with
 * resetAfter = true (the default, PyTorch's GRU), or [3u] with resetAfter = false.
 */
export class GRU extends RNN {
  override readonly className: string = 'GRU';
  declare readonly cell: GRUCell;

  constructor(args: GRUArgs) {
    const name = args.name ?? uniqueLayerName(snakeCase(new.target.name));
    super({ ...args, name, cell: new GRUCell({ ...cellArgsOf(args), name: `${name}/gru_cell` }) });
  }

  get units(): number {
    return this.cell.units;
  }

  override getConfig(): Config {
    return inlineCellConfig(super.getConfig(), this.cell.cellConfig());
  }
}

registerLayer('GRU', GRU);
