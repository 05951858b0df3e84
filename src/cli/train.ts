/**
 * `tessera train <recipe>`: load the recipe's data, build and fit its model with progress bars,
 * evaluate on the test split, report (metrics, confusion matrix for classifiers, time) and save the
 * model under --out with a recipe.json describing it.
 */
import { dirname } from 'node:path';
import * as tsr from '../api.js';
import { progbarLogger } from '../callbacks/progbar-logger.js';
import { writeFileAtomic, joinPath } from '../io/node-fs.js';
import { getRecipe, type RecipeData, type RecipeOptions } from '../recipes/index.js';
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
  /** Serve the live dashboard while training (runs stored under `dashboardDir`). */
  dashboard?: boolean;
  dashboardDir?: string;
  dashboardPort?: number;
}

export interface TrainReport extends TestReport {
  recipe: string;
  data: string;
  epochs: number;
  history: Record<string, number[]>;
  seconds: number;
  savedTo: string;
}

/** Samples in the dashboard's grid. */
const GRID = 16;

/** Samples held out for the dashboard's confusion matrix and grid: the validation split (else the test split), at most 256. */
async function dashboardValidation(data: RecipeData): Promise<tsr.callbacks.DashboardValidation | undefined> {
  const split = data.validation ?? data.test;
  let x: tsr.Tensor;
  let y: tsr.Tensor;
  if ('x' in split) {
    if (Array.isArray(split.x)) return undefined; // several inputs: no single picture per sample
    [x, y] = [split.x, split.y];
  } else {
    const xs: tsr.Tensor[] = [];
    const ys: tsr.Tensor[] = [];
    let n = 0;
    for await (const [bx, by] of split.dataset) {
      if (Array.isArray(bx)) return undefined;
      xs.push(bx);
      ys.push(by);
      n += by.shape[0]!;
      if (n >= 256) break;
    }
    if (!xs.length) return undefined;
    [x, y] = [tsr.concat(xs, 0), tsr.concat(ys, 0)];
  }
  const n = Math.min(256, y.shape[0]!);
  const rows = (t: tsr.Tensor) => tsr.slice(t, [0, ...t.shape.slice(1).map(() => 0)], [n, ...t.shape.slice(1).map(() => -1)]);
  if (y.rank !== 1) return undefined; // not one class index per sample (sequences, CTC)
  const tokenizer = data.metadata?.['tokenizer'] as tsr.data.text.TokenizerJSON | undefined;
  const decoder = tokenizer ? tsr.data.text.tokenizerFromJSON(tokenizer) : null;
  const count = Math.min(GRID, n);
  return {
    x: rows(x), y: tsr.cast(rows(y), 'int32'), classNames: data.classNames!, count,
    ...(decoder ? { decodeText: (ids: number[]) => decoder.decode(ids.filter((id) => id !== 0)) } : {}),
    ...(data.sampleAudio ? await data.sampleAudio(count) : {}),
  };
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
  const dash = options.dashboard
    ? tsr.callbacks.dashboard({
      // Beside the model's folder (runs/<recipe> → runs/dashboard), so runs of several recipes show side by side.
      dir: options.dashboardDir ?? joinPath(dirname(out), 'dashboard'), port: options.dashboardPort, name: recipe.name,
      print: (l) => line(options.json ? io.err : io.out, l),
      validation: data.classNames ? await dashboardValidation(data) : undefined,
    })
    : null;
  if (!options.json) model.summary((l) => line(io.out, l));
  const [x, y] = fitArgs(data.train);
  const validation = data.validation ? fitArgs(data.validation) : null;
  const history = await model.fit(x, y, {
    epochs: opts.epochs,
    batchSize: opts.batchSize,
    verbose: 0,
    callbacks: [...(options.json ? [] : [progbarLogger({ verbose: 1, stream: io.out })]), ...(dash ? [dash] : [])],
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
