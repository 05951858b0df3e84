import type { Tensor } from '../../core/tensor.js';
import { logicalOr } from '../../ops/elementwise/logical-or.js';
import { mul } from '../../ops/elementwise/mul.js';
import { where } from '../../ops/elementwise/where.js';
import { registerLayer } from '../registry.js';
import type { Mask } from '../layer.js';
import { Merge, widenMask } from './merge.js';

/**
 * Elementwise product of the inputs. With masks (Keras 3): a masked value counts as 1, and where
 * every input is masked (all inputs having masks) the output is 0.
 */
export class Multiply extends Merge {
  readonly className = 'Multiply';

  protected mergeFunction(xs: Tensor[], masks: Mask[]): Tensor {
    const everyInputMasked = masks.every((m) => m !== null);
    let out: Tensor | null = null;
    let outMask: Tensor | null = null;
    for (let i = 0; i < xs.length; i++) {
      let x = xs[i]!;
      if (masks[i]) {
        const m = widenMask(masks[i]!, x);
        x = where(m, x, 1);
        if (everyInputMasked) outMask = outMask ? logicalOr(outMask, m) : m;
      }
      out = out ? mul(out, x) : x;
    }
    return outMask ? where(outMask, out!, 0) : out!;
  }
}

registerLayer('Multiply', Multiply);
