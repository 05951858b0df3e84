/**
 * The benchmark models (Tessera side), the same architectures as bench/torch_models.py, and the
 * timing of `fit` they share (bench/fit.ts, bench/suite.ts).
 */
import * as tsr from '../src/index.js';
import { seedCnn } from '../examples/seed-cnn.js';

export interface BenchModel {
  model: tsr.Model;
  x: tsr.Tensor;
  y: tsr.Tensor;
  batch: number;
  /** Items counted per sample (tokens per sequence for the language model). */
  itemsPerSample: number;
}

const compile = (model: tsr.Model): tsr.Model => {
  model.compile({ optimizer: 'adam', loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }) });
  return model;
};

export function cnnBench(batch: number): BenchModel {
  tsr.setSeed(0);
  const n = batch * 16;
  return { model: compile(seedCnn()), x: tsr.randomUniform([n, 28, 28, 1], { key: tsr.randomKey(1) }), y: tsr.randint([n], 0, 10, { key: tsr.randomKey(2) }), batch, itemsPerSample: 1 };
}

/** Embedding 64 → LSTM 256 → Dense 96 over every step, sequences of 64, batch 32. */
export function charLstmBench(): BenchModel {
  tsr.setSeed(0);
  const model = compile(tsr.sequential([
    tsr.layers.embedding({ inputDim: 96, outputDim: 64, inputShape: [64] }),
    tsr.layers.lstm({ units: 256, returnSequences: true }),
    tsr.layers.dense({ units: 96 }),
  ]));
  const n = 32 * 8;
  return { model, x: tsr.randint([n, 64], 0, 96, { key: tsr.randomKey(3) }), y: tsr.randint([n, 64], 0, 96, { key: tsr.randomKey(4) }), batch: 32, itemsPerSample: 64 };
}

/** Token + position embedding 128 → Transformer encoder (4 heads, FFN 256) → mean → Dense 2; seq 128, batch 32. */
export function transformerBench(): BenchModel {
  tsr.setSeed(0);
  const model = compile(tsr.sequential([
    tsr.layers.tokenAndPositionEmbedding({ vocabularySize: 1000, sequenceLength: 128, embeddingDim: 128, inputShape: [128] }),
    tsr.layers.transformerEncoder({ intermediateDim: 256, numHeads: 4 }),
    tsr.layers.globalAveragePooling1d(),
    tsr.layers.dense({ units: 2 }),
  ]));
  const n = 32 * 4;
  return { model, x: tsr.randint([n, 128], 0, 1000, { key: tsr.randomKey(5) }), y: tsr.randint([n], 0, 2, { key: tsr.randomKey(6) }), batch: 32, itemsPerSample: 1 };
}

/** Conv3D 16 → MaxPool3D → Conv3D 32 → MaxPool3D → global average → Dense 10 on 16×64×64×3 clips, batch 8. */
export function conv3dBench(): BenchModel {
  tsr.setSeed(0);
  const model = compile(tsr.sequential([
    tsr.layers.conv3d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [16, 64, 64, 3] }),
    tsr.layers.maxPooling3d({ poolSize: 2 }),
    tsr.layers.conv3d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' }),
    tsr.layers.maxPooling3d({ poolSize: 2 }),
    tsr.layers.globalAveragePooling3d(),
    tsr.layers.dense({ units: 10 }),
  ]));
  const n = 8 * 2;
  return { model, x: tsr.randomUniform([n, 16, 64, 64, 3], { key: tsr.randomKey(7) }), y: tsr.randint([n], 0, 10, { key: tsr.randomKey(8) }), batch: 8, itemsPerSample: 1 };
}

/**
 * Items per second of `fit` over `seconds` (whole epochs over the bench's data), after one epoch
 * that compiles the step; `afterWarmup` runs between the two (fit.ts resets its counters there).
 */
export async function timeFit(b: BenchModel, seconds: number, afterWarmup: () => void = () => {}): Promise<{ perSecond: number; ms: number }> {
  await b.model.fit(b.x, b.y, { epochs: 1, batchSize: b.batch, verbose: 0 });
  afterWarmup();
  let epochs = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 || epochs < 1) {
    await b.model.fit(b.x, b.y, { epochs: 1, batchSize: b.batch, verbose: 0 });
    epochs++;
  }
  const ms = performance.now() - t0;
  return { perSecond: (epochs * b.x.shape[0]! * b.itemsPerSample) / (ms / 1000), ms };
}
