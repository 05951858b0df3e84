/** Embedding layers as factories (`tsr.layers.embedding({inputDim, outputDim})`) and classes. */
import { Embedding, type EmbeddingArgs } from './embedding.js';
import { PositionEmbedding, type PositionEmbeddingArgs } from './position-embedding.js';
import { SinePositionEncoding, type SinePositionEncodingArgs } from './sine-position-encoding.js';
import { TokenAndPositionEmbedding, type TokenAndPositionEmbeddingArgs } from './token-and-position-embedding.js';

export {
  Embedding, PositionEmbedding, SinePositionEncoding, TokenAndPositionEmbedding,
  type EmbeddingArgs, type PositionEmbeddingArgs, type SinePositionEncodingArgs, type TokenAndPositionEmbeddingArgs,
};

export const embedding = (args: EmbeddingArgs): Embedding => new Embedding(args);
/** keras-hub's PositionEmbedding: learned position vectors, broadcast to the input's shape. */
export const positionEmbedding = (args: PositionEmbeddingArgs): PositionEmbedding => new PositionEmbedding(args);
/** Another name of positionEmbedding. */
export const positionalEmbedding = positionEmbedding;
export const sinePositionEncoding = (args: SinePositionEncodingArgs = {}): SinePositionEncoding => new SinePositionEncoding(args);
export const tokenAndPositionEmbedding = (args: TokenAndPositionEmbeddingArgs): TokenAndPositionEmbedding => new TokenAndPositionEmbedding(args);
