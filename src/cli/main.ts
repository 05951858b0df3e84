/**
 * The `tessera` command line (commander): recipes, train. Errors print as one line,
 * `tessera: <message>`, with exit code 1.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { RECIPES } from '../recipes/index.js';
import { line, processIO, type CliIO } from './io.js';
import { evaluateCommand } from './evaluate.js';
import { predictCommand } from './predict.js';
import { trainCommand } from './train.js';

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be an integer ≥ 1. Received: ${value}`);
    return n;
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
    .action(async (recipe: string, opts: { data?: string; epochs?: number; batch?: number; seed: number; limit?: number; imageSize?: number; out?: string; json?: boolean }) => {
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
    .description('run a model saved by `tessera train` on files (images, WAVs, texts, videos), or generate text')
    .argument('<model>', 'the folder `tessera train --out` wrote')
    .argument('[files...]', 'input files in the form the recipe reads')
    .option('--prompt <text>', 'language-model recipes: generate text continuing this prompt')
    .option('--length <n>', 'characters to generate (default 200)', positiveInt('--length'))
    .option('--temperature <t>', 'sampling temperature (default 1)', (v: string) => {
      const t = Number(v);
      if (!(t > 0)) throw new InvalidArgumentError(`--temperature must be > 0. Received: ${v}`);
      return t;
    })
    .option('--seed <n>', 'random seed of the sampling', integer, 0)
    .option('--top <n>', 'how many classes to list per file (default 3)', positiveInt('--top'))
    .option('--json', 'print JSON')
    .action(async (model: string, files: string[], opts: { prompt?: string; length?: number; temperature?: number; seed: number; top?: number; json?: boolean }) => {
      const result = await predictCommand(model, files, opts, io);
      if (opts.json) line(io.out, JSON.stringify(result));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end through here with exit code 0; commander already printed its message.
      return e.exitCode;
    }
    line(io.err, `tessera: ${(e as Error).message}`);
    return 1;
  }
}
