/**
 * `tessera predict <model> <file…>`: a model saved by `tessera train` (its folder holds
 * recipe.json) classifies image / WAV / text / video files, printing the top labels and their
 * probabilities; `--prompt` makes a language-model recipe generate text.
 */
import * as tsr from '../api.js';
import { getRecipe } from '../recipes/index.js';
import { loadSaved } from './saved.js';
import { line, type CliIO } from './io.js';

export interface PredictCommandOptions {
  prompt?: string;
  length?: number;
  temperature?: number;
  seed?: number;
  top?: number;
  json?: boolean;
}

export interface FilePrediction {
  file: string;
  label: string;
  probability: number;
  /** The `top` most probable classes, most probable first. */
  top: { label: string; probability: number }[];
}

export async function predictCommand(dir: string, files: readonly string[], options: PredictCommandOptions, io: CliIO): Promise<FilePrediction[] | { prompt: string; text: string }> {
  const saved = await loadSaved(dir);
  const recipe = getRecipe(saved.recipe);
  const model = await tsr.loadModel(dir);
  if (options.prompt !== undefined) {
    if (!recipe.generate) throw new tsr.TesseraError(`the ${recipe.name} recipe does not generate text; --prompt is for char-lstm`);
    const text = await recipe.generate(model, saved, options.prompt, { length: options.length ?? 200, temperature: options.temperature ?? 1, seed: options.seed ?? 0 });
    if (!options.json) line(io.out, options.prompt + text);
    return { prompt: options.prompt, text };
  }
  if (!recipe.predictInputs || !saved.classNames) throw new tsr.TesseraError(`the ${recipe.name} recipe does not classify files`);
  if (files.length === 0) throw new tsr.TesseraError('predict: name at least one input file');
  const x = await recipe.predictInputs(files, saved);
  const scores = (await model.predict(x)) as tsr.Tensor;
  const probs = recipe.scores === 'sigmoid' ? scores : tsr.softmax(scores, -1);
  const p = (await probs.data()) as Float32Array;
  const classes = saved.classNames;
  const width = recipe.scores === 'sigmoid' ? 1 : classes.length;
  const results = files.map((file, i) => {
    const row = width === 1 ? [1 - p[i]!, p[i]!] : Array.from(p.subarray(i * width, (i + 1) * width));
    const ranked = row.map((probability, c) => ({ label: classes[c]!, probability })).sort((a, b) => b.probability - a.probability);
    return { file, label: ranked[0]!.label, probability: ranked[0]!.probability, top: ranked.slice(0, options.top ?? 3) };
  });
  if (!options.json) {
    for (const r of results) line(io.out, `${r.file}: ${r.top.map((t) => `${t.label} ${(t.probability * 100).toFixed(1)}%`).join(', ')}`);
  }
  return results;
}
