/**
 * The `tessera` command line (commander): recipes, train, evaluate, predict, export, bench. Errors print as one line,
 * `tessera: <message>`, with exit code 1.
 */
// The CLI runs in Node: whoever calls runCli (bin, tests, scripts) trains on ONNX Runtime, not the reference interpreter.
import '../backends/onnxruntime/node.js';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { RECIPES } from '../recipes/index.js';
import { line, processIO, type CliIO } from './io.js';
import { benchCommand, type BenchCommandOptions } from './bench.js';
import { evaluateCommand } from './evaluate.js';
import { listRuns, startDashboardServer } from '../dashboard/index.js';
import { exportCommand, type ExportFormat } from './export.js';
import { predictCommand } from './predict.js';
import { DEFAULT_CHECKPOINT_EVERY, INTERRUPTED_EXIT_CODE, TrainInterrupted, trainCommand } from './train.js';

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be an integer ≥ 1. Received: ${value}`);
    return n;
  };
}

function positive(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n > 0)) throw new InvalidArgumentError(`${name} must be > 0. Received: ${value}`);
    return n;
  };
}

function oneOf<T extends string>(name: string, values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`${name} must be ${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}. Received: ${value}`);
    return value as T;
  };
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`expected an integer. Received: ${value}`);
  return n;
}

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const program = new Command('tessera')
    .description('Deep learning for TypeScript: train, evaluate and run the recipes')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });

  program.command('recipes')
    .description('list the recipes (model families with their data loaders)')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        line(io.out, JSON.stringify(RECIPES.map(({ name, description, dataLayout, expected, defaults }) => ({ name, description, dataLayout, expected, defaults }))));
        return;
      }
      for (const r of RECIPES) {
        line(io.out, `${r.name.padEnd(18)}${r.description}`);
        line(io.out, `${''.padEnd(18)}data: ${r.dataLayout}`);
        line(io.out, `${''.padEnd(18)}expected: ${r.expected}`);
      }
    });

  program.command('train')
    .description('train a recipe: progress bars, a final report, the model saved under --out')
    .argument('<recipe>', `one of: ${RECIPES.map((r) => r.name).join(', ')}`)
    .option('--data <path>', 'data folder or file in the recipe\'s layout (default: the recipe\'s own)')
    .option('--epochs <n>', 'epochs (default: the recipe\'s)', positiveInt('--epochs'))
    .option('--batch <n>', 'batch size (default: the recipe\'s)', positiveInt('--batch'))
    .option('--seed <n>', 'random seed', integer, 0)
    .option('--limit <n>', 'use at most n training and test samples', positiveInt('--limit'))
    .option('--image-size <n>', 'image recipes: resize images to n×n (default: the recipe\'s)', positiveInt('--image-size'))
    .option('--out <dir>', 'where to save the model (default: runs/<recipe>)')
    .option('--json', 'print the final report as JSON (no progress bars)')
    .option('--dashboard', 'serve the live training dashboard (its URL is printed)')
    .option('--dashboard-dir <dir>', 'where dashboard runs are stored (default: dashboard/ beside --out, runs/dashboard)')
    .option('--dashboard-port <n>', 'dashboard port (default: a free one)', positiveInt('--dashboard-port'))
    .option('--resume', 'continue from the checkpoint under --out (weights, optimizer, epoch and batch, random state, data order) to the result of an uninterrupted run')
    .option('--checkpoint-every <n>', `batches between checkpoints in <out>/checkpoint, besides one per epoch (default ${DEFAULT_CHECKPOINT_EVERY}); Ctrl-C also saves one`, positiveInt('--checkpoint-every'))
    .action(async (recipe: string, opts: { data?: string; epochs?: number; batch?: number; seed: number; limit?: number; imageSize?: number; out?: string; json?: boolean; dashboard?: boolean; dashboardDir?: string; dashboardPort?: number; resume?: boolean; checkpointEvery?: number }) => {
      const report = await trainCommand(recipe, opts, io);
      if (opts.json) line(io.out, JSON.stringify(report));
    });

  program.command('evaluate')
    .description('test metrics (and a confusion matrix) of a model saved by `tessera train` on data in its recipe\'s layout')
    .argument('<model>', 'the folder `tessera train --out` wrote')
    .option('--data <path>', 'data in the recipe\'s layout (default: the recipe\'s own); its test split is used')
    .option('--limit <n>', 'use at most n samples', positiveInt('--limit'))
    .option('--seed <n>', 'seed of the held-out split, as in training', integer, 0)
    .option('--json', 'print JSON')
    .action(async (model: string, opts: { data?: string; limit?: number; seed: number; json?: boolean }) => {
      const report = await evaluateCommand(model, opts, io);
      if (opts.json) line(io.out, JSON.stringify(report));
    });

  program.command('predict')
    .description('run a model saved by `tessera train` on files (images, WAVs, texts, videos, CSV rows), generate text, or recommend items to a user')
    .argument('<model>', 'the folder `tessera train --out` wrote')
    .argument('[files...]', 'input files in the form the recipe reads')
    .option('--prompt <text>', 'language-model recipes: generate text continuing this prompt')
    .option('--length <n>', 'characters to generate (default 200)', positiveInt('--length'))
    .option('--temperature <t>', 'sampling temperature (default 1)', positive('--temperature'))
    .option('--seed <n>', 'random seed of the sampling', integer, 0)
    .option('--top <n>', 'how many classes to list per file or row (default 3), or items to recommend (default 10)', positiveInt('--top'))
    .option('--user <id>', 'recommender: the user (id as in the ratings file) to recommend items to')
    .option('--data <path>', 'recommender: a ratings file; items the user rated there are not recommended')
    .option('--json', 'print JSON')
    .action(async (model: string, files: string[], opts: { prompt?: string; length?: number; temperature?: number; seed: number; top?: number; user?: string; data?: string; json?: boolean }) => {
      const result = await predictCommand(model, files, opts, io);
      if (opts.json) line(io.out, JSON.stringify(result));
    });

  program.command('export')
    .description('write a saved model as an ONNX inference graph (dynamic batch) or its weights as safetensors')
    .argument('<model>', 'a model folder (`tessera train --out`, or model.save)')
    .requiredOption('--format <format>', 'onnx or safetensors', oneOf('--format', ['onnx', 'safetensors']))
    .option('--out <file>', 'the file to write (default: model.onnx or model.safetensors in the model folder)')
    .option('--batch <n>', 'onnx: a fixed batch size instead of a dynamic one', positiveInt('--batch'))
    .option('--input-shape <sizes>', 'onnx: sizes after the batch for an input of unknown length, e.g. 98,40 (once per input)', (v: string, prev: number[][] = []) => {
      const sizes = v.split(',').map(Number);
      if (!sizes.length || !sizes.every((n) => Number.isInteger(n) && n >= 1)) throw new InvalidArgumentError(`--input-shape must be sizes ≥ 1 separated by commas. Received: ${v}`);
      return [...prev, sizes];
    })
    .option('--json', 'print JSON')
    .action(async (model: string, opts: { format: ExportFormat; out?: string; batch?: number; inputShape?: number[][]; json?: boolean }) => {
      const report = await exportCommand(model, opts, io);
      if (opts.json) line(io.out, JSON.stringify(report));
    });

  program.command('bench')
    .description('how fast a recipe\'s model trains and predicts here: samples/s and batch-1 latency on its own data')
    .argument('[recipe]', 'the recipe to measure', 'mnist-cnn')
    .option('--data <path>', 'data in the recipe\'s layout (default: the recipe\'s own)')
    .option('--batch <n>', 'batch size (default: the recipe\'s)', positiveInt('--batch'))
    .option('--seconds <s>', 'time per figure (default 10)', positive('--seconds'))
    .option('--device <device>', 'cpu, webgpu or cuda (default cpu)', oneOf('--device', ['cpu', 'webgpu', 'cuda']))
    .option('--threads <n>', 'ONNX Runtime intra-op threads (default: the cores)', positiveInt('--threads'))
    .option('--image-size <n>', 'image recipes: resize images to n×n', positiveInt('--image-size'))
    .option('--seed <n>', 'random seed', integer, 0)
    .option('--json', 'print JSON')
    .action(async (recipe: string, opts: BenchCommandOptions) => {
      const report = await benchCommand(recipe, opts, io);
      if (opts.json) line(io.out, JSON.stringify(report));
    });

  program.command('dashboard')
    .description('serve the dashboard of stored runs (runs being written show live) until interrupted')
    .argument('[dir]', 'the runs folder (tessera train --dashboard writes runs/dashboard)', 'runs/dashboard')
    .option('--port <n>', 'port (default: a free one)', positiveInt('--port'))
    .option('--host <host>', 'interface to bind (default 127.0.0.1: this machine only)')
    .action(async (dir: string, opts: { port?: number; host?: string }) => {
      const runs = await listRuns(dir);
      const server = await startDashboardServer({ dir, port: opts.port, host: opts.host });
      line(io.out, `dashboard: ${server.url} (${runs.length} run${runs.length === 1 ? '' : 's'} in ${dir}); Ctrl-C stops it`);
      await new Promise<void>((resolve) => process.once('SIGINT', resolve));
      await server.close();
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0; commander already printed its message.
      return e.exitCode;
    }
    if (e instanceof TrainInterrupted) {
      // Ctrl-C: a normal way to stop, so no "tessera:" error line; where the checkpoint is and how to go on.
      line(io.err, `interrupted: checkpoint saved in ${e.checkpoint}`);
      line(io.err, `resume with: ${e.resumeCommand}`);
      return INTERRUPTED_EXIT_CODE;
    }
    line(io.err, `tessera: ${(e as Error).message}`);
    return 1;
  }
}
