import { OpError } from '../../core/errors.js';
import { tensor, type Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { broadcastTo } from '../../ops/shape/broadcast-to.js';
import { Layer, type CallContext, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { singleInput } from '../normalization/norm-common.js';
import { startIndexOf } from './embedding-common.js';

export interface SinePositionEncodingArgs extends LayerArgs {
  /** The longest wavelength of the sinusoids. Default 10000. */
  maxWavelength?: number;
}

/**
 * The sinusoidal table of "Attention is all you need", as keras-hub's SinePositionEncoding:
 * for position p and feature j, angle = p · maxWavelength^(−2⌊j/2⌋/features); even features hold
 * sin(angle), odd ones cos(angle). Returns the table for the input's positions (call option
 * `startIndex`) broadcast to the input's shape [batch, ..., sequence, features]. No weights.
 */
export class SinePositionEncoding extends Layer {
  readonly className = 'SinePositionEncoding';
  readonly maxWavelength: number;
  /** Tables by `length,features,start`: a constant of the graph, computed once on the host. */
  private readonly tables = new Map<string, Tensor>();

  constructor(args: SinePositionEncodingArgs = {}) {
    super(args);
    const w = args.maxWavelength ?? 10000;
    if (typeof w !== 'number' || !(w > 0) || !Number.isFinite(w)) {
      throw new OpError('sinePositionEncoding', `maxWavelength must be a finite number > 0. Received: maxWavelength=${String(w)}`);
    }
    this.maxWavelength = w;
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    if (x.rank < 2) throw new OpError(this.name, `expects inputs [batch, ..., sequence, features]. Received: shape [${x.shape.join(',')}]`);
    const length = x.shape[x.rank - 2]!;
    const features = x.shape[x.rank - 1]!;
    return broadcastTo(this.table(length, features, startIndexOf(this.name, ctx.kwargs)), x.shape);
  }

  private table(length: number, features: number, start: number): Tensor {
    const key = `${length},${features},${start}`;
    let t = this.tables.get(key);
    if (!t) {
      const data = new Float32Array(length * features);
      for (let j = 0; j < features; j++) {
        const timescale = Math.pow(this.maxWavelength, -(2 * Math.floor(j / 2)) / features);
        for (let p = 0; p < length; p++) {
          const angle = (p + start) * timescale;
          data[p * features + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
        }
      }
      t = tensor(data, [length, features]);
      this.tables.set(key, t);
    }
    return t;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), maxWavelength: this.maxWavelength };
  }
}

registerLayer('SinePositionEncoding', SinePositionEncoding);
