import { isFloat } from '../../core/dtype.js';
import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { cast } from '../../ops/elementwise/cast.js';
import { mul } from '../../ops/elementwise/mul.js';
import { rsqrt } from '../../ops/elementwise/rsqrt.js';
import { square } from '../../ops/elementwise/square.js';
import { mean } from '../../ops/reduce/mean.js';
import { reshape } from '../../ops/shape/reshape.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { broadcastShapeOf, checkAxisArg, checkEpsilon, resolveAxes, singleShape, type AxisArg, singleInput } from './norm-common.js';

export interface RMSNormalizationArgs extends LayerArgs {
  /** The axis or axes the root mean square is taken over. Default -1. */
  axis?: AxisArg;
  epsilon?: number;
}

/**
 * Keras 3 RMSNormalization: x · rsqrt(mean(x², axis) + epsilon) · scale, no centring. The
 * `scale` weight spans the normalised axes and starts at ones.
 */
export class RMSNormalization extends Layer {
  readonly className = 'RMSNormalization';
  readonly axis: AxisArg;
  readonly epsilon: number;
  scale: Variable | null = null;
  private axes: number[] = [];

  constructor(args: RMSNormalizationArgs = {}) {
    super(args);
    this.axis = checkAxisArg('rmsNormalization', args.axis ?? -1, true);
    this.epsilon = checkEpsilon('rmsNormalization', args.epsilon ?? 1e-6);
    this.supportsMasking = true;
  }

  override build(inputShape: ShapeArg): void {
    const shape = singleShape(this.name, inputShape);
    this.axes = resolveAxes(this.name, this.axis, shape);
    this.scale = this.addWeight('scale', this.axes.map((a) => shape[a]!), { initializer: 'ones' });
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    let x = singleInput(this.name, inputs);
    if (!isFloat(x.dtype)) x = cast(x, 'float32');
    const dims = this.axes.map((a) => x.shape[a]);
    if (x.rank <= this.axes[this.axes.length - 1]! || this.scale!.shape.some((d, i) => d !== dims[i])) {
      throw new OpError(this.name, `expected inputs of the shape the layer was built for on axes [${this.axes.join(',')}]. Received: shape [${x.shape.join(',')}]`);
    }
    const inv = rsqrt(add(mean(square(x), this.axes, true), this.epsilon));
    return mul(mul(x, inv), reshape(this.scale!, broadcastShapeOf(x.shape, this.axes)));
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis, epsilon: this.epsilon };
  }
}

registerLayer('RMSNormalization', RMSNormalization);
