/**
 * `Model`: a layer that can be trained. Subclass it and implement `call` (a subclassed model), or
 * use `model({inputs, outputs})` (Functional) or `sequential([...])`. Training is Keras's:
 * `compile`, then `fit` / `evaluate` / `predict`; the step is compiled (see train/step.ts).
 */
import type { DType } from '../core/dtype.js';
import { TesseraError } from '../core/errors.js';
import type { Tensor, Variable } from '../core/tensor.js';
import type { RandomKey } from '../ops/random/key.js';
import type { Config } from '../io/serialization.js';
import { Layer, type CallContext, type LayerArgs, type LayerOutput } from '../layers/layer.js';
import type { Optimizer } from '../optimizers/index.js';
import type { History } from '../callbacks/index.js';
import { resolveCompile, type CompileArgs, type Compiled, type OutputSpec } from '../train/compile.js';
import { arraySource, toTensorList, type Batch, type Dataset, type TensorInput } from '../train/data.js';
import { evaluateLoop, fitLoop, predictLoop, type EvaluateArgs, type FitArgs, type PredictArgs } from '../train/loop.js';
import { makePredictFunction, makeTestFunction, makeTrainFunction, type StepResult, type StepState, type TestFunction, type TrainFunction } from '../train/step.js';
import { loadModelState, saveModel, saveWeightsFile, type SaveOptions } from '../io/model-file.js';
import { formatSummary } from './summary.js';
import { exportOnnx, type OnnxExportOptions } from '../io/onnx-export.js';
import { writeFileAtomic } from '../io/node-fs.js';

export type ModelArgs = Pick<LayerArgs, 'name' | 'trainable'>;

interface Trainer {
  step(batch: Batch, scalars: Record<string, Tensor>): Promise<StepResult>;
}

export class Model extends Layer {
  readonly className: string = 'Model';
  /** Set by callbacks (early stopping) to end `fit` after the current batch. */
  stopTraining = false;
  /** The key a training run's randomness derives from (set at the first fit; saved). */
  trainingKey: RandomKey | null = null;
  private compiledState: Compiled | null = null;
  /** Optimizer state per trainable weight (slotNames order), kept between fits and saved. */
  optimizerSlots: Map<Variable, Tensor[]> = new Map();
  private trainFn: { fn: TrainFunction; trainVars: Variable[]; otherVars: Variable[] } | null = null;
  private testFn: TestFunction | null = null;
  private predictFn: ((xs: Tensor[]) => Promise<Tensor[]>) | null = null;
  private multiOutputSeen = false;
  private dataInputShapes: (number | null)[][] | null = null;
  private dataInputDtypes: DType[] | null = null;

  constructor(args: ModelArgs = {}) {
    super(args);
  }

  /** A subclassed model implements this. */
  call(_inputs: Tensor | Tensor[], _ctx: CallContext): LayerOutput {
    throw new TesseraError(`${this.name}: a subclassed Model must implement call(inputs, ctx)`);
  }

  // ---- structure (Functional and Sequential know more) ---------------------------------------

  get inputNames(): string[] {
    return this.isMultiInput ? this.inputShapes.map((_, i) => `input_${i + 1}`) : ['input_1'];
  }

  get outputNames(): string[] {
    return this.isMultiOutput ? this.outputShapes.map((_, i) => `output_${i + 1}`) : ['output_1'];
  }

  get inputShapes(): (readonly (number | null)[])[] {
    return [];
  }

  get outputShapes(): (readonly (number | null)[])[] {
    return [];
  }

  /** The dtype of each input (float32 unless an input layer or the data said otherwise). */
  get inputDtypes(): DType[] {
    return this.dataInputDtypes ?? (this.builtInputShapes() ?? []).map(() => 'float32');
  }

  get isMultiInput(): boolean {
    return false;
  }

  get isMultiOutput(): boolean {
    return this.multiOutputSeen;
  }

  /** Builds a model whose shapes come from data (a subclassed model, or Sequential without inputShape). */
  ensureBuilt(xs: Tensor[]): void {
    if (this.built) return;
    this.dataInputShapes = xs.map((t) => [null, ...t.shape.slice(1)]);
    this.dataInputDtypes = xs.map((t) => t.dtype);
    const out = this.apply(this.isMultiInput ? xs : xs[0]!, { training: false });
    this.multiOutputSeen = Array.isArray(out);
  }

  /** @internal Input shapes the model was built for (saved, so a subclassed model can be rebuilt). */
  builtInputShapes(): (number | null)[][] | null {
    return this.inputShapes.length ? this.inputShapes.map((s) => [...s]) : this.dataInputShapes;
  }

  // ---- training -------------------------------------------------------------------------------

  get optimizer(): Optimizer | null {
    return this.compiledState?.optimizer ?? null;
  }

  compile(args: CompileArgs): void {
    this.compiledState = resolveCompile(args, { names: this.outputNames, shapes: this.outputShapes });
    this.trainFn = null;
    this.testFn = null;
    this.optimizerSlots = new Map();
  }

  /** @internal */
  requireCompiled(what: string): Compiled {
    if (!this.compiledState) throw new TesseraError(`${this.name}: call compile({optimizer, loss}) before ${what}`);
    return this.compiledState;
  }

  /** @internal The compiled outputs (losses, weights, metrics). */
  compiledOutputs(): OutputSpec[] {
    return this.compiledState?.outputs ?? [];
  }

  /** @internal The training step for this model's current weights and optimizer. */
  trainer(): Trainer {
    const compiled = this.requireCompiled('fit');
    return {
      step: async (batch, scalars) => {
        this.ensureBuilt(batch.xs);
        if (!this.trainFn) {
          const trainVars = this.trainableWeights;
          const trainSet = new Set(trainVars);
          const otherVars = this.weights.filter((w) => !trainSet.has(w));
          this.trainFn = { fn: makeTrainFunction(this, compiled, trainVars, otherVars), trainVars, otherVars };
        }
        const { fn, trainVars, otherVars } = this.trainFn;
        const state: StepState = {
          trainable: trainVars.map((v) => v.value),
          nonTrainable: otherVars.map((v) => v.value),
          slots: trainVars.map((v): Tensor[] => {
            let s = this.optimizerSlots.get(v);
            if (!s) this.optimizerSlots.set(v, (s = compiled.optimizer.initSlots(v.value)));
            return s!;
          }),
        };
        const out = await fn(state, batch.xs, batch.ys, batch.sws, scalars);
        trainVars.forEach((v, i) => { v.value = out.state.trainable[i]!; this.optimizerSlots.set(v, out.state.slots[i]!); });
        otherVars.forEach((v, i) => { v.value = out.state.nonTrainable[i]!; });
        return out.result;
      },
    };
  }

  /** @internal */
  tester(): TestFunction {
    const compiled = this.requireCompiled('evaluate');
    if (!this.testFn) this.testFn = makeTestFunction(this, compiled);
    const fn = this.testFn;
    return async (xs, ys, sws) => {
      this.ensureBuilt(xs);
      return fn(xs, ys, sws);
    };
  }

  /** @internal */
  predictor(): (xs: Tensor[]) => Promise<Tensor[]> {
    if (!this.predictFn) this.predictFn = makePredictFunction(this);
    const fn = this.predictFn;
    return async (xs) => {
      this.ensureBuilt(xs);
      return fn(xs);
    };
  }

  /** Trains for `epochs` over `x`, `y` (tensors, arrays, records by input name, or a dataset). */
  fit(x: TensorInput | Dataset, y?: TensorInput | FitArgs, args?: FitArgs): Promise<History> {
    // fit(dataset, args) and fit(dataset, undefined, args) both work.
    if (isDatasetLike(x) && (y === undefined || isArgs(y))) return fitLoop(this, x, undefined, (y as FitArgs | undefined) ?? args ?? {});
    return fitLoop(this, x, y as TensorInput, args ?? {});
  }

  /** `[loss, ...metrics]` (or a record with `returnDict`) over the data, in inference mode. */
  evaluate(x: TensorInput | Dataset, y?: TensorInput | EvaluateArgs, args?: EvaluateArgs): Promise<number[] | Record<string, number>> {
    if (isDatasetLike(x) && (y === undefined || isArgs(y))) return evaluateLoop(this, x, undefined, (y as EvaluateArgs | undefined) ?? args ?? {});
    return evaluateLoop(this, x, y as TensorInput, args ?? {});
  }

  /** The model's outputs for `x`, computed in batches (one tensor, or one per output). */
  predict(x: TensorInput | Dataset, args: PredictArgs = {}): Promise<Tensor | Tensor[]> {
    return predictLoop(this, x, args);
  }

  /** One training step on one batch; returns [loss, ...metrics] of this batch. */
  async trainOnBatch(x: TensorInput, y: TensorInput, opts: { sampleWeight?: TensorInput; classWeight?: Readonly<Record<number, number>> } = {}): Promise<number[]> {
    const history = await fitLoop(this, x, y, { epochs: 1, batchSize: Number.MAX_SAFE_INTEGER, verbose: 0, shuffle: false, sampleWeight: opts.sampleWeight, classWeight: opts.classWeight });
    return Object.entries(history.history).filter(([k]) => k !== 'learning_rate').map(([, v]) => (v as number[])[0]!);
  }

  async testOnBatch(x: TensorInput, y: TensorInput, opts: { sampleWeight?: TensorInput } = {}): Promise<number[]> {
    return evaluateLoop(this, x, y, { batchSize: Number.MAX_SAFE_INTEGER, sampleWeight: opts.sampleWeight }) as Promise<number[]>;
  }

  /** The outputs for `x` as one batch: no batching, no callbacks (the low-latency path). */
  async predictOnBatch(x: TensorInput): Promise<Tensor | Tensor[]> {
    if (isDatasetLike(x)) return predictLoop(this, x, { batchSize: Number.MAX_SAFE_INTEGER });
    // Straight to the compiled function: predict's batching and callbacks cost about a quarter of
    // the seed CNN's batch-1 latency.
    const xs = toTensorList(x, this.inputNames, 'predictOnBatch x');
    if (xs.length > 1 || xs[0]!.shape.length === 0) await arraySource(xs, [], [], 'predictOnBatch'); // checks batch sizes
    const outs = await this.predictor()(xs);
    return this.isMultiOutput ? outs : outs[0]!;
  }

  /** The Keras-style table of layers, output shapes and parameter counts. */
  summary(print: (line: string) => void = console.log): void {
    for (const line of formatSummary(this)) print(line);
  }

  // ---- files ----------------------------------------------------------------------------------

  /** Saves config, weights and (unless `includeOptimizer: false`) optimizer state to a folder. */
  save(path: string, opts: SaveOptions = {}): Promise<void> {
    return saveModel(this, path, opts);
  }

  /** Writes the weights alone as a safetensors file. */
  saveWeights(path: string): Promise<void> {
    return saveWeightsFile(this, path);
  }

  /**
   * The inference graph as an ONNX model (opset 17): inputs and outputs named as the model's, a
   * symbolic batch dimension unless `dynamicBatch: false`. Written to `path` when one is given.
   */
  async toOnnx(path?: string, options: OnnxExportOptions = {}): Promise<Uint8Array> {
    const bytes = await exportOnnx(this, options);
    if (path !== undefined) await writeFileAtomic(`${this.name}.toOnnx`, path, bytes);
    return bytes;
  }

  /** Restores weights (and optimizer state, when saved) from a folder written by `save`. */
  loadState(path: string): Promise<void> {
    return loadModelState(this, path);
  }

  /** @internal Compile arguments that can be saved (names and serializable objects). */
  get compileArgs(): CompileArgs | null {
    return this.compiledState?.args ?? null;
  }

  override getConfig(): Config {
    return { name: this.name, trainable: this.trainable };
  }


}

function isArgs(x: unknown): boolean {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && !('shape' in x) && Object.keys(x).every((k) => KNOWN_ARGS.has(k));
}

const KNOWN_ARGS = new Set(['epochs', 'batchSize', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight', 'sampleWeight',
  'initialEpoch', 'stepsPerEpoch', 'validationSteps', 'validationBatchSize', 'validationFreq', 'steps', 'returnDict', 'terminateOnNaN', 'signal']);

function isDatasetLike(x: unknown): x is Dataset {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && !('shape' in x) && (Symbol.asyncIterator in x || Symbol.iterator in x);
}
