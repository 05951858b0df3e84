import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { cast } from '../../ops/elementwise/cast.js';
import { div } from '../../ops/elementwise/div.js';
import { where } from '../../ops/elementwise/where.js';
import { sum } from '../../ops/reduce/sum.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import type { CallContext, Mask } from '../layer.js';
import { registerLayer } from '../registry.js';
import { singleInput, checkSpatialShape } from '../convolutional/conv-args.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

export type GlobalAveragePooling1DArgs = GlobalPoolingArgs;

/**
 * Mean over the steps of [batch, steps, channels] → [batch, channels]. With a mask [batch, steps]
 * (from Embedding with maskZero, Masking), the mean of the unmasked steps only, as Keras; the
 * mask stops here.
 */
export class GlobalAveragePooling1D extends BaseGlobalPooling {
  readonly className = 'GlobalAveragePooling1D';

  constructor(args: GlobalAveragePooling1DArgs = {}) {
    super(1, 'globalAveragePooling1d', 'average', args);
    this.supportsMasking = true;
  }

  override call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const mask = Array.isArray(ctx.mask) ? ctx.mask[0] ?? null : ctx.mask;
    if (!mask) return super.call(inputs, ctx);
    const x = singleInput(this.name, inputs);
    checkSpatialShape(this.name, x.shape, 1);
    if (mask.rank !== 2 || mask.shape[0] !== x.shape[0] || mask.shape[1] !== x.shape[1]) {
      throw new OpError(this.name, `the mask must be [batch, steps] = [${x.shape.slice(0, 2).join(',')}]. Received: mask shape [${mask.shape.join(',')}]`);
    }
    const keep = expandDims(cast(mask, 'bool'), 2);
    // where, not a product: a masked step holding inf or NaN must not reach the mean.
    const total = sum(where(keep, x, 0), 1, this.keepdims);
    return div(total, sum(cast(keep, x.dtype), 1, this.keepdims));
  }

  override computeMask(_inputs: Tensor | Tensor[], _mask: Mask | Mask[]): Mask {
    return null;
  }
}

registerLayer('GlobalAveragePooling1D', GlobalAveragePooling1D);
