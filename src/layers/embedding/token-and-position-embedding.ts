import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Initializer, InitializerIdentifier } from '../../initializers/index.js';
import { serializeOrNull as opt, type Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { Layer, type CallContext, type LayerArgs, type Mask, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import { singleInput, singleShape } from '../normalization/norm-common.js';
import { Embedding } from './embedding.js';
import { embeddingInitializer } from './embedding-common.js';
import { PositionEmbedding } from './position-embedding.js';

export interface TokenAndPositionEmbeddingArgs extends LayerArgs {
  vocabularySize: number;
  /** The longest sequence embedded. */
  sequenceLength: number;
  embeddingDim: number;
  /** Initializer of both tables. Default 'uniform' (RandomUniform ±0.05, keras-hub). */
  embeddingsInitializer?: InitializerIdentifier;
  /** Token 0 is padding: the output carries the mask `inputs != 0`. */
  maskZero?: boolean;
}

/**
 * keras-hub TokenAndPositionEmbedding: token embeddings plus learned position embeddings,
 * [batch, sequence] integer ids → [batch, sequence, embeddingDim]. Weights:
 * token_embedding/embeddings [vocabularySize, embeddingDim], position_embedding/embeddings
 * [sequenceLength, embeddingDim]. Call option `startIndex` offsets the positions.
 */
export class TokenAndPositionEmbedding extends Layer {
  readonly className = 'TokenAndPositionEmbedding';
  readonly vocabularySize: number;
  readonly sequenceLength: number;
  readonly embeddingDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly maskZero: boolean;
  readonly tokenEmbedding: Embedding;
  readonly positionEmbedding: PositionEmbedding;

  constructor(args: TokenAndPositionEmbeddingArgs) {
    super(args);
    for (const key of ['vocabularySize', 'sequenceLength', 'embeddingDim'] as const) {
      const v = args[key];
      if (!Number.isInteger(v) || v < 1) throw new OpError('tokenAndPositionEmbedding', `${key} must be an integer ≥ 1. Received: ${key}=${String(v)}`);
    }
    this.vocabularySize = args.vocabularySize;
    this.sequenceLength = args.sequenceLength;
    this.embeddingDim = args.embeddingDim;
    this.embeddingsInitializer = embeddingInitializer(args.embeddingsInitializer ?? 'uniform');
    this.maskZero = args.maskZero ?? false;
    this.tokenEmbedding = new Embedding({
      inputDim: this.vocabularySize, outputDim: this.embeddingDim, embeddingsInitializer: this.embeddingsInitializer,
      maskZero: this.maskZero, name: `${this.name}/token_embedding`, dtype: this.dtype,
    });
    this.positionEmbedding = new PositionEmbedding({
      sequenceLength: this.sequenceLength, initializer: this.embeddingsInitializer, name: `${this.name}/position_embedding`, dtype: this.dtype,
    });
  }

  override build(inputShape: ShapeArg): void {
    const shape = singleShape(this.name, inputShape);
    this.tokenEmbedding.maybeBuild(shape);
    this.positionEmbedding.maybeBuild([...shape, this.embeddingDim]);
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    const tokens = this.tokenEmbedding.apply(x, { training: ctx.training });
    return add(tokens, this.positionEmbedding.apply(tokens, { training: ctx.training, kwargs: ctx.kwargs }));
  }

  override computeMask(inputs: Tensor | Tensor[]): Mask {
    return this.tokenEmbedding.computeMask(inputs);
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      vocabularySize: this.vocabularySize,
      sequenceLength: this.sequenceLength,
      embeddingDim: this.embeddingDim,
      embeddingsInitializer: opt(this.embeddingsInitializer),
      maskZero: this.maskZero,
    };
  }
}

registerLayer('TokenAndPositionEmbedding', TokenAndPositionEmbedding);
