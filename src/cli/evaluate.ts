/**
 * `tessera evaluate <model> --data <path>`: a model saved by `tessera train` on the test split of
 * data in its recipe's layout, encoded as in training (the saved tokenizer, id maps, image size).
 */
import * as tsr from '../api.js';
import { getRecipe } from '../recipes/index.js';
import { line, type CliIO } from './io.js';
import { printTestReport, testReport, type TestReport } from './report.js';
import { loadSaved } from './saved.js';

export interface EvaluateReport extends TestReport {
  recipe: string;
  data: string;
}

export async function evaluateCommand(dir: string, options: { data?: string; limit?: number; seed?: number; json?: boolean }, io: CliIO): Promise<EvaluateReport> {
  const saved = await loadSaved(dir);
  const recipe = getRecipe(saved.recipe);
  const model = await tsr.loadModel(dir);
  const imageSize = typeof saved['imageSize'] === 'number' ? saved['imageSize'] : undefined;
  const data = await recipe.load({ data: options.data, epochs: 1, batchSize: recipe.defaults.batchSize, seed: options.seed ?? 0, limit: options.limit, imageSize, saved });
  const report: EvaluateReport = { recipe: recipe.name, data: data.description, ...(await testReport(model, data, recipe)) };
  if (!options.json) {
    line(io.out, `${recipe.name} model from ${dir} on ${data.description}`);
    printTestReport(report, io);
  }
  return report;
}
