/** Activation layers with parameters (Keras ReLU, LeakyReLU, ELU, Softmax, PReLU). */
import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { serializeOrNull, type Config } from '../../io/serialization.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { add } from '../../ops/elementwise/add.js';
import { cast } from '../../ops/elementwise/cast.js';
import { clip } from '../../ops/elementwise/clip.js';
import { elu } from '../../ops/elementwise/elu.js';
import { greaterEqual } from '../../ops/elementwise/greater-equal.js';
import { leakyRelu } from '../../ops/elementwise/leaky-relu.js';
import { mul } from '../../ops/elementwise/mul.js';
import { relu } from '../../ops/elementwise/relu.js';
import { sub } from '../../ops/elementwise/sub.js';
import { where } from '../../ops/elementwise/where.js';
import { softmax } from '../../ops/composite/softmax.js';
import { Layer, isShapeList, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';

const one = (inputs: Tensor | Tensor[]): Tensor => (Array.isArray(inputs) ? inputs[0]! : inputs);

/** max(x, 0) with Keras's options: values below `threshold` become negativeSlope·(x − threshold), capped at maxValue. */
export class ReLU extends Layer {
  readonly className = 'ReLU';
  readonly maxValue: number | null;
  readonly negativeSlope: number;
  readonly threshold: number;
  constructor(args: LayerArgs & { maxValue?: number | null; negativeSlope?: number; threshold?: number } = {}) {
    super(args);
    this.maxValue = args.maxValue ?? null;
    this.negativeSlope = args.negativeSlope ?? 0;
    this.threshold = args.threshold ?? 0;
    if (this.maxValue !== null && !(this.maxValue >= 0)) throw new OpError('reLU', `maxValue must be ≥ 0. Received: maxValue=${this.maxValue}`);
    if (!(this.negativeSlope >= 0)) throw new OpError('reLU', `negativeSlope must be ≥ 0. Received: negativeSlope=${this.negativeSlope}`);
    this.supportsMasking = true;
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = one(inputs);
    let y = this.negativeSlope === 0 && this.threshold === 0 ? relu(x)
      : where(greaterEqual(x, this.threshold), x, mul(sub(x, this.threshold), this.negativeSlope));
    if (this.maxValue !== null) y = clip(y, -Infinity, this.maxValue);
    return y;
  }
  override getConfig(): Config {
    return { ...super.getConfig(), maxValue: this.maxValue, negativeSlope: this.negativeSlope, threshold: this.threshold };
  }
}

export class LeakyReLU extends Layer {
  readonly className = 'LeakyReLU';
  readonly negativeSlope: number;
  constructor(args: LayerArgs & { negativeSlope?: number } = {}) {
    super(args);
    this.negativeSlope = args.negativeSlope ?? 0.3; // Keras 3's layer default (the function's is 0.2)
    this.supportsMasking = true;
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    return leakyRelu(one(inputs), this.negativeSlope);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), negativeSlope: this.negativeSlope };
  }
}

export class ELU extends Layer {
  readonly className = 'ELU';
  readonly alpha: number;
  constructor(args: LayerArgs & { alpha?: number } = {}) {
    super(args);
    this.alpha = args.alpha ?? 1;
    this.supportsMasking = true;
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    return elu(one(inputs), this.alpha);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

/** Softmax over `axis`; with a mask (kwargs.mask or the input's), masked positions get probability 0. */
export class Softmax extends Layer {
  readonly className = 'Softmax';
  readonly axis: number;
  constructor(args: LayerArgs & { axis?: number } = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    this.supportsMasking = true;
  }
  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    let x = one(inputs);
    const mask = (ctx.kwargs['mask'] as Tensor | undefined) ?? (Array.isArray(ctx.mask) ? null : ctx.mask);
    if (mask && mask.rank === x.rank) x = add(x, mul(sub(1, cast(mask, x.dtype)), -1e9));
    return softmax(x, this.axis);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Leaky ReLU with a learned slope per unit (shared along `sharedAxes`, 1-based as Keras). */
export class PReLU extends Layer {
  readonly className = 'PReLU';
  readonly alphaInitializer: Initializer;
  readonly sharedAxes: number[] | null;
  alpha: Variable | null = null;
  constructor(args: LayerArgs & { alphaInitializer?: InitializerIdentifier; sharedAxes?: number[] | null } = {}) {
    super(args);
    this.alphaInitializer = getInitializer(args.alphaInitializer ?? 'zeros');
    this.sharedAxes = args.sharedAxes ?? null;
    this.supportsMasking = true;
  }
  override build(inputShape: ShapeArg): void {
    if (isShapeList(inputShape)) throw new OpError(this.name, 'takes one input');
    const shape = inputShape.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
    if (shape.some((d) => d === null)) throw new OpError(this.name, `needs known dimensions outside sharedAxes. Received: input shape [${inputShape.map((d) => d ?? 'None').join(',')}]`);
    this.alpha = this.addWeight('alpha', shape as number[], { initializer: this.alphaInitializer });
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = one(inputs);
    return add(relu(x), mul(this.alpha!, sub(x, relu(x))));
  }
  override getConfig(): Config {
    return { ...super.getConfig(), alphaInitializer: serializeOrNull(this.alphaInitializer), sharedAxes: this.sharedAxes };
  }
}

registerLayer('ReLU', ReLU);
registerLayer('LeakyReLU', LeakyReLU);
registerLayer('ELU', ELU);
registerLayer('Softmax', Softmax);
registerLayer('PReLU', PReLU);
