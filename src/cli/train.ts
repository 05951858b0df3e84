/**
 * `tessera train <recipe>`: load the recipe's data, build and fit its model with progress bars,
 * evaluate on the test split, report (metrics, confusion matrix for classifiers, time) and save the
 * model under --out with a recipe.json describing it.
 */
import * as tsr from '../api.js';
import { progbarLogger } from '../callbacks/progbar-logger.js';
import { writeFileAtomic, joinPath } from '../io/node-fs.js';
import { getRecipe, type RecipeOptions } from '../recipes/index.js';
import { line, type CliIO } from './io.js';
import { fitArgs, printTestReport, testReport, type TestReport } from './report.js';

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

export interface TrainReport extends TestReport {
  recipe: string;
  data: string;
  epochs: number;
  history: Record<string, number[]>;
  seconds: number;
  savedTo: string;
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
  const evaluation = await testReport(model, data, recipe);
  const report: TrainReport = {
    recipe: recipe.name,
    data: data.description,
    epochs: opts.epochs,
    history: Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, (v as number[]).slice()])),
    ...evaluation,
    seconds: 0,
    savedTo: out,
  };
  await model.save(out);
  await writeFileAtomic('tessera train', joinPath(out, 'recipe.json'), JSON.stringify({ recipe: recipe.name, classNames: data.classNames ?? null, test: report.test, ...data.metadata }, null, 1));
  report.seconds = (performance.now() - t0) / 1000;
  say();
  if (!options.json) printTestReport(report, io);
  say(`time: ${report.seconds.toFixed(1)} s; model saved to ${out}`);
  return report;
}
