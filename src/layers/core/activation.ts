import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { singleInput } from './layer-args.js';

export interface ActivationArgs extends LayerArgs {
  /** A registered name ('relu', 'gelu', 'leaky_relu', …) or a function of a tensor. */
  activation: ActivationIdentifier;
}

/** Applies an activation function elementwise; masks pass through. */
export class Activation extends Layer {
  readonly className = 'Activation';
  readonly activation: ActivationFn;
  private readonly activationId: ActivationIdentifier;

  constructor(args: ActivationArgs) {
    super(args);
    this.activationId = args.activation;
    this.activation = getActivation(args.activation);
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    return this.activation(singleInput(this.name, inputs));
  }

  override getConfig(): Config {
    return { ...super.getConfig(), activation: activationName(this.activationId, this.name) };
  }
}

registerLayer('Activation', Activation);
