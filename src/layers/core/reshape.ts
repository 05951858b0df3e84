import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { reshape } from '../../ops/shape/reshape.js';
import { transpose } from '../../ops/shape/transpose.js';
import { tile } from '../../ops/shape/tile.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

const one = (inputs: Tensor | Tensor[]): Tensor => (Array.isArray(inputs) ? inputs[0]! : inputs);

/** Reshapes each sample to `targetShape` (one entry may be −1). */
export class Reshape extends Layer {
  readonly className = 'Reshape';
  readonly targetShape: number[];
  constructor(args: LayerArgs & { targetShape: number[] }) {
    super(args);
    const t = args.targetShape;
    if (!Array.isArray(t) || !t.every((d) => Number.isInteger(d) && (d > 0 || d === -1)) || t.filter((d) => d === -1).length > 1) {
      throw new OpError('reshape', `targetShape must be positive integers with at most one −1. Received: targetShape=${JSON.stringify(t)}`);
    }
    this.targetShape = [...t];
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = one(inputs);
    return reshape(x, [x.shape[0]!, ...this.targetShape]);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), targetShape: this.targetShape };
  }
}

/** Permutes the non-batch axes; `dims` is 1-based as in Keras (Permute([2, 1]) swaps the two). */
export class Permute extends Layer {
  readonly className = 'Permute';
  readonly dims: number[];
  constructor(args: LayerArgs & { dims: number[] }) {
    super(args);
    const d = args.dims;
    const sorted = [...(d ?? [])].sort((a, b) => a - b);
    if (!Array.isArray(d) || !sorted.every((v, i) => v === i + 1)) {
      throw new OpError('permute', `dims must be a permutation of 1..${d?.length ?? 0} (1-based). Received: dims=${JSON.stringify(d)}`);
    }
    this.dims = [...d];
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = one(inputs);
    if (x.rank !== this.dims.length + 1) throw new OpError(this.name, `dims ${JSON.stringify(this.dims)} need inputs of rank ${this.dims.length + 1}. Received: shape [${x.shape.join(',')}]`);
    return transpose(x, [0, ...this.dims]);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), dims: this.dims };
  }
}

/** [batch, features] → [batch, n, features]. */
export class RepeatVector extends Layer {
  readonly className = 'RepeatVector';
  readonly n: number;
  constructor(args: LayerArgs & { n: number }) {
    super(args);
    if (!Number.isInteger(args.n) || args.n < 1) throw new OpError('repeatVector', `n must be an integer ≥ 1. Received: n=${String(args.n)}`);
    this.n = args.n;
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    const x = one(inputs);
    if (x.rank !== 2) throw new OpError(this.name, `expects [batch, features]. Received: shape [${x.shape.join(',')}]`);
    return tile(expandDims(x, 1), [1, this.n, 1]);
  }
  override getConfig(): Config {
    return { ...super.getConfig(), n: this.n };
  }
}

registerLayer('Reshape', Reshape);
registerLayer('Permute', Permute);
registerLayer('RepeatVector', RepeatVector);
