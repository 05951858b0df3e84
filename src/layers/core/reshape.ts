import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { reshape } from '../../ops/shape/reshape.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { shown, singleInput } from './layer-args.js';

export interface ReshapeArgs extends LayerArgs {
  /** Shape of each sample, without the batch; at most one −1 (inferred from the sample size). */
  targetShape: number[];
}

/** Reshapes each sample to `targetShape`; the batch dimension is kept. */
export class Reshape extends Layer {
  readonly className = 'Reshape';
  readonly targetShape: number[];

  constructor(args: ReshapeArgs) {
    super(args);
    const t = args.targetShape;
    if (!Array.isArray(t) || !t.every((d) => Number.isInteger(d) && (d > 0 || d === -1)) || t.filter((d) => d === -1).length > 1) {
      throw new OpError('reshape', `targetShape must be a list of positive integers with at most one -1. Received: targetShape=${shown(t)}`);
    }
    this.targetShape = [...t];
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = singleInput(this.name, inputs);
    const sampleSize = x.shape.slice(1).reduce((a, b) => a * b, 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const inferred = this.targetShape.includes(-1);
    if (inferred ? sampleSize % known !== 0 : sampleSize !== known) {
      throw new OpError(this.name, `cannot reshape samples of shape [${x.shape.slice(1).join(',')}] (${sampleSize} values) to targetShape [${this.targetShape.join(',')}]. Received: input shape [${x.shape.join(',')}]`);
    }
    return reshape(x, [x.shape[0]!, ...this.targetShape.map((d) => (d === -1 ? sampleSize / known : d))]);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), targetShape: [...this.targetShape] };
  }
}

registerLayer('Reshape', Reshape);
