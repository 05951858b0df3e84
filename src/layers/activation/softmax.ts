import { OpError } from '../../core/errors.js';
import { normalizeAxes } from '../../core/shape.js';
import { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { stopGradient } from '../../autograd/stop-gradient.js';
import { div } from '../../ops/elementwise/div.js';
import { exp } from '../../ops/elementwise/exp.js';
import { greater } from '../../ops/elementwise/greater.js';
import { sub } from '../../ops/elementwise/sub.js';
import { where } from '../../ops/elementwise/where.js';
import { max } from '../../ops/reduce/max.js';
import { sum } from '../../ops/reduce/sum.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { softmax } from '../../ops/composite/softmax.js';
import { shown, singleInput } from '../core/layer-args.js';
import { Layer, type CallContext, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

export interface SoftmaxArgs extends LayerArgs {
  /** The axis (or axes, normalized together) summing to 1. Default −1. */
  axis?: number | number[];
}

/** Keras's large negative logit for masked positions (float32). */
const MASKED_LOGIT = -1e9;

/**
 * Softmax over `axis`. A mask (the input's, or `kwargs.mask`; true or > 0.5 = keep) sets masked
 * logits to −1e9 and their probabilities to 0, as Keras 3 (a fully masked slice gives zeros).
 * The mask broadcasts against the input from the right, as Keras; a per-step mask such as
 * Masking's [batch, time] for [batch, time, classes] is widened along the trailing axes.
 */
export class Softmax extends Layer {
  readonly className = 'Softmax';
  readonly axis: number | number[];

  constructor(args: SoftmaxArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    const ok = Number.isInteger(axis) || (Array.isArray(axis) && axis.length > 0 && axis.every((a) => Number.isInteger(a)));
    if (!ok) throw new OpError('softmax', `axis must be an integer or a non-empty list of integers. Received: axis=${shown(args.axis)}`);
    this.axis = Array.isArray(axis) ? [...axis] : axis;
    this.supportsMasking = true;
  }

  private keepMask(mask: Tensor, x: Tensor): Tensor {
    let m = mask.dtype === 'bool' ? mask : greater(mask, 0.5);
    const isPrefix = m.rank < x.rank && m.shape.every((d, k) => d === x.shape[k]);
    if (isPrefix) {
      while (m.rank < x.rank) m = expandDims(m, -1);
      return m;
    }
    const broadcastable = m.rank <= x.rank && m.shape.every((d, k) => d === 1 || d === x.shape[x.rank - m.rank + k]);
    if (!broadcastable) {
      throw new OpError(this.name, `the mask must broadcast to the input (each mask dimension 1 or the input's, from the right). Received: input shape [${x.shape.join(',')}], mask shape [${mask.shape.join(',')}]`);
    }
    return m;
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    const given = ctx.kwargs['mask'];
    if (given !== undefined && given !== null && !(given instanceof Tensor)) {
      throw new OpError(this.name, `kwargs.mask must be a tensor. Received: ${typeof given}`);
    }
    const rawMask = (given as Tensor | undefined) ?? (Array.isArray(ctx.mask) ? null : ctx.mask);
    const mask = rawMask ? this.keepMask(rawMask, x) : null;
    const logits = mask ? where(mask, x, MASKED_LOGIT) : x;
    const out = this.softmaxOver(logits);
    return mask ? where(mask, out, 0) : out;
  }

  private softmaxOver(x: Tensor): Tensor {
    if (!Array.isArray(this.axis)) return softmax(x, this.axis);
    if (this.axis.length === 1) return softmax(x, this.axis[0]!);
    const axes = normalizeAxes(this.name, this.axis, x.rank);
    const e = exp(sub(x, stopGradient(max(x, axes, true))));
    return div(e, sum(e, axes, true));
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axis: Array.isArray(this.axis) ? [...this.axis] : this.axis };
  }
}

registerLayer('Softmax', Softmax);
