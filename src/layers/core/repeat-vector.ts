import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { tile } from '../../ops/shape/tile.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { shown, singleInput } from './layer-args.js';

export interface RepeatVectorArgs extends LayerArgs {
  /** How many times to repeat each sample's vector (an integer ≥ 1). */
  n: number;
}

/** [batch, features] → [batch, n, features] (e.g. feeding one encoding to every decoder step). */
export class RepeatVector extends Layer {
  readonly className = 'RepeatVector';
  readonly n: number;

  constructor(args: RepeatVectorArgs) {
    super(args);
    if (!Number.isInteger(args.n) || args.n < 1) throw new OpError('repeatVector', `n must be an integer ≥ 1. Received: n=${shown(args.n)}`);
    this.n = args.n;
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = singleInput(this.name, inputs);
    if (x.rank !== 2) throw new OpError(this.name, `expects inputs of rank 2 [batch, features]. Received: input shape [${x.shape.join(',')}]`);
    return tile(expandDims(x, 1), [1, this.n, 1]);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), n: this.n };
  }
}

registerLayer('RepeatVector', RepeatVector);
