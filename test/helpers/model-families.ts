/**
 * One small model per family the recipes cover (dense, conv with batch norm, recurrent, attention,
 * 1-D/3-D conv, ConvLSTM, conv-transpose autoencoder, a two-input embedding model), for tests that
 * must hold for every family (ONNX export, the ONNX checker).
 */
import * as tsr from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const L = tsr.layers;

export interface Family {
  name: string;
  build: () => tsr.Model;
  /** Integer inputs: the exclusive upper bound of their ids. */
  intRange?: number;
  /** Train a step first (so batch-norm statistics and the like are not their initial values). */
  fitFirst?: boolean;
}

export const FAMILIES: Family[] = [
  { name: 'MLP', build: () => tsr.sequential([L.dense({ units: 16, activation: 'relu', inputShape: [8] }), L.dense({ units: 3, activation: 'softmax' })]) },
  {
    name: 'CNN with batch norm and dropout', fitFirst: true,
    build: () => tsr.sequential([
      L.conv2d({ filters: 4, kernelSize: 3, padding: 'same', inputShape: [10, 10, 2] }), L.batchNormalization(), L.reLU(),
      L.maxPooling2d({ poolSize: 2 }), L.dropout({ rate: 0.3 }), L.flatten(), L.dense({ units: 5 }),
    ]),
  },
  {
    name: 'Embedding → LSTM → GRU', intRange: 20,
    build: () => tsr.sequential([
      L.embedding({ inputDim: 20, outputDim: 8, inputShape: [6] }), L.lstm({ units: 12, returnSequences: true }), L.gru({ units: 8 }), L.dense({ units: 3 }),
    ]),
  },
  { name: 'bidirectional SimpleRNN', build: () => tsr.sequential([L.bidirectional({ layer: L.simpleRNN({ units: 6 }), inputShape: [5, 4] }), L.dense({ units: 2 })]) },
  {
    name: 'Transformer encoder', intRange: 30,
    build: () => tsr.sequential([
      L.tokenAndPositionEmbedding({ vocabularySize: 30, sequenceLength: 7, embeddingDim: 16, inputShape: [7] }),
      L.transformerEncoder({ intermediateDim: 32, numHeads: 4 }), L.globalAveragePooling1d(), L.dense({ units: 4 }),
    ]),
  },
  { name: 'Conv1D', build: () => tsr.sequential([L.conv1d({ filters: 6, kernelSize: 3, activation: 'relu', inputShape: [20, 3] }), L.globalMaxPooling1d(), L.dense({ units: 2 })]) },
  { name: 'Conv3D', build: () => tsr.sequential([L.conv3d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [4, 8, 8, 3] }), L.maxPooling3d({ poolSize: 2 }), L.flatten(), L.dense({ units: 3 })]) },
  { name: 'ConvLSTM2D', build: () => tsr.sequential([L.convLSTM2d({ filters: 3, kernelSize: 3, inputShape: [3, 6, 6, 2] }), L.flatten(), L.dense({ units: 2 })]) },
  {
    name: 'conv autoencoder',
    build: () => tsr.sequential([
      L.conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', inputShape: [8, 8, 1] }),
      L.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }), L.conv2d({ filters: 1, kernelSize: 3, padding: 'same' }),
    ]),
  },
  {
    name: 'two-input embedding recommender', intRange: 9,
    build: () => {
      const user = tsr.input({ shape: [1], dtype: 'int32', name: 'user' });
      const item = tsr.input({ shape: [1], dtype: 'int32', name: 'item' });
      const embed = (ids: tsr.SymbolicTensor) => L.flatten().apply(L.embedding({ inputDim: 9, outputDim: 4 }).apply(ids)) as tsr.SymbolicTensor;
      const dot = L.dot({ axes: 1 }).apply([embed(user), embed(item)]) as tsr.SymbolicTensor;
      return tsr.model({ inputs: [user, item], outputs: L.dense({ units: 1 }).apply(dot) as tsr.SymbolicTensor, name: 'recommender' });
    },
  },
];

export function inputsFor(model: tsr.Model, batch: number, intRange: number | undefined, seed: number): Tensor[] {
  return model.inputShapes.map((s, i) => {
    const shape = [batch, ...(s.slice(1) as number[])];
    const key = tsr.randomKey(seed + i);
    return model.inputDtypes[i] === 'int32'
      ? tsr.cast(tsr.floor(tsr.mul(tsr.randomUniform(shape, { key }), intRange ?? 2)), 'int32')
      : tsr.randomNormal(shape, { key });
  });
}

