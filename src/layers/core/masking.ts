import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { cast } from '../../ops/elementwise/cast.js';
import { mul } from '../../ops/elementwise/mul.js';
import { notEqual } from '../../ops/elementwise/not-equal.js';
import { max } from '../../ops/reduce/max.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { greater } from '../../ops/elementwise/greater.js';
import { Layer, type LayerArgs, type Mask } from '../layer.js';
import { registerLayer } from '../registry.js';

/**
 * Marks time steps whose features all equal `maskValue` as padding: the mask [batch, time] goes to
 * the following layers (RNNs skip those steps), and the masked steps' values are zeroed (Keras).
 */
export class Masking extends Layer {
  readonly className = 'Masking';
  readonly maskValue: number;
  constructor(args: LayerArgs & { maskValue?: number } = {}) {
    super(args);
    this.maskValue = args.maskValue ?? 0;
    this.supportsMasking = true;
  }
  private keep(x: Tensor): Tensor {
    return greater(max(cast(notEqual(x, this.maskValue), 'float32'), -1), 0);
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    return mul(x, cast(expandDims(this.keep(x), -1), x.dtype));
  }
  override computeMask(inputs: Tensor | Tensor[]): Mask {
    return this.keep(Array.isArray(inputs) ? inputs[0]! : inputs);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }
}

registerLayer('Masking', Masking);
