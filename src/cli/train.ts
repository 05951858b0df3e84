/**
 * `tessera train <recipe>`: load the recipe's data, build and fit its model with progress bars,
 * evaluate on the test split, report (metrics, confusion matrix for classifiers, time) and save the
 * model under --out with a recipe.json describing it.
 */
import * as tsr from '../api.js';
import { progbarLogger } from '../callbacks/progbar-logger.js';
import { confusionMatrix, formatConfusionMatrix } from '../metrics/confusion-matrix.js';
import { writeFileAtomic, joinPath } from '../io/node-fs.js';
import { getRecipe, type RecipeOptions, type RecipeSplit } from '../recipes/index.js';
import { line, type CliIO } from './io.js';

export interface TrainCommandOptions {
  data?: string;
  epochs?: number;
  batch?: number;
  seed?: number;
  limit?: number;
  imageSize?: number;
  out?: string;
  json?: boolean;
}

export interface TrainReport {
  recipe: string;
  data: string;
  epochs: number;
  history: Record<string, number[]>;
  test: Record<string, number>;
  confusionMatrix?: number[][];
  classNames?: string[];
  seconds: number;
  savedTo: string;
}

const fitArgs = (split: RecipeSplit): [tsr.Tensor | tsr.Tensor[] | tsr.data.Dataset<readonly [tsr.Tensor | tsr.Tensor[], tsr.Tensor]>, tsr.Tensor | undefined] =>
  'x' in split ? [split.x, split.y] : [split.dataset, undefined];

/** True and predicted classes over a split (argmax of the scores, or > 0.5 for one sigmoid column). */
async function predictedClasses(model: tsr.Model, split: RecipeSplit, batchSize: number): Promise<{ labels: number[]; predicted: number[] } | null> {
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

export async function trainCommand(name: string, options: TrainCommandOptions, io: CliIO): Promise<TrainReport> {
  const recipe = getRecipe(name);
  const opts: RecipeOptions = {
    data: options.data,
    epochs: options.epochs ?? recipe.defaults.epochs,
    batchSize: options.batch ?? recipe.defaults.batchSize,
    seed: options.seed ?? 0,
    limit: options.limit,
    imageSize: options.imageSize,
  };
  const out = options.out ?? `runs/${recipe.name}`;
  const say = (text = ''): void => {
    if (!options.json) line(io.out, text);
  };
  const t0 = performance.now();
  tsr.setSeed(opts.seed);
  const data = await recipe.load(opts);
  say(`${recipe.name}: ${recipe.description}`);
  say(data.description);
  const model = recipe.build(data, opts);
  if (!options.json) model.summary((l) => line(io.out, l));
  const [x, y] = fitArgs(data.train);
  const validation = data.validation ? fitArgs(data.validation) : null;
  const history = await model.fit(x, y, {
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    verbose: 0,
    callbacks: options.json ? [] : [progbarLogger({ verbose: 1, stream: io.out })],
    ...(validation ? { validationData: validation[1] ? [validation[0], validation[1]] as [tsr.Tensor, tsr.Tensor] : validation[0] as tsr.data.Dataset<readonly [tsr.Tensor, tsr.Tensor]> } : {}),
  });
  const [tx, ty] = fitArgs(data.test);
  const test = (await model.evaluate(tx, ty, { batchSize: 250, returnDict: true })) as Record<string, number>;
  const report: TrainReport = {
    recipe: recipe.name,
    data: data.description,
    epochs: opts.epochs,
    history: Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, (v as number[]).slice()])),
    test,
    seconds: 0,
    savedTo: out,
  };
  if (data.classNames) {
    const classes = await predictedClasses(model, data.test, 250);
    if (classes) {
      report.classNames = data.classNames;
      report.confusionMatrix = confusionMatrix(classes.labels, classes.predicted, data.classNames.length);
    }
  }
  await model.save(out);
  await writeFileAtomic('tessera train', joinPath(out, 'recipe.json'), JSON.stringify({ recipe: recipe.name, classNames: data.classNames ?? null, test, ...data.metadata }, null, 1));
  report.seconds = (performance.now() - t0) / 1000;
  say();
  say(`test: ${Object.entries(test).map(([k, v]) => `${k} ${k.includes('acc') ? `${(v * 100).toFixed(2)}%` : v.toFixed(4)}`).join(', ')}`);
  if (report.confusionMatrix) {
    say('confusion matrix (rows: true class, columns: predicted):');
    for (const l of formatConfusionMatrix(report.confusionMatrix, report.classNames)) say(`  ${l}`);
  }
  say(`time: ${report.seconds.toFixed(1)} s; model saved to ${out}`);
  return report;
}
