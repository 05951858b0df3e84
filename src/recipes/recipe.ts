/**
 * A recipe: one model family with its data loader, ready to train from the CLI
 * (`tessera train <recipe>`) and small enough to copy as a starting point. `load` reads the data in
 * its real layout; `build` returns a compiled model for it.
 */
import type { Tensor } from '../core/tensor.js';
import type { Model } from '../models/model.js';
import type { Dataset } from '../data/dataset.js';

export interface RecipeOptions {
  /** The data folder or file (each recipe documents its layout); default the recipe's own. */
  data?: string;
  epochs: number;
  batchSize: number;
  seed: number;
  /** Use at most this many training and test samples (quick runs, tests). */
  limit?: number;
  /** Image recipes: the side images are resized to. */
  imageSize?: number;
  /** When evaluating a trained model: its recipe.json, so the data is encoded as in training. */
  saved?: SavedRecipe;
}

/** Inputs and targets as tensors, or a dataset of [x, y] batches. */
export type RecipeSplit = { x: Tensor | Tensor[]; y: Tensor } | { dataset: Dataset<readonly [Tensor | Tensor[], Tensor]>; size: number };

export interface RecipeData {
  train: RecipeSplit;
  validation?: RecipeSplit;
  test: RecipeSplit;
  /** For classifiers: the name of each class index (enables the confusion matrix). */
  classNames?: string[];
  /** A line describing what was loaded, for the report. */
  description: string;
  /** What prediction needs besides the model (e.g. a tokenizer's JSON), saved in recipe.json. */
  metadata?: Record<string, unknown>;
  /**
   * Audio recipes: the waveforms of the first `count` samples of the split the dashboard shows
   * (validation, else test), so its sample grid can play them.
   */
  sampleAudio?(count: number): Promise<{ waveforms: Tensor; sampleRate: number }>;
}

/** What a trained recipe model needs to turn files into inputs (from recipe.json: classNames and metadata). */
export interface SavedRecipe {
  recipe: string;
  classNames: string[] | null;
  [key: string]: unknown;
}

/** Where one sample of `predictRows` came from: its file and row (the header is row 1, as loadCsv's errors count). */
export interface PredictRow {
  file: string;
  row: number;
}

/** What `recommend` returns: items by original id, highest predicted rating first. */
export interface Recommendation {
  user: string;
  items: { item: string; rating: number }[];
}

export interface Recipe {
  name: string;
  /** Model family, one line. */
  description: string;
  /** The data layout `--data` expects. */
  dataLayout: string;
  /** What a default run reaches. */
  expected: string;
  defaults: { epochs: number; batchSize: number };
  load(options: RecipeOptions): Promise<RecipeData>;
  build(data: RecipeData, options: RecipeOptions): Model;
  /**
   * Classifiers: the model inputs for files given on the command line (`tessera predict`), as one
   * batch. `scores` says how to read the outputs: logits (softmax) or one sigmoid column.
   */
  predictInputs?(files: readonly string[], saved: SavedRecipe): Promise<Tensor>;
  scores?: 'logits' | 'sigmoid';
  /**
   * Classifiers on tables: like `predictInputs`, but a file holds many samples (a CSV's data rows),
   * so it returns one batch of every row of every file, encoded as in training, and where each came from.
   */
  predictRows?(files: readonly string[], saved: SavedRecipe): Promise<{ x: Tensor; rows: PredictRow[] }>;
  /**
   * Recommenders (`tessera predict <model> --user <id>`): the `top` items with the highest predicted
   * rating for `user` (an original id), leaving out those the user rated in the ratings file `exclude`.
   */
  recommend?(model: Model, saved: SavedRecipe, user: string, options: { top: number; exclude?: string }): Promise<Recommendation>;
  /** Figures beyond `evaluate`'s metrics on the test split (e.g. speech-ctc's character error rates). */
  testMetrics?(model: Model, data: RecipeData): Promise<Record<string, number>>;
  /** Generative recipes: text continuing `prompt` (`tessera predict <model> --prompt`). */
  generate?(model: Model, saved: SavedRecipe, prompt: string, options: { length: number; temperature: number; seed: number }): Promise<string>;
}
