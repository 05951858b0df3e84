import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { transpose } from '../../ops/shape/transpose.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { shown, singleInput } from './layer-args.js';

export interface PermuteArgs extends LayerArgs {
  /** A permutation of 1…rank−1 (1-based: the batch axis 0 stays first), e.g. [2, 1] swaps two axes. */
  dims: number[];
}

/** Permutes the non-batch axes of its input. */
export class Permute extends Layer {
  readonly className = 'Permute';
  readonly dims: number[];

  constructor(args: PermuteArgs) {
    super(args);
    const d = args.dims;
    const ok = Array.isArray(d) && d.length > 0 && [...d].sort((a, b) => a - b).every((v, i) => v === i + 1);
    if (!ok) {
      throw new OpError('permute', `dims must be a permutation of 1..n (1-based; the batch axis is not included). Received: dims=${shown(d)}`);
    }
    this.dims = [...d];
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = singleInput(this.name, inputs);
    if (x.rank !== this.dims.length + 1) {
      throw new OpError(this.name, `dims [${this.dims.join(',')}] need inputs of rank ${this.dims.length + 1}. Received: input shape [${x.shape.join(',')}]`);
    }
    return transpose(x, [0, ...this.dims]);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), dims: [...this.dims] };
  }
}

registerLayer('Permute', Permute);
