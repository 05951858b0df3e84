/** The recipes `tessera train` knows, by name. */
import { TesseraError } from '../core/errors.js';
import { mnistCnn } from './mnist-cnn.js';
import type { Recipe } from './recipe.js';

export type { Recipe, RecipeData, RecipeOptions, RecipeSplit } from './recipe.js';

export const RECIPES: readonly Recipe[] = [mnistCnn];

export function getRecipe(name: string): Recipe {
  const r = RECIPES.find((x) => x.name === name);
  if (!r) throw new TesseraError(`unknown recipe '${name}'. Available: ${RECIPES.map((x) => x.name).join(', ')}`);
  return r;
}
