/** The test-set part of the CLI's reports (train and evaluate): metrics and, for classifiers, the confusion matrix. */
import * as tsr from '../api.js';
import { confusionMatrix, formatConfusionMatrix } from '../metrics/confusion-matrix.js';
import type { Recipe, RecipeData, RecipeSplit } from '../recipes/index.js';
import { line, type CliIO } from './io.js';

export interface TestReport {
  test: Record<string, number>;
  confusionMatrix?: number[][];
  classNames?: string[];
}

export const fitArgs = (split: RecipeSplit): [tsr.Tensor | tsr.Tensor[] | tsr.data.Dataset<readonly [tsr.Tensor | tsr.Tensor[], tsr.Tensor]>, tsr.Tensor | undefined] =>
  'x' in split ? [split.x, split.y] : [split.dataset, undefined];

/** True and predicted classes over a split (argmax of the scores, or > 0.5 for one sigmoid column). */
export async function predictedClasses(model: tsr.Model, split: RecipeSplit, batchSize: number): Promise<{ labels: number[]; predicted: number[] } | null> {
  const labels: number[] = [];
  const predicted: number[] = [];
  const batches: AsyncIterable<readonly [tsr.Tensor | tsr.Tensor[], tsr.Tensor]> = 'x' in split ? (async function* () { yield [split.x, split.y] as const; })() : split.dataset;
  for await (const [x, y] of batches) {
    const scores = (await model.predict(x, { batchSize })) as tsr.Tensor;
    if (scores.rank !== 2 || y.rank !== 1) return null;
    if (scores.shape[1] === 1) for (const p of (await scores.data()) as Float32Array) predicted.push(p > 0.5 ? 1 : 0);
    else predicted.push(...((await tsr.argmax(scores, -1).data()) as Int32Array));
    labels.push(...((await tsr.cast(y, 'int32').data()) as Int32Array));
  }
  return { labels, predicted };
}


/** Test metrics of `model` on the data's test split, with a confusion matrix for classifiers. */
export async function testReport(model: tsr.Model, data: RecipeData, recipe: Recipe): Promise<TestReport> {
  const [tx, ty] = fitArgs(data.test);
  const test = (await model.evaluate(tx, ty, { batchSize: 250, returnDict: true })) as Record<string, number>;
  if (recipe.testMetrics) Object.assign(test, await recipe.testMetrics(model, data));
  const report: TestReport = { test };
  if (data.classNames) {
    const classes = await predictedClasses(model, data.test, 250);
    if (classes) {
      report.classNames = data.classNames;
      report.confusionMatrix = confusionMatrix(classes.labels, classes.predicted, data.classNames.length);
    }
  }
  return report;
}

export function printTestReport(report: TestReport, io: CliIO): void {
  line(io.out, `test: ${Object.entries(report.test).map(([k, v]) => `${k} ${k.includes('acc') || k.startsWith('cer') ? `${(v * 100).toFixed(2)}%` : v.toFixed(4)}`).join(', ')}`);
  if (report.confusionMatrix) {
    line(io.out, 'confusion matrix (rows: true class, columns: predicted):');
    for (const l of formatConfusionMatrix(report.confusionMatrix, report.classNames)) line(io.out, `  ${l}`);
  }
}
