/** Metrics: `tsr.metrics.auc()`, … or names in compile ('accuracy', 'precision', 'auc', 'mae', …). */
import { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy } from './accuracy.js';
import { AUC, F1Score, FBetaScore, Precision, Recall, type F1Average } from './confusion.js';
import { Mean, registerMetric } from './metric.js';
import { MeanAbsoluteErrorMetric, MeanSquaredErrorMetric, RootMeanSquaredError } from './regression.js';

export { Metric, MeanMetricWrapper, Mean, getMetric, registerMetric, weightsFor, type MetricFn, type MetricIdentifier, type MetricContext } from './metric.js';
export { BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy };
export { AUC, F1Score, FBetaScore, Precision, Recall, MeanAbsoluteErrorMetric, MeanSquaredErrorMetric, RootMeanSquaredError, type F1Average };

registerMetric('Mean', ['mean'], (c) => new Mean(c['name'] as string | undefined));

type Named = { name?: string };
export const binaryAccuracy = (o: Named & { threshold?: number } = {}): BinaryAccuracy => new BinaryAccuracy(o);
export const categoricalAccuracy = (o: Named = {}): CategoricalAccuracy => new CategoricalAccuracy(o);
export const sparseCategoricalAccuracy = (o: Named = {}): SparseCategoricalAccuracy => new SparseCategoricalAccuracy(o);
export const topKCategoricalAccuracy = (o: Named & { k?: number } = {}): TopKCategoricalAccuracy => new TopKCategoricalAccuracy(o);
export const sparseTopKCategoricalAccuracy = (o: Named & { k?: number } = {}): SparseTopKCategoricalAccuracy => new SparseTopKCategoricalAccuracy(o);
export const precision = (o: Named & { thresholds?: number; classId?: number | null } = {}): Precision => new Precision(o);
export const recall = (o: Named & { thresholds?: number; classId?: number | null } = {}): Recall => new Recall(o);
export const f1Score = (o: Named & { average?: F1Average; threshold?: number | null } = {}): F1Score => new F1Score(o);
export const fbetaScore = (o: Named & { average?: F1Average; beta?: number; threshold?: number | null } = {}): FBetaScore => new FBetaScore(o);
export const auc = (o: Named & { numThresholds?: number; curve?: 'ROC' | 'PR' } = {}): AUC => new AUC(o);
export const meanSquaredError = (o: Named = {}): MeanSquaredErrorMetric => new MeanSquaredErrorMetric(o);
export const meanAbsoluteError = (o: Named = {}): MeanAbsoluteErrorMetric => new MeanAbsoluteErrorMetric(o);
export const rootMeanSquaredError = (o: Named = {}): RootMeanSquaredError => new RootMeanSquaredError(o);
export const mean = (o: Named = {}): Mean => new Mean(o.name);
