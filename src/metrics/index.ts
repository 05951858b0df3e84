/** Metrics: `tsr.metrics.auc()`, … or names in compile ('accuracy', 'precision', 'auc', 'mae', …). */
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy } from './accuracy.js';
import { AUC, type AUCOptions } from './auc.js';
import { Precision, Recall, type PrecisionRecallOptions } from './confusion.js';
import { F1Score, FBetaScore, type FBetaOptions } from './f-score.js';
import { Mean, registerMetric } from './metric.js';
import { MeanAbsoluteErrorMetric, MeanSquaredErrorMetric, RootMeanSquaredError } from './regression.js';

export { Metric, MeanMetricWrapper, Mean, getMetric, registerMetric, weightsFor, type MetricFn, type MetricIdentifier, type MetricContext } from './metric.js';
export { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy };
export { AUC, F1Score, FBetaScore, Precision, Recall, MeanAbsoluteErrorMetric, MeanSquaredErrorMetric, RootMeanSquaredError };
export type { AUCOptions, AUCCurve, AUCSummationMethod } from './auc.js';
export type { F1Average, FBetaOptions } from './f-score.js';
export type { PrecisionRecallOptions } from './confusion.js';

registerMetric('Mean', ['mean'], (c) => new Mean(c['name'] as string | undefined));

type Named = { name?: string };
export const binaryAccuracy = (o: Named & { threshold?: number } = {}): BinaryAccuracy => new BinaryAccuracy(o);
export const categoricalAccuracy = (o: Named = {}): CategoricalAccuracy => new CategoricalAccuracy(o);
export const sparseCategoricalAccuracy = (o: Named = {}): SparseCategoricalAccuracy => new SparseCategoricalAccuracy(o);
export const topKCategoricalAccuracy = (o: Named & { k?: number } = {}): TopKCategoricalAccuracy => new TopKCategoricalAccuracy(o);
export const sparseTopKCategoricalAccuracy = (o: Named & { k?: number } = {}): SparseTopKCategoricalAccuracy => new SparseTopKCategoricalAccuracy(o);
export const precision = (o: PrecisionRecallOptions = {}): Precision => new Precision(o);
export const recall = (o: PrecisionRecallOptions = {}): Recall => new Recall(o);
export const f1Score = (o: Omit<FBetaOptions, 'beta'> = {}): F1Score => new F1Score(o);
export const fbetaScore = (o: FBetaOptions = {}): FBetaScore => new FBetaScore(o);
export const auc = (o: AUCOptions = {}): AUC => new AUC(o);
export const meanSquaredError = (o: Named = {}): MeanSquaredErrorMetric => new MeanSquaredErrorMetric(o);
export const meanAbsoluteError = (o: Named = {}): MeanAbsoluteErrorMetric => new MeanAbsoluteErrorMetric(o);
export const rootMeanSquaredError = (o: Named = {}): RootMeanSquaredError => new RootMeanSquaredError(o);
export const mean = (o: Named = {}): Mean => new Mean(o.name);
