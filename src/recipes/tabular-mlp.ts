/**
 * tabular-mlp: a binary classifier on a CSV — Dense 128 → 64 → 32 → 1 (sigmoid). The label is the
 * column named `label` if there is one, else the last column (two distinct values); other columns are
 * typed, standardised and one-hot encoded by tsr.data.loadCsv. 20% of the rows are held out (seeded).
 */
import * as tsr from '../api.js';
import type { Recipe } from './recipe.js';
import { firstRows, splitRows } from './split.js';

export const tabularMlp: Recipe = {
  name: 'tabular-mlp',
  description: 'Dense 128 → 64 → 32 → 1 sigmoid binary classifier on a CSV',
  dataLayout: "a CSV with a header row; the label is the 'label' column or the last one (two values)",
  expected: 'test accuracy of a logistic-regression baseline or better',
  defaults: { epochs: 20, batchSize: 32 },
  async load(options) {
    if (!options.data) throw new tsr.TesseraError('tabular-mlp: pass --data <file.csv>');
    const text = await tsr.data.text.readUtf8('tabular-mlp', options.data);
    const { header } = tsr.data.parseCsv(text, `'${options.data}'`);
    const label = header.includes('label') ? 'label' : header[header.length - 1]!;
    const table = await tsr.data.loadCsv(text, { text: true, label, labelType: 'categorical' });
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
};
