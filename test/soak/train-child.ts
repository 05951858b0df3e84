/**
 * The soak run itself, in a process of its own (so vitest's memory is not measured, and glibc's
 * malloc settings, read at process start, can be chosen by the parent): a small MLP trained for
 * `--steps` steps with model.fit on the default backend (ONNX Runtime), with validation data, an
 * evaluate and a predict after every epoch and a model.save every `--save-every` epochs. It
 * samples RSS every `--sample-every` steps and prints one JSON line (SoakReport) at the end.
 *
 *   node --import tsx --expose-gc test/soak/train-child.ts --steps 10000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tsr from '../../src/index.js';
import { getBackend } from '../../src/core/engine.js';
import type { OrtRuntime } from '../../src/backends/onnxruntime/runtime.js';

export interface SoakSample {
  step: number;
  rss: number;
  heapUsed: number;
  external: number;
  compiles: number;
  sessions: number;
}

export interface SoakReport {
  model: string;
  backend: string;
  steps: number;
  stepsPerEpoch: number;
  seconds: number;
  samples: SoakSample[];
  /** Compiles and sessions after the first epoch (and its evaluate, predict and save). */
  warmCompiles: number;
  finalLoss: number;
  firstLoss: number;
  evaluations: number;
  predictions: number;
  saves: number;
  /** The saved model, reloaded at the end, predicts what the trained one does. */
  reloadMaxDiff: number;
}

const { values: cli } = parseArgs({
  options: {
    steps: { type: 'string', default: '10000' },
    'batch-size': { type: 'string', default: '32' },
    'steps-per-epoch': { type: 'string', default: '100' },
    'sample-every': { type: 'string', default: '50' },
    'save-every': { type: 'string', default: '10' },
    model: { type: 'string', default: 'mlp' },
  },
});
const totalSteps = Number(cli.steps);
const batchSize = Number(cli['batch-size']);
const stepsPerEpoch = Number(cli['steps-per-epoch']);
const sampleEvery = Number(cli['sample-every']);
const saveEvery = Number(cli['save-every']);
const epochs = Math.ceil(totalSteps / stepsPerEpoch);

const cnn = cli.model === 'cnn';
if (!cnn && cli.model !== 'mlp') throw new Error(`train-child: --model is mlp or cnn. Received: ${cli.model}`);
/** Features per sample: 16 numbers (mlp) or a 12×12 one-channel picture (cnn). */
const sampleShape = cnn ? [12, 12, 1] : [16];
const features = sampleShape.reduce((a, b) => a * b, 1);

/** A 4-class problem: the class is the quadrant of (x0 + x1, x2 - x3) over the first four features. */
function data(n: number, seed: number): { x: tsr.Tensor; y: tsr.Tensor } {
  const x = tsr.randomNormal([n, ...sampleShape], { key: tsr.randomKey(seed) });
  const values = x.dataSync() as Float32Array;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = values[i * features]! + values[i * features + 1]!;
    const b = values[i * features + 2]! - values[i * features + 3]!;
    y[i] = (a > 0 ? 1 : 0) + (b > 0 ? 2 : 0);
  }
  return { x, y: tsr.tensor(y, [n], 'int32') };
}

const backend = getBackend();
const runtime = (backend as { runtime?: OrtRuntime }).runtime ?? null;
const sessionCount = (): number => (runtime ? (runtime as unknown as { sessions: Map<string, unknown> }).sessions.size : 0);

tsr.setSeed(7);
const train = data(stepsPerEpoch * batchSize, 1);
const val = data(256, 2);
const probe = data(64, 3);
const model = tsr.sequential(cnn ? [
  // The seed CNN's layer kinds, smaller: conv → pool → conv → pool → dense → dense.
  tsr.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: sampleShape }),
  tsr.layers.maxPooling2d({ poolSize: 2 }),
  tsr.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
  tsr.layers.maxPooling2d({ poolSize: 2 }),
  tsr.layers.flatten(),
  tsr.layers.dense({ units: 32, activation: 'relu' }),
  tsr.layers.dense({ units: 4 }),
] : [
  tsr.layers.dense({ units: 64, activation: 'relu', inputShape: sampleShape }),
  tsr.layers.dropout({ rate: 0.1 }),
  tsr.layers.dense({ units: 32, activation: 'relu' }),
  tsr.layers.dense({ units: 4 }),
], { name: `soak_${cli.model}` });
model.compile({ optimizer: tsr.optimizers.adam({ learningRate: 1e-3 }), loss: tsr.losses.sparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });

const dir = mkdtempSync(join(tmpdir(), 'tessera-soak-'));
const samples: SoakSample[] = [];
let step = 0;
let warmCompiles = -1;
let evaluations = 0;
let predictions = 0;
let saves = 0;
const gc = (globalThis as { gc?: () => void }).gc;

const sample = (): void => {
  gc?.(); // a collected heap, so that what RSS shows is what is still held
  const m = process.memoryUsage();
  samples.push({ step, rss: m.rss, heapUsed: m.heapUsed, external: m.external, compiles: runtime?.stats.compiles ?? 0, sessions: sessionCount() });
};

class Soak extends tsr.callbacks.Callback {
  override onTrainBatchEnd(): void {
    step++;
    if (step % sampleEvery === 0) sample();
  }

  override async onEpochEnd(epoch: number): Promise<void> {
    // Interleaved with training: inference on other data, and the model saved over its last copy.
    await model.evaluate(probe.x, probe.y, { batchSize: 32 });
    evaluations++;
    const p = (await model.predict(probe.x, { batchSize: 16 })) as tsr.Tensor;
    await p.data();
    predictions++;
    if ((epoch + 1) % saveEvery === 0 || epoch === 0) {
      await model.save(join(dir, 'model'));
      saves++;
    }
    if (epoch === 0) warmCompiles = runtime?.stats.compiles ?? 0;
  }
}

sample();
const started = performance.now();
const history = await model.fit(train.x, train.y, {
  epochs, batchSize, verbose: 0, validationData: [val.x, val.y], callbacks: [new Soak()],
});
const seconds = (performance.now() - started) / 1000;

const reloaded = await tsr.loadModel(join(dir, 'model'));
const a = (await (await model.predict(probe.x) as tsr.Tensor).data()) as Float32Array;
const b = (await (await reloaded.predict(probe.x) as tsr.Tensor).data()) as Float32Array;
let reloadMaxDiff = 0;
for (let i = 0; i < a.length; i++) reloadMaxDiff = Math.max(reloadMaxDiff, Math.abs(a[i]! - b[i]!));
rmSync(dir, { recursive: true, force: true });

const losses = history.history['loss'] as number[];
const report: SoakReport = {
  model: cli.model!, backend: backend.name, steps: step, stepsPerEpoch, seconds, samples, warmCompiles,
  firstLoss: losses[0]!, finalLoss: losses[losses.length - 1]!, evaluations, predictions, saves, reloadMaxDiff,
};
console.log(JSON.stringify(report));
