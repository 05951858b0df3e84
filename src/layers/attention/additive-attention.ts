import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { mul } from '../../ops/elementwise/mul.js';
import { tanh } from '../../ops/elementwise/tanh.js';
import { sum } from '../../ops/reduce/sum.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import type { LayerArgs, ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { Attention } from './attention.js';

export interface AdditiveAttentionArgs extends LayerArgs {
  /** Learn a per-feature scale [dim] of the tanh terms. Default true. */
  useScale?: boolean;
  /** Dropout rate on the attention weights (training only). Default 0. */
  dropout?: number;
}

/**
 * Keras AdditiveAttention (Bahdanau-style): scores = Σ_d scale_d · tanh(q_d + k_d) for each query
 * and key; otherwise as Attention (masks, causal mask, returnAttentionScores). Weight: scale [dim]
 * (glorotUniform) when useScale.
 */
export class AdditiveAttention extends Attention {
  override readonly className: string = 'AdditiveAttention';

  constructor(args: AdditiveAttentionArgs = {}) {
    super({ ...args, scoreMode: 'dot' }, true);
  }

  override build(inputShape: ShapeArg): void {
    const [q] = this.checkShapes(inputShape);
    if (this.useScale) this.scale = this.addWeight('scale', [q[q.length - 1]!], { initializer: 'glorotUniform' });
  }

  protected override scores(query: Tensor, key: Tensor): Tensor {
    const t = tanh(add(expandDims(query, -2), expandDims(key, -3))); // [B, Tq, Tv, dim]
    return sum(this.scale ? mul(t, this.scale) : t, -1);
  }

  override getConfig(): Config {
    const { scoreMode: _scoreMode, ...config } = super.getConfig();
    return config;
  }
}

registerLayer('AdditiveAttention', AdditiveAttention);
