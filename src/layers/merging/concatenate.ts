import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { cast } from '../../ops/elementwise/cast.js';
import { greater } from '../../ops/elementwise/greater.js';
import { min } from '../../ops/reduce/min.js';
import { broadcastTo } from '../../ops/shape/broadcast-to.js';
import { concat } from '../../ops/shape/concat.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { onesLike } from '../../core/creation.js';
import type { LayerArgs, Mask } from '../layer.js';
import { registerLayer } from '../registry.js';
import { Merge } from './merge.js';

/** Joins the inputs along `axis` (default −1: features). */
export class Concatenate extends Merge {
  readonly className = 'Concatenate';
  readonly axis: number;
  constructor(args: LayerArgs & { axis?: number } = {}) {
    super(args);
    this.axis = args.axis ?? -1;
    if (!Number.isInteger(this.axis)) throw new OpError('concatenate', `axis must be an integer. Received: axis=${String(args.axis)}`);
  }
  protected merge(xs: Tensor[]): Tensor {
    if (this.axis === 0) throw new OpError(this.name, 'cannot concatenate along the batch axis 0');
    return concat(xs, this.axis);
  }
  /** Keras: masks widened to the inputs' shape (absent = all kept), joined, then all-kept per step. */
  override computeMask(inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask {
    const xs = Array.isArray(inputs) ? inputs : [inputs];
    const masks = Array.isArray(mask) ? mask : [mask];
    if (masks.every((m) => m === null)) return null;
    const full = xs.map((x, i) => {
      const m = masks[i];
      const f = m ? cast(m, 'float32') : onesLike(cast(x, 'float32'));
      return m ? broadcastTo(m.rank < x.rank ? expandDims(f, -1) : f, x.shape) : f;
    });
    return greater(min(concat(full, this.axis), -1), 0);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis };
  }
}

registerLayer('Concatenate', Concatenate);
