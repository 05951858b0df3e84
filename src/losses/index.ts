/** Losses: `tsr.losses.sparseCategoricalCrossentropy({fromLogits: true})`, … or names in compile. */
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy, type CrossentropyLossOptions } from './crossentropy.js';
import { CTC, type CTCOptions } from './ctc.js';
import { CosineSimilarity, Huber, KLDivergence, MeanAbsoluteError, MeanSquaredError } from './regression.js';
import type { LossOptions } from './loss.js';

export { Loss, LossFunctionWrapper, getLoss, registerLoss, squeezeOrExpandToSameRank, type LossReduction, type LossOptions, type LossFn, type LossIdentifier } from './loss.js';
export { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy, CosineSimilarity, Huber, KLDivergence, MeanAbsoluteError, MeanSquaredError, CTC, type CrossentropyLossOptions, type CTCOptions };
export { ctcGreedyDecode, ctcBeamSearchDecode, type CtcDecodeOptions, type CtcBeamSearchOptions, type CtcBeamSearchResult } from './ctc-decode.js';

export const sparseCategoricalCrossentropy = (opts: CrossentropyLossOptions = {}): SparseCategoricalCrossentropy => new SparseCategoricalCrossentropy(opts);
export const categoricalCrossentropy = (opts: CrossentropyLossOptions = {}): CategoricalCrossentropy => new CategoricalCrossentropy(opts);
export const binaryCrossentropy = (opts: CrossentropyLossOptions = {}): BinaryCrossentropy => new BinaryCrossentropy(opts);
export const meanSquaredError = (opts: LossOptions = {}): MeanSquaredError => new MeanSquaredError(opts);
export const meanAbsoluteError = (opts: LossOptions = {}): MeanAbsoluteError => new MeanAbsoluteError(opts);
export const huber = (opts: LossOptions & { delta?: number } = {}): Huber => new Huber(opts);
export const klDivergence = (opts: LossOptions = {}): KLDivergence => new KLDivergence(opts);
export const kullbackLeiblerDivergence = klDivergence;
export const cosineSimilarity = (opts: LossOptions & { axis?: number } = {}): CosineSimilarity => new CosineSimilarity(opts);
export const ctc = (opts: CTCOptions = {}): CTC => new CTC(opts);
