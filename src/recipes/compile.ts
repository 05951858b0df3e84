/** How the classifier recipes compile: Adam, sparse cross-entropy on logits, accuracy. */
import * as tsr from '../api.js';

export function compileClassifier<M extends tsr.Model>(model: M, learningRate: number | tsr.optimizers.LearningRateSchedule = 1e-3): M {
  model.compile({ optimizer: tsr.optimizers.adam({ learningRate }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
  return model;
}
