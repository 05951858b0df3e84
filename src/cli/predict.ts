/**
 * `tessera predict <model> <file…>`: a model saved by `tessera train` (its folder holds
 * recipe.json) classifies image / WAV / text / video files, or each row of CSV files, printing the
 * top labels and their probabilities; `--prompt` makes a language-model recipe generate text;
 * `--user` makes a recommender list the items it predicts that user rates highest. Which of these
 * a model does is the recipe's hooks (predictInputs / predictRows, generate, recommend).
 */
import * as tsr from '../api.js';
import { getRecipe } from '../recipes/index.js';
import type { Recommendation } from '../recipes/recipe.js';
import { loadSaved } from './saved.js';
import { line, type CliIO } from './io.js';

export interface PredictCommandOptions {
  prompt?: string;
  length?: number;
  temperature?: number;
  seed?: number;
  /** Classes listed per file or row (default 3); items recommended (default 10). */
  top?: number;
  /** Recommenders: the user (original id) to recommend items to. */
  user?: string;
  /** Recommenders: a ratings file; the items the user rated there are not recommended. */
  data?: string;
  json?: boolean;
}

export interface FilePrediction {
  file: string;
  /** Tabular recipes: the row of `file` (the header is row 1, as loadCsv's errors count). */
  row?: number;
  label: string;
  probability: number;
  /** The `top` most probable classes, most probable first. */
  top: { label: string; probability: number }[];
}

export async function predictCommand(dir: string, files: readonly string[], options: PredictCommandOptions, io: CliIO): Promise<FilePrediction[] | { prompt: string; text: string } | Recommendation> {
  const saved = await loadSaved(dir);
  const recipe = getRecipe(saved.recipe);
  const model = await tsr.loadModel(dir);
  if (options.prompt !== undefined) {
    if (!recipe.generate) throw new tsr.TesseraError(`the ${recipe.name} recipe does not generate text; --prompt is for char-lstm`);
    const text = await recipe.generate(model, saved, options.prompt, { length: options.length ?? 200, temperature: options.temperature ?? 1, seed: options.seed ?? 0 });
    if (!options.json) line(io.out, options.prompt + text);
    return { prompt: options.prompt, text };
  }
  if (recipe.recommend) {
    if (options.user === undefined) throw new tsr.TesseraError(`predict: the ${recipe.name} recipe recommends items to a user; pass --user <id>. Received: no --user${files.length ? `, files ${files.join(' ')}` : ''}`);
    if (files.length > 0) throw new tsr.TesseraError(`predict: the ${recipe.name} recipe reads no input files (--data names the ratings to exclude). Received: ${files.join(' ')}`);
    const result = await recipe.recommend(model, saved, options.user, { top: options.top ?? 10, exclude: options.data });
    if (!options.json) {
      line(io.out, `user ${result.user}: ${result.items.length} item${result.items.length === 1 ? '' : 's'} by predicted rating${options.data !== undefined ? ` (not rated in ${options.data})` : ''}`);
      for (const r of result.items) line(io.out, `  ${r.item}  ${r.rating.toFixed(2)}`);
    }
    return result;
  }
  if (options.user !== undefined || options.data !== undefined) {
    throw new tsr.TesseraError(`predict: --user and --data are for recommender models, not ${recipe.name}. Received: ${options.user !== undefined ? `--user ${options.user}` : `--data ${options.data}`}`);
  }
  if (!(recipe.predictInputs || recipe.predictRows) || !saved.classNames) throw new tsr.TesseraError(`the ${recipe.name} recipe does not classify files`);
  if (files.length === 0) throw new tsr.TesseraError('predict: name at least one input file');
  // A file is one sample, or (tables) each of its rows is.
  const { x, rows }: { x: tsr.Tensor; rows: { file: string; row?: number }[] } = recipe.predictRows
    ? await recipe.predictRows(files, saved)
    : { x: await recipe.predictInputs!(files, saved), rows: files.map((file) => ({ file })) };
  const scores = (await model.predict(x)) as tsr.Tensor;
  const probs = recipe.scores === 'sigmoid' ? scores : tsr.softmax(scores, -1);
  const p = (await probs.data()) as Float32Array;
  const classes = saved.classNames;
  const width = recipe.scores === 'sigmoid' ? 1 : classes.length;
  const results = rows.map(({ file, row }, i): FilePrediction => {
    const ps = width === 1 ? [1 - p[i]!, p[i]!] : Array.from(p.subarray(i * width, (i + 1) * width));
    const ranked = ps.map((probability, c) => ({ label: classes[c]!, probability })).sort((a, b) => b.probability - a.probability);
    return { file, ...(row !== undefined ? { row } : {}), label: ranked[0]!.label, probability: ranked[0]!.probability, top: ranked.slice(0, options.top ?? 3) };
  });
  if (!options.json) {
    for (const r of results) line(io.out, `${r.file}${r.row !== undefined ? ` row ${r.row}` : ''}: ${r.top.map((t) => `${t.label} ${(t.probability * 100).toFixed(1)}%`).join(', ')}`);
  }
  return results;
}
