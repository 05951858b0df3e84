import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { clip } from '../../ops/elementwise/clip.js';
import { greater } from '../../ops/elementwise/greater.js';
import { leakyRelu } from '../../ops/elementwise/leaky-relu.js';
import { mul } from '../../ops/elementwise/mul.js';
import { relu } from '../../ops/elementwise/relu.js';
import { sub } from '../../ops/elementwise/sub.js';
import { where } from '../../ops/elementwise/where.js';
import { shown, singleInput } from '../core/layer-args.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

export interface ReLUArgs extends LayerArgs {
  /** The largest output (≥ 0); null: unbounded. */
  maxValue?: number | null;
  /** Slope below the threshold (≥ 0). Default 0. */
  negativeSlope?: number;
  /** Inputs at or below it are damped (≥ 0). Default 0. */
  threshold?: number;
}

/**
 * Keras's relu with options: x for threshold < x < maxValue, maxValue above it, and
 * negativeSlope·(x − threshold) at or below the threshold. Written as Keras's computation so
 * edge values agree (x = threshold gives 0).
 */
export function reluWithOptions(x: Tensor, negativeSlope: number, maxValue: number | null, threshold: number): Tensor {
  if (negativeSlope !== 0 && maxValue === null && threshold === 0) return leakyRelu(x, negativeSlope);
  let y = threshold !== 0 ? where(greater(x, threshold), x, 0) : relu(x);
  if (maxValue !== null) y = clip(y, 0, maxValue);
  if (negativeSlope !== 0) y = sub(y, mul(relu(sub(threshold, x)), negativeSlope));
  return y;
}

function checkNonNegative(name: string, value: unknown, allowNull: boolean): void {
  if ((allowNull && value === null) || (typeof value === 'number' && value >= 0 && Number.isFinite(value))) return;
  throw new OpError('reLU', `${name} must be a finite number ≥ 0${allowNull ? ' or null' : ''}. Received: ${name}=${shown(value)}`);
}

/** Rectified linear unit with Keras's maxValue, negativeSlope and threshold. */
export class ReLU extends Layer {
  readonly className = 'ReLU';
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;

  constructor(args: ReLUArgs = {}) {
    super(args);
    this.maxValue = args.maxValue ?? null;
    this.negativeSlope = args.negativeSlope ?? 0;
    this.threshold = args.threshold ?? 0;
    checkNonNegative('maxValue', this.maxValue, true);
    checkNonNegative('negativeSlope', this.negativeSlope, false);
    checkNonNegative('threshold', this.threshold, false);
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    return reluWithOptions(singleInput(this.name, inputs), this.negativeSlope, this.maxValue, this.threshold);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold };
  }
}

registerLayer('ReLU', ReLU);
