/**
 * tabular-mlp: a binary classifier on a CSV — Dense 128 → 64 → 32 → 1 (sigmoid). The label is the
 * column named `label` if there is one, else the last column (two distinct values); other columns are
 * typed, standardised and one-hot encoded by tsr.data.loadCsv. 20% of the rows are held out (seeded).
 * The table schema learned on the training file is saved in recipe.json, so `tessera evaluate` and
 * `tessera predict <model> rows.csv` encode their files the same way.
 */
import * as tsr from '../api.js';
import type { PredictRow, Recipe, SavedRecipe } from './recipe.js';
import { firstRows, splitRows } from './split.js';

function savedSchema(saved: SavedRecipe): tsr.data.TabularSchema {
  const schema = saved['schema'] as tsr.data.TabularSchema | undefined;
  if (!schema?.columns) throw new tsr.TesseraError(`tabular-mlp: recipe.json holds no table schema (the model was trained before predict read CSVs); train it again. Received keys: ${Object.keys(saved).join(', ')}`);
  return schema;
}

export const tabularMlp: Recipe = {
  name: 'tabular-mlp',
  description: 'Dense 128 → 64 → 32 → 1 sigmoid binary classifier on a CSV',
  dataLayout: "a CSV with a header row; the label is the 'label' column or the last one (two values)",
  expected: 'logistic-regression accuracy or better: 97.4% on the breast-cancer table (569 rows)',
  defaults: { epochs: 20, batchSize: 32 },
  async load(options) {
    if (!options.data) throw new tsr.TesseraError('tabular-mlp: pass --data <file.csv>');
    const text = await tsr.data.text.readUtf8('tabular-mlp', options.data);
    const { header } = tsr.data.parseCsv(text, `'${options.data}'`);
    // A trained model (evaluate) encodes with the schema it learned, not one learned on this file.
    const saved = options.saved?.['schema'] as tsr.data.TabularSchema | undefined;
    const label = saved?.label?.name ?? (header.includes('label') ? 'label' : header[header.length - 1]!);
    const table = await tsr.data.loadCsv(text, { text: true, label, labelType: 'categorical', schema: saved });
    const classes = table.schema.label!.classes!;
    if (classes.length !== 2) throw new tsr.TesseraError(`tabular-mlp: the label column '${label}' must hold two values. Received: ${classes.length} (${classes.slice(0, 5).join(', ')})`);
    const x = firstRows(table.features, options.limit);
    const y = tsr.cast(firstRows(table.labels!, options.limit), 'float32');
    const [[xTrain, yTrain], [xTest, yTest]] = splitRows([x, y], 0.2, options.seed);
    return {
      train: { x: xTrain!, y: yTrain! },
      test: { x: xTest!, y: yTest! },
      classNames: classes,
      description: `${options.data}: ${x.shape[0]} rows, ${table.featureNames.length} features, label '${label}' (${classes.join('/')})`,
      metadata: { schema: table.schema },
    };
  },
  build(data) {
    const features = ('x' in data.train ? (data.train.x as tsr.Tensor) : null)!.shape[1]!;
    const model = tsr.sequential([
      tsr.layers.dense({ units: 128, activation: 'relu', inputShape: [features] }),
      tsr.layers.dense({ units: 64, activation: 'relu' }),
      tsr.layers.dense({ units: 32, activation: 'relu' }),
      tsr.layers.dense({ units: 1, activation: 'sigmoid' }),
    ], { name: 'tabular_mlp' });
    model.compile({ optimizer: tsr.optimizers.adam({ learningRate: 1e-3 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    return model;
  },
  async predictRows(files, saved) {
    const schema = savedSchema(saved);
    // The label column may be there or not: encode the features only.
    const features = { columns: schema.columns };
    const blocks: Float32Array[] = [];
    const rows: PredictRow[] = [];
    let width = 0;
    for (const file of files) {
      const source = `'${file}'`;
      const { header, rows: records } = tsr.data.parseCsv(await tsr.data.text.readUtf8('tabular-mlp', file), source);
      if (records.length === 0) throw new tsr.TesseraError(`tabular-mlp: ${source} has a header but no data rows. Received columns: ${header.join(', ')}`);
      // encodeRows reports missing columns, wrong field counts and non-numbers (naming file, row, column).
      const enc = tsr.data.encodeRows(header, records, features, source);
      // It encodes an unseen category as all zeros (right for a test split); a prediction asked
      // for one would silently be a guess, so it is an error here.
      for (const col of schema.columns) {
        if (col.type !== 'categorical') continue;
        const c = header.indexOf(col.name);
        records.forEach((record, r) => {
          const v = record[c]!;
          if (!tsr.data.isMissing(v) && !col.categories!.includes(v)) {
            throw new tsr.TesseraError(`tabular-mlp: ${source} row ${r + 2} column '${col.name}' holds a category training did not see (${col.categories!.join(', ')}). Received: '${v}'`);
          }
        });
      }
      blocks.push(enc.features);
      width = enc.width;
      records.forEach((_, r) => rows.push({ file, row: r + 2 }));
    }
    const x = new Float32Array(rows.length * width);
    blocks.reduce((at, block) => (x.set(block, at), at + block.length), 0);
    return { x: tsr.tensor(x, [rows.length, width], 'float32'), rows };
  },
  scores: 'sigmoid',
};
