import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { notEqual } from '../../ops/elementwise/not-equal.js';
import { where } from '../../ops/elementwise/where.js';
import { max } from '../../ops/reduce/max.js';
import { Layer, type LayerArgs, type Mask } from '../layer.js';
import { registerLayer } from '../registry.js';
import { shown, singleInput } from './layer-args.js';

export interface MaskingArgs extends LayerArgs {
  /** Time steps whose features all equal this value are masked. Default 0. */
  maskValue?: number;
}

/**
 * Marks the time steps whose features all equal `maskValue` as padding: the mask [batch, time]
 * goes to the following layers (RNNs skip those steps, losses ignore them), and the masked steps'
 * values become 0 (as Keras).
 */
export class Masking extends Layer {
  readonly className = 'Masking';
  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    const v = args.maskValue ?? 0;
    if (typeof v !== 'number') throw new OpError('masking', `maskValue must be a number. Received: maskValue=${shown(v)}`);
    this.maskValue = v;
    this.supportsMasking = true;
  }

  /** Whether any feature differs from maskValue (max of bools = any). */
  private keep(x: Tensor, keepDims: boolean): Tensor {
    if (x.rank < 2) throw new OpError(this.name, `expects inputs [batch, ..., features]. Received: input shape [${x.shape.join(',')}]`);
    return max(notEqual(x, this.maskValue), -1, keepDims);
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = singleInput(this.name, inputs);
    // where, not a multiply: masked steps holding inf or NaN still become 0.
    return where(this.keep(x, true), x, 0);
  }

  override computeMask(inputs: Tensor | Tensor[]): Mask {
    return this.keep(singleInput(this.name, inputs), false);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }
}

registerLayer('Masking', Masking);
