import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { l1l2 } from '../../regularizers/index.js';
import { shown, singleInput } from '../core/layer-args.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

export interface ActivityRegularizationArgs extends Omit<LayerArgs, 'activityRegularizer'> {
  /** Weight of Σ|x|. Default 0. */
  l1?: number;
  /** Weight of Σx². Default 0. */
  l2?: number;
}

function checkFactor(name: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new OpError('activityRegularization', `${name} must be a finite number ≥ 0. Received: ${name}=${shown(value)}`);
  }
  return value;
}

/**
 * Passes its input through and, in a training step, adds (l1·Σ|x| + l2·Σx²) / batch size to
 * the loss (the Layer base applies it as this layer's activity regularizer, as Keras does).
 */
export class ActivityRegularization extends Layer {
  readonly className = 'ActivityRegularization';
  readonly l1: number;
  readonly l2: number;

  constructor(args: ActivityRegularizationArgs = {}) {
    const l1 = checkFactor('l1', args.l1);
    const l2 = checkFactor('l2', args.l2);
    super({ ...args, activityRegularizer: l1l2({ l1, l2 }) });
    this.l1 = l1;
    this.l2 = l2;
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    return singleInput(this.name, inputs);
  }

  override getConfig(): Config {
    const { activityRegularizer: _fromL1L2, ...config } = super.getConfig();
    return { ...config, l1: this.l1, l2: this.l2 };
  }
}

registerLayer('ActivityRegularization', ActivityRegularization);
