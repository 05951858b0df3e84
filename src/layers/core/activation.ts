import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import { Layer, type LayerArgs, type Mask } from '../layer.js';
import { registerLayer } from '../registry.js';

/** Applies an activation by name ('relu', 'gelu', …) or function. */
export class Activation extends Layer {
  readonly className = 'Activation';
  readonly fn: ActivationFn;
  private readonly id: ActivationIdentifier;
  constructor(args: LayerArgs & { activation: ActivationIdentifier }) {
    super(args);
    this.id = args.activation;
    this.fn = getActivation(args.activation);
    this.supportsMasking = true;
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    return this.fn(Array.isArray(inputs) ? inputs[0]! : inputs);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), activation: activationName(this.id, this.name) };
  }
}

/** Passes its input (and mask) through. */
export class Identity extends Layer {
  readonly className = 'Identity';
  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }
  call(inputs: Tensor | Tensor[]): Tensor | Tensor[] {
    return inputs;
  }
  override computeMask(_inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask | Mask[] {
    return mask;
  }
}

registerLayer('Activation', Activation);
registerLayer('Identity', Identity);
