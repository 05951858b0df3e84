/** The recipes `tessera train` knows, by name. */
import { TesseraError } from '../core/errors.js';
import { audioAutoencoder } from './audio-autoencoder.js';
import { charLstm } from './char-lstm.js';
import { cifar10Cnn, cifar10CnnDeep } from './cifar10-cnn.js';
import { imageFolderCnn } from './image-folder-cnn.js';
import { mnistCnn } from './mnist-cnn.js';
import { recommender } from './recommender.js';
import { speechConv1d } from './speech-conv1d.js';
import { speechCtc } from './speech-ctc.js';
import { tabularMlp } from './tabular-mlp.js';
import { textRnn } from './text-rnn.js';
import { textTransformer } from './text-transformer.js';
import { videoConv3d, videoConvLstm } from './video-conv3d.js';
import type { Recipe } from './recipe.js';

export type { Recipe, RecipeData, RecipeOptions, RecipeSplit, SavedRecipe } from './recipe.js';

export const RECIPES: readonly Recipe[] = [
  mnistCnn, cifar10Cnn, cifar10CnnDeep, imageFolderCnn, speechConv1d, speechCtc, audioAutoencoder, charLstm, textRnn, textTransformer, tabularMlp, recommender, videoConv3d, videoConvLstm,
];

export function getRecipe(name: string): Recipe {
  const r = RECIPES.find((x) => x.name === name);
  if (!r) throw new TesseraError(`unknown recipe '${name}'. Available: ${RECIPES.map((x) => x.name).join(', ')}`);
  return r;
}
