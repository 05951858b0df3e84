/** Attention and transformer layers as factories (`tsr.layers.multiHeadAttention({numHeads, keyDim})`) and classes. */
import { AdditiveAttention, type AdditiveAttentionArgs } from './additive-attention.js';
import { Attention, type AttentionArgs, type ScoreMode } from './attention.js';
import { MultiHeadAttention, type MultiHeadAttentionArgs, type MultiHeadAttentionCallOptions } from './multi-head-attention.js';
import { TransformerEncoder, type TransformerEncoderArgs, type TransformerEncoderCallOptions } from './transformer-encoder.js';

export {
  AdditiveAttention, Attention, MultiHeadAttention, TransformerEncoder,
  type AdditiveAttentionArgs, type AttentionArgs, type ScoreMode, type MultiHeadAttentionArgs, type MultiHeadAttentionCallOptions,
  type TransformerEncoderArgs, type TransformerEncoderCallOptions,
};

export const multiHeadAttention = (args: MultiHeadAttentionArgs): MultiHeadAttention => new MultiHeadAttention(args);
export const attention = (args: AttentionArgs = {}): Attention => new Attention(args);
export const additiveAttention = (args: AdditiveAttentionArgs = {}): AdditiveAttention => new AdditiveAttention(args);
export const transformerEncoder = (args: TransformerEncoderArgs): TransformerEncoder => new TransformerEncoder(args);
