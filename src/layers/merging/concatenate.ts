import { ones } from '../../core/creation.js';
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { max } from '../../ops/reduce/max.js';
import { concat } from '../../ops/shape/concat.js';
import type { LayerArgs, Mask } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { SymbolicShape } from '../symbolic.js';
import { Merge, fmtShape, masksOf, widenMask } from './merge.js';
import { shown } from '../core/layer-args.js';

export interface ConcatenateArgs extends LayerArgs {
  /** The axis to join along (negative counts from the end). Default −1: features. */
  axis?: number;
}

/** Joins the inputs along `axis`; they must agree on every other axis. */
export class Concatenate extends Merge {
  readonly className = 'Concatenate';
  readonly axis: number;
  protected override readonly alignRanks = false;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) throw new OpError('concatenate', `axis must be an integer. Received: axis=${shown(args.axis)}`);
    this.axis = axis;
  }

  protected override checkShapes(shapes: SymbolicShape[]): void {
    const rank = shapes[0]!.length;
    const bad = (): OpError => new OpError(this.name, `needs inputs of one rank that match on every axis but the concatenation axis ${this.axis}. Received: shapes ${shapes.map(fmtShape).join(', ')}`);
    if (shapes.some((s) => s.length !== rank)) throw bad();
    if (this.axis < -rank || this.axis >= rank) {
      throw new OpError(this.name, `axis ${this.axis} is out of range for inputs of rank ${rank}. Received: shapes ${shapes.map(fmtShape).join(', ')}`);
    }
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    for (let k = 0; k < rank; k++) {
      if (k === axis) continue;
      const known = new Set(shapes.map((s) => s[k]).filter((d) => d !== null));
      if (known.size > 1) throw bad();
    }
  }

  protected mergeFunction(xs: Tensor[]): Tensor {
    // Inputs of equal rank are joined as given (no broadcasting, unlike the other merges).
    return xs.length === 1 ? xs[0]! : concat(xs, this.axis);
  }

  /** Keras 3: masks widened to their input's shape (absent = all valid), joined, then any per step. */
  override computeMask(inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask {
    const xs = Array.isArray(inputs) ? inputs : [inputs];
    const masks = masksOf(mask, xs.length);
    if (masks.every((m) => m === null)) return null;
    const full = xs.map((x, i) => (masks[i] ? widenMask(masks[i]!, x) : ones(x.shape, 'bool')));
    return max(full.length === 1 ? full[0]! : concat(full, this.axis), -1);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axis: this.axis };
  }
}

registerLayer('Concatenate', Concatenate);
