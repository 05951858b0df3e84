import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { div } from '../../ops/elementwise/div.js';
import { maximum } from '../../ops/elementwise/maximum.js';
import { mul } from '../../ops/elementwise/mul.js';
import { sqrt } from '../../ops/elementwise/sqrt.js';
import { square } from '../../ops/elementwise/square.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { sum } from '../../ops/reduce/sum.js';
import { transpose } from '../../ops/shape/transpose.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import type { LayerArgs, Mask } from '../layer.js';
import { registerLayer } from '../registry.js';
import { Merge } from './merge.js';

/**
 * Batched dot product of two inputs over `axes` (Keras Dot), for inputs of rank 2 or 3:
 * [B, n]·[B, n] → [B, 1]; [B, T, d]·[B, S, d] with axes 2 → [B, T, S]. `normalize` makes it cosine.
 */
export class Dot extends Merge {
  readonly className = 'Dot';
  protected override readonly maxInputs = 2;
  readonly axes: number | [number, number];
  readonly normalize: boolean;
  constructor(args: LayerArgs & { axes: number | [number, number]; normalize?: boolean }) {
    super(args);
    this.axes = args.axes;
    this.normalize = args.normalize ?? false;
  }
  protected merge([a0, b0]: Tensor[]): Tensor {
    let a = a0!, b = b0!;
    const [ax, bx] = (Array.isArray(this.axes) ? this.axes : [this.axes, this.axes]).map((v, i) => (v < 0 ? v + [a, b][i]!.rank : v)) as [number, number];
    if (a.rank !== b.rank || a.rank < 2 || a.rank > 3 || ax < 1 || bx < 1) {
      throw new OpError(this.name, `supports two inputs of rank 2 or 3 with axes ≥ 1. Received: shapes [${a.shape.join(',')}] and [${b.shape.join(',')}], axes ${JSON.stringify(this.axes)}`);
    }
    if (a.shape[ax] !== b.shape[bx]) throw new OpError(this.name, `contracted dimensions differ: ${a.shape[ax]} vs ${b.shape[bx]}`);
    if (this.normalize) {
      const unit = (t: Tensor, axis: number): Tensor => div(t, sqrt(maximum(sum(square(t), axis, true), 1e-12)));
      a = unit(a, ax);
      b = unit(b, bx);
    }
    if (a.rank === 2) return sum(mul(a, b), 1, true);
    // Rank 3: move the contracted axis last in a and first (after batch) in b, then a batched matmul.
    const aT = ax === 2 ? a : transpose(a, [0, 2, 1]);
    const bT = bx === 1 ? b : transpose(b, [0, 2, 1]);
    return matmul(aT, bT);
  }
  override computeMask(): Mask {
    return null;
  }
  override getConfig(): Config {
    return { ...super.getConfig(), axes: Array.isArray(this.axes) ? [...this.axes] : this.axes, normalize: this.normalize };
  }
}

registerLayer('Dot', Dot);
