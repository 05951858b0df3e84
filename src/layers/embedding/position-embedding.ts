import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import type { Initializer, InitializerIdentifier } from '../../initializers/index.js';
import { serializeOrNull as opt, type Config } from '../../io/serialization.js';
import { broadcastTo } from '../../ops/shape/broadcast-to.js';
import { slice } from '../../ops/shape/slice.js';
import { Layer, type CallContext, type LayerArgs, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { fmtSymbolic, singleInput, singleShape } from '../normalization/norm-common.js';
import { embeddingInitializer, startIndexOf } from './embedding-common.js';

export interface PositionEmbeddingArgs extends LayerArgs {
  /** The longest sequence the layer embeds (rows of the position table). */
  sequenceLength: number;
  /** Default 'glorotUniform' (keras-hub). */
  initializer?: InitializerIdentifier;
}

/**
 * keras-hub PositionEmbedding: a learned table `embeddings` [sequenceLength, features]. Called on
 * a sequence [batch, length, features] it returns the table's first `length` rows (from the call
 * option `startIndex`, default 0) broadcast to the input's shape; add it to the input yourself
 * (or use tokenAndPositionEmbedding).
 */
export class PositionEmbedding extends Layer {
  readonly className = 'PositionEmbedding';
  readonly sequenceLength: number;
  readonly initializer: Initializer;
  embeddings: Variable | null = null;

  constructor(args: PositionEmbeddingArgs) {
    super(args);
    if (!Number.isInteger(args.sequenceLength) || args.sequenceLength < 1) {
      throw new OpError('positionEmbedding', `sequenceLength must be an integer ≥ 1. Received: sequenceLength=${String(args.sequenceLength)}`);
    }
    this.sequenceLength = args.sequenceLength;
    this.initializer = embeddingInitializer(args.initializer ?? 'glorotUniform');
  }

  override build(inputShape: ShapeArg): void {
    const shape = singleShape(this.name, inputShape);
    const features = shape[shape.length - 1];
    if (shape.length < 2 || features === null || features === undefined) {
      throw new OpError(this.name, `expects inputs [batch, ..., sequence, features] with known features. Received: input shape ${fmtSymbolic(shape)}`);
    }
    this.embeddings = this.addWeight('embeddings', [this.sequenceLength, features], { initializer: this.initializer });
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    const features = this.embeddings!.shape[1]!;
    const length = x.shape[x.rank - 2]!;
    const start = startIndexOf(this.name, ctx.kwargs);
    if (x.rank < 2 || x.shape[x.rank - 1] !== features) {
      throw new OpError(this.name, `expected inputs [..., sequence, ${features}]. Received: shape [${x.shape.join(',')}]`);
    }
    if (start + length > this.sequenceLength) {
      // Shapes of functional models are inferred with unknown lengths set to 31 and 37, hence the hint.
      throw new OpError(this.name, `positions ${start}..${start + length - 1} exceed sequenceLength ${this.sequenceLength} (in a functional model, give the input a fixed sequence length). Received: shape [${x.shape.join(',')}], startIndex=${start}`);
    }
    const table = length === this.sequenceLength ? this.embeddings! : slice(this.embeddings!, [start, 0], [length, features]);
    return broadcastTo(table, x.shape);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), sequenceLength: this.sequenceLength, initializer: opt(this.initializer) };
  }
}

registerLayer('PositionEmbedding', PositionEmbedding);
