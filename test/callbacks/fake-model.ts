/**
 * A stand-in for a compiled model, implementing only CallbackModel. Its "training step" moves each
 * weight a fraction `lr` of the way to a target, so results depend on the learning rate, the step
 * count and where training resumed: a resumed run matches an uninterrupted one only when the
 * weights, the iterations and the learning rate were all restored.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import type { CallbackModel } from '../../src/callbacks/index.js';
import { Tensor, tensor } from '../../src/core/tensor.js';

export class FakeOptimizer {
  learningRate: number | { at(step: number): number };
  iterations = 0;
  constructor(learningRate: number | { at(step: number): number }) {
    this.learningRate = learningRate;
  }
  currentLearningRate(): number {
    return typeof this.learningRate === 'number' ? this.learningRate : this.learningRate.at(this.iterations);
  }
}

interface SavedState {
  weights: number[][];
  shapes: number[][];
  iterations: number;
  learningRate: number;
}

export class FakeModel implements CallbackModel {
  stopTraining = false;
  readonly optimizer: FakeOptimizer | null;
  private values: number[][];
  private readonly shapes: number[][];
  /** Paths given to save / saveWeights, in order. */
  readonly saves: string[] = [];
  readonly weightSaves: string[] = [];
  /** When set, `save` writes this many of its files and then throws, as a process killed mid-save would stop. */
  failSaveAfterFiles: number | null = null;

  constructor({ learningRate = 0.5, weights = [[0, 0], [0]] }: { learningRate?: number | { at(step: number): number } | null; weights?: number[][] } = {}) {
    this.optimizer = learningRate === null ? null : new FakeOptimizer(learningRate);
    this.values = weights.map((w) => [...w]);
    this.shapes = weights.map((w) => [w.length]);
  }

  /** One update: w += lr · (target − w), target 1 for every entry. */
  step(): void {
    const lr = this.optimizer?.currentLearningRate() ?? 0;
    this.values = this.values.map((w) => w.map((v) => v + lr * (1 - v)));
    if (this.optimizer) this.optimizer.iterations++;
  }

  /** The weights as plain numbers (float32-rounded, as tensors hold them). */
  weightValues(): number[][] {
    return this.values.map((w) => w.map((v) => Math.fround(v)));
  }

  getWeights(): Tensor[] {
    return this.values.map((w, i) => tensor([...w], this.shapes[i]));
  }

  setWeights(weights: readonly Tensor[]): void {
    if (weights.length !== this.values.length) throw new Error(`FakeModel.setWeights: expected ${this.values.length} tensors, got ${weights.length}`);
    this.values = weights.map((t) => Array.from(t.dataSync() as Float32Array));
  }

  private state(): SavedState {
    return { weights: this.weightValues(), shapes: this.shapes, iterations: this.optimizer?.iterations ?? 0, learningRate: this.optimizer?.currentLearningRate() ?? 0 };
  }

  /** A folder of three files, written one after the other (like the real model format). */
  async save(path: string): Promise<void> {
    this.saves.push(path);
    await mkdir(path, { recursive: true });
    const s = this.state();
    const files: [string, unknown][] = [['weights.json', s.weights], ['optimizer.json', { iterations: s.iterations, learningRate: s.learningRate }], ['config.json', { shapes: s.shapes }]];
    for (const [i, [name, content]] of files.entries()) {
      if (this.failSaveAfterFiles !== null && i >= this.failSaveAfterFiles) throw new Error(`killed while saving ${path}`);
      await writeFile(`${path}/${name}`, JSON.stringify(content));
    }
  }

  async saveWeights(path: string): Promise<void> {
    this.weightSaves.push(path);
    await writeFile(path, JSON.stringify(this.state().weights));
  }

  async loadState(path: string): Promise<void> {
    const read = async (name: string): Promise<unknown> => JSON.parse(await readFile(`${path}/${name}`, 'utf8'));
    await read('config.json'); // written last: its absence means an incomplete save
    this.values = (await read('weights.json')) as number[][];
    const opt = (await read('optimizer.json')) as { iterations: number; learningRate: number };
    if (this.optimizer) {
      this.optimizer.iterations = opt.iterations;
      this.optimizer.learningRate = opt.learningRate;
    }
  }
}
