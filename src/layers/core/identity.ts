import type { Tensor } from '../../core/tensor.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

/** Returns its input (one tensor or a list) unchanged, masks included: a placeholder layer. */
export class Identity extends Layer {
  readonly className = 'Identity';

  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor | Tensor[] {
    return inputs;
  }
}

registerLayer('Identity', Identity);
