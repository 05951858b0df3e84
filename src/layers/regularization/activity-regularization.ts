import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { l1l2 } from '../../regularizers/index.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

/** Passes its input through and adds l1·Σ|x| + l2·Σx² (over the batch size) to the training loss. */
export class ActivityRegularization extends Layer {
  readonly className = 'ActivityRegularization';
  readonly l1: number;
  readonly l2: number;
  constructor(args: Omit<LayerArgs, 'activityRegularizer'> & { l1?: number; l2?: number } = {}) {
    super({ ...args, activityRegularizer: l1l2({ l1: args.l1 ?? 0, l2: args.l2 ?? 0 }) });
    this.l1 = args.l1 ?? 0;
    this.l2 = args.l2 ?? 0;
    this.supportsMasking = true;
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    return Array.isArray(inputs) ? inputs[0]! : inputs;
  }
  override getConfig(): Config {
    const { activityRegularizer: _unused, ...base } = super.getConfig();
    return { ...base, l1: this.l1, l2: this.l2 };
  }
}

registerLayer('ActivityRegularization', ActivityRegularization);
