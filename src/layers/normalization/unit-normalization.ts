import { isFloat } from '../../core/dtype.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { cast } from '../../ops/elementwise/cast.js';
import { maximum } from '../../ops/elementwise/maximum.js';
import { mul } from '../../ops/elementwise/mul.js';
import { rsqrt } from '../../ops/elementwise/rsqrt.js';
import { square } from '../../ops/elementwise/square.js';
import { sum } from '../../ops/reduce/sum.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { checkAxisArg, resolveAxes, singleShape, type AxisArg, singleInput } from './norm-common.js';

export interface UnitNormalizationArgs extends LayerArgs {
  /** The axis or axes whose L2 norm becomes 1. Default -1. */
  axis?: AxisArg;
}

/** Keras's epsilon of ops.normalize: the squared norm is clamped to 1e-24, so zero vectors stay 0. */
const EPSILON = 1e-12;

/** Keras UnitNormalization: x / ‖x‖₂ over `axis`, per sample. No weights. */
export class UnitNormalization extends Layer {
  readonly className = 'UnitNormalization';
  readonly axis: AxisArg;
  private axes: number[] = [];

  constructor(args: UnitNormalizationArgs = {}) {
    super(args);
    this.axis = checkAxisArg('unitNormalization', args.axis ?? -1, true);
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    this.axes = resolveAxes(this.name, this.axis, singleShape(this.name, inputShape));
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    let x = singleInput(this.name, inputs);
    if (!isFloat(x.dtype)) x = cast(x, 'float32');
    return mul(x, rsqrt(maximum(sum(square(x), this.axes, true), EPSILON * EPSILON)));
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis };
  }
}

registerLayer('UnitNormalization', UnitNormalization);
