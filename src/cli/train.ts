/**
 * `tessera train <recipe>`: load the recipe's data, build and fit its model with progress bars,
 * evaluate on the test split, report (metrics, confusion matrix for classifiers, time) and save the
 * model under --out with a recipe.json describing it.
 *
 * Nothing is lost: a checkpoint (BackupAndRestore in <out>/checkpoint) is written every
 * --checkpoint-every batches and at each epoch's end; `--resume` continues from it to the weights
 * an uninterrupted run with the same seed reaches. Ctrl-C stops after the current batch, saves a
 * checkpoint, prints how to resume and ends with exit code 130 (the shell's code for SIGINT); a
 * second Ctrl-C exits at once (the checkpoint on disk is the previous complete one: writes are atomic).
 */
import { dirname } from 'node:path';
import * as tsr from '../api.js';
import { progbarLogger } from '../callbacks/progbar-logger.js';
import { exists, joinPath, nodeFs, writeFileAtomic } from '../io/node-fs.js';
import { TrainingInterrupted } from '../train/loop.js';
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
  /** Continue from the checkpoint under --out (else an earlier run's checkpoint there is replaced). */
  resume?: boolean;
  /** Batches between checkpoints (there is one at each epoch's end too). Default 100. */
  checkpointEvery?: number;
  /** Stops training as Ctrl-C does (tests; the command listens to SIGINT itself). */
  signal?: AbortSignal;
}

/** The default of --checkpoint-every: a save costs about what a step of a small model costs. */
export const DEFAULT_CHECKPOINT_EVERY = 100;

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const INTERRUPTED_EXIT_CODE = 130;

/** `tessera train` stopped on Ctrl-C after saving a checkpoint; main prints nothing more and exits 130. */
export class TrainInterrupted extends tsr.TesseraError {
  constructor(readonly checkpoint: string, readonly resumeCommand: string) {
    super(`tessera train: interrupted; checkpoint saved in ${checkpoint}. Resume with: ${resumeCommand}`);
  }
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

/** The command line that continues an interrupted run: the same options plus --resume. */
function resumeCommand(recipe: string, o: TrainCommandOptions, out: string): string {
  const args = ['tessera', 'train', recipe];
  const opt = (flag: string, v: string | number | boolean | undefined): void => {
    if (v === undefined || v === false) return;
    args.push(flag);
    if (v !== true) args.push(/^[\w./:@=,+-]+$/.test(String(v)) ? String(v) : `'${String(v).replace(/'/g, "'\\''")}'`);
  };
  opt('--data', o.data); opt('--epochs', o.epochs); opt('--batch', o.batch); opt('--seed', o.seed); opt('--limit', o.limit);
  opt('--image-size', o.imageSize); opt('--out', out); opt('--checkpoint-every', o.checkpointEvery); opt('--json', o.json);
  args.push('--resume');
  return args.join(' ');
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
  const checkpointDir = joinPath(out, 'checkpoint');
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
  const fs = await nodeFs('tessera train');
  const hasCheckpoint = await exists(fs, joinPath(checkpointDir, 'state.json'));
  if (!options.resume && hasCheckpoint) {
    say(`(an earlier run's checkpoint in ${checkpointDir} is replaced; pass --resume to continue it instead)`);
    await fs.rm(checkpointDir, { recursive: true, force: true });
  } else if (options.resume && !hasCheckpoint) {
    say(`(--resume: no checkpoint in ${checkpointDir}; training from the start)`);
  }
  // The CLI removes the checkpoint itself once the final model is saved: a run killed after fit but
  // before that save still resumes (to an immediate end) instead of training again.
  const backup = tsr.callbacks.backupAndRestore({ backupDir: checkpointDir, saveFreq: options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY, deleteCheckpoint: false });
  const guard = tsr.callbacks.terminateOnNaN();
  const interrupt = new AbortController();
  options.signal?.addEventListener('abort', () => interrupt.abort(), { once: true });
  let interrupts = 0;
  const onSigint = (): void => {
    if (++interrupts > 1) {
      // The second Ctrl-C: leave now. The checkpoint on disk is the last complete one (atomic writes).
      line(io.err, `tessera train: interrupted again; exiting without saving (the last checkpoint in ${checkpointDir} is intact)`);
      process.exit(INTERRUPTED_EXIT_CODE);
    }
    line(io.err, 'tessera train: interrupt: stopping after this batch and saving a checkpoint (Ctrl-C again to quit at once)');
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  let history: tsr.callbacks.History;
  try {
    history = await model.fit(x, y, {
      epochs: opts.epochs,
      batchSize: opts.batchSize,
      verbose: 0,
      callbacks: [guard, backup, ...(options.json ? [] : [progbarLogger({ verbose: 1, stream: io.out })]), ...(dash ? [dash] : [])],
      signal: interrupt.signal,
      ...(validation ? { validationData: validation[1] ? [validation[0], validation[1]] as [tsr.Tensor, tsr.Tensor] : validation[0] as tsr.data.Dataset<readonly [tsr.Tensor, tsr.Tensor]> } : {}),
    });
  } catch (e) {
    if (e instanceof TrainingInterrupted) {
      // The handler stays: another Ctrl-C while the process winds down exits at once, as promised.
      throw new TrainInterrupted(checkpointDir, resumeCommand(recipe.name, options, out));
    }
    process.off('SIGINT', onSigint);
    throw e;
  }
  process.off('SIGINT', onSigint);
  if (backup.resumedAt !== null) say(`resumed from ${checkpointDir} at epoch ${backup.resumedAt + 1}, batch ${backup.resumedBatch ?? 0}`);
  if (guard.message !== null) {
    throw new tsr.TesseraError(`tessera train: ${guard.message}; the model was not saved; the last checkpoint with finite weights is in ${checkpointDir} (resume with a smaller learning rate or fix the data)`);
  }
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
  await fs.rm(checkpointDir, { recursive: true, force: true }); // the run is complete and saved
  report.seconds = (performance.now() - t0) / 1000;
  say();
  if (!options.json) printTestReport(report, io);
  say(`time: ${report.seconds.toFixed(1)} s; model saved to ${out}`);
  return report;
}
