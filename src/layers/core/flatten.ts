import type { Tensor } from '../../core/tensor.js';
import { reshape } from '../../ops/shape/reshape.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

/** [batch, ...] → [batch, product of the rest] (channels-last order, as Keras). */
export class Flatten extends Layer {
  readonly className = 'Flatten';
  constructor(args: LayerArgs = {}) {
    super(args);
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return reshape(x, [x.shape[0] ?? 1, x.rank <= 1 ? 1 : -1]);
  }
}

registerLayer('Flatten', Flatten);
