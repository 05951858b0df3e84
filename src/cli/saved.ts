/** The recipe.json that `tessera train` writes beside a saved model. */
import * as tsr from '../api.js';
import { joinPath, readFileText } from '../io/node-fs.js';
import type { SavedRecipe } from '../recipes/index.js';

export async function loadSaved(dir: string): Promise<SavedRecipe> {
  let saved: SavedRecipe;
  try {
    saved = JSON.parse(await readFileText('tessera predict', joinPath(dir, 'recipe.json'))) as SavedRecipe;
  } catch (e) {
    if (e instanceof tsr.TesseraError) throw new tsr.TesseraError(`'${dir}' is not a model saved by tessera train (no readable recipe.json): ${e.message}`);
    throw new tsr.TesseraError(`'${dir}/recipe.json' is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof saved.recipe !== 'string') throw new tsr.TesseraError(`'${dir}/recipe.json' names no recipe`);
  return saved;
}
