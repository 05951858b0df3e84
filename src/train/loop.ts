/**
 * The host side of `fit`, `evaluate` and `predict`: batches in, one compiled step per batch,
 * metric statistics accumulated on the host, callbacks with Keras's hooks and logs. The next
 * batch is prepared while the current step runs (ONNX Runtime computes off the JS thread).
 */
import { TesseraError } from '../core/errors.js';
import { Tensor } from '../core/tensor.js';
import { foldIn, getGlobalKey, nextKey, setGlobalKey, type RandomKey } from '../ops/random/key.js';
import { CallbackList, History, ProgbarLogger, TerminateOnNaN, type Callback, type Logs, type TrainingParams } from '../callbacks/index.js';
import type { Model } from '../models/model.js';
import { Dataset as DataPipeline } from '../data/dataset.js';
import { arrayBatches, arraySource, classWeights, datasetBatches, weightProduct, isDataset, permutation, splitArrays, toTensorList, type ArraySource, type Batch, type Dataset, type TensorInput } from './data.js';
import { scalarTensors, type StepResult } from './step.js';

export interface FitArgs {
  epochs?: number;
  batchSize?: number;
  verbose?: 0 | 1 | 2;
  callbacks?: Callback[];
  validationSplit?: number;
  validationData?: [TensorInput, TensorInput] | [TensorInput, TensorInput, TensorInput] | Dataset;
  shuffle?: boolean;
  classWeight?: Readonly<Record<number, number>>;
  sampleWeight?: TensorInput;
  initialEpoch?: number;
  stepsPerEpoch?: number;
  validationSteps?: number;
  validationBatchSize?: number;
  validationFreq?: number;
  /**
   * Stop on a NaN or infinite loss, naming the epoch, batch, step and the first layer whose weights
   * are non-finite (a TerminateOnNaN callback). On by default, unlike Keras; false turns it off.
   * A TerminateOnNaN of your own in `callbacks` replaces the default one.
   */
  terminateOnNaN?: boolean;
  /**
   * When aborted (e.g. on Ctrl-C), fit stops after the current batch: callbacks get
   * onTrainInterrupt (BackupAndRestore saves there), then fit rejects with TrainingInterrupted.
   */
  signal?: AbortSignal;
}

/** fit was stopped by its `signal` after batch `batch` (0-based) of epoch `epoch` (0-based); `step` is the optimizer's step count. */
export class TrainingInterrupted extends TesseraError {
  constructor(readonly epoch: number, readonly batch: number, readonly step: number) {
    super(`fit: interrupted after batch ${batch} of epoch ${epoch + 1} (step ${step}). Received: an aborted signal`);
    this.name = 'TrainingInterrupted';
  }
}

export interface EvaluateArgs {
  batchSize?: number;
  verbose?: 0 | 1 | 2;
  sampleWeight?: TensorInput;
  steps?: number;
  callbacks?: Callback[];
  /** Return a record of named values instead of [loss, ...metrics]. */
  returnDict?: boolean;
}

export interface PredictArgs {
  batchSize?: number;
  verbose?: 0 | 1 | 2;
  steps?: number;
  callbacks?: Callback[];
}

/** Running totals of a pass: batch-size-weighted loss means and metric statistics. */
class Tracker {
  private lossSum = 0;
  private outputLossSums: number[] = [];
  private count = 0;
  constructor(private readonly model: Model) {
    for (const o of model.compiledOutputs()) for (const m of o.metrics) m.resetState();
  }
  add(r: StepResult, size: number): void {
    this.lossSum += scalarOf(r.loss) * size;
    r.outputLosses.forEach((l, i) => { this.outputLossSums[i] = (this.outputLossSums[i] ?? 0) + scalarOf(l) * size; });
    this.count += size;
    this.model.compiledOutputs().forEach((o, i) => o.metrics.forEach((m, k) => {
      const stats = r.stats[i]?.[k];
      if (stats && stats.length) m.mergeStatistics(stats.map((t) => t._resolve()._data! as ArrayLike<number>));
    }));
  }
  logs(prefix = ''): Logs {
    const logs: Logs = { [`${prefix}loss`]: this.count ? this.lossSum / this.count : NaN };
    const outputs = this.model.compiledOutputs();
    if (outputs.length > 1) {
      let k = 0;
      outputs.forEach((o) => { if (o.loss) logs[`${prefix}${o.prefix}loss`] = this.outputLossSums[k++]! / this.count; });
    }
    for (const o of outputs) for (const m of o.metrics) logs[`${prefix}${o.prefix}${m.name}`] = m.result();
    return logs;
  }
}

function scalarOf(t: Tensor): number {
  return Number(t._resolve()._data![0]);
}

interface Prepared {
  /**
   * One pass; `seed` orders the samples when shuffling (arrays: the permutation's seed; a tsr.data
   * Dataset: its pass number). The first `skip` batches are left out (a resumed epoch).
   */
  batches: (seed: number, skip?: number) => Iterator<Batch> | AsyncIterator<Batch>;
  steps: number | null;
  samples: number | null;
}

async function prepare(model: Model, x: TensorInput | Dataset, y: TensorInput | undefined, opts: {
  batchSize: number; sampleWeight?: TensorInput; classWeight?: Readonly<Record<number, number>>; shuffle: boolean; steps?: number; needTargets: boolean; what: string;
}): Promise<Prepared> {
  const outputNames = model.outputNames;
  if (isDataset(x)) {
    if (y !== undefined) throw new TesseraError(`${opts.what}: with a dataset, targets come from the dataset; do not pass y`);
    if (opts.sampleWeight !== undefined) throw new TesseraError(`${opts.what}: with a dataset, sample weights come from the dataset (elements [x, y, sampleWeight]); do not pass sampleWeight`);
    // A tsr.data Dataset knows its length: the progress bar gets a target, and an endless one needs steps.
    const size = x instanceof DataPipeline ? x.size : null;
    if (size === Infinity && opts.steps === undefined) {
      throw new TesseraError(`${opts.what}: the dataset repeats endlessly; pass ${opts.what === 'fit' ? 'stepsPerEpoch' : 'steps'} to say how many batches make a pass`);
    }
    const steps = opts.steps ?? size;
    return {
      batches: (seed, skip = 0) => {
        // A tsr.data Dataset opens the pass `seed` names, so its shuffle order is the run's, not the object's history.
        const source = x instanceof DataPipeline ? { [Symbol.asyncIterator]: () => x.iteratePass(seed) } : x;
        return datasetBatches(source, model.inputNames, outputNames, opts.needTargets, opts.steps ?? null, opts.classWeight, skip)[Symbol.asyncIterator]();
      },
      steps,
      samples: null,
    };
  }
  return prepareArrays(model, await toArraySource(model, x, y, opts), opts);
}

async function toArraySource(model: Model, x: TensorInput, y: TensorInput | undefined, opts: { sampleWeight?: TensorInput; classWeight?: Readonly<Record<number, number>>; needTargets: boolean; what: string }): Promise<ArraySource> {
  const xs = toTensorList(x, model.inputNames, `${opts.what} x`);
  if (opts.needTargets && y === undefined) throw new TesseraError(`${opts.what}: targets (y) are required`);
  const ys = y === undefined ? [] : toTensorList(y, model.outputNames, `${opts.what} y`);
  let sws: (Tensor | null)[] = model.outputNames.map(() => null);
  if (opts.sampleWeight !== undefined) sws = toTensorList(opts.sampleWeight, model.outputNames, `${opts.what} sampleWeight`);
  const src = await arraySource(xs, ys, sws, opts.what);
  if (opts.classWeight) src.sws = src.ys.map((t, i) => weightProduct(src.sws[i] ?? null, classWeights(t, opts.classWeight!)));
  return src;
}

function prepareArrays(_model: Model, src: ArraySource, opts: { batchSize: number; shuffle: boolean; steps?: number }): Prepared {
  const steps = Math.ceil(src.size / opts.batchSize);
  return {
    batches: (seed, skip = 0) => {
      const gen = arrayBatches(src, opts.batchSize, opts.shuffle ? permutation(src.size, seed) : null, skip);
      if (opts.steps === undefined) return gen;
      return take(gen, opts.steps - skip);
    },
    steps: opts.steps === undefined ? steps : Math.min(steps, opts.steps),
    samples: src.size,
  };
}

function* take<T>(it: Iterator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) {
    const r = it.next();
    if (r.done) return;
    yield r.value;
  }
}

function checkPositiveInt(what: string, name: string, v: number | undefined): void {
  if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new TesseraError(`${what}: ${name} must be an integer ≥ 1. Received: ${name}=${v}`);
}

export async function fitLoop(model: Model, x: TensorInput | Dataset, y: TensorInput | undefined, args: FitArgs = {}): Promise<History> {
  const epochs = args.epochs ?? 1;
  const batchSize = args.batchSize ?? 32;
  checkPositiveInt('fit', 'epochs', epochs);
  checkPositiveInt('fit', 'batchSize', batchSize);
  checkPositiveInt('fit', 'validationFreq', args.validationFreq);
  const verbose = args.verbose ?? 1;
  // A run's randomness (data order per epoch, dropout keys per step) derives from the model's
  // training key, saved with the model: a resumed run repeats an uninterrupted one exactly.
  model.trainingKey ??= nextKey();
  let trainData: Prepared;
  let valData: Prepared | null = null;
  const valBatch = args.validationBatchSize ?? batchSize;
  if (args.validationSplit !== undefined && args.validationSplit > 0) {
    if (isDataset(x)) throw new TesseraError('fit: validationSplit needs tensors or arrays, not a dataset; pass validationData instead');
    const src = await toArraySource(model, x, y, { ...args, needTargets: true, what: 'fit' });
    const [train, val] = splitArrays(src, args.validationSplit);
    trainData = prepareArrays(model, train, { batchSize, shuffle: args.shuffle ?? true, steps: args.stepsPerEpoch });
    valData = prepareArrays(model, val, { batchSize: valBatch, shuffle: false, steps: args.validationSteps });
  } else {
    trainData = await prepare(model, x, y, { batchSize, sampleWeight: args.sampleWeight, classWeight: args.classWeight, shuffle: args.shuffle ?? true, steps: args.stepsPerEpoch, needTargets: true, what: 'fit' });
  }
  if (args.validationData) {
    const vd = args.validationData;
    valData = isDataset(vd)
      ? await prepare(model, vd, undefined, { batchSize: valBatch, shuffle: false, steps: args.validationSteps, needTargets: true, what: 'fit validationData' })
      : await prepare(model, vd[0], vd[1], { batchSize: valBatch, sampleWeight: vd[2], shuffle: false, steps: args.validationSteps, needTargets: true, what: 'fit validationData' });
  }

  const history = new History();
  // Keras's order: the progress bar first, History last (it records what callbacks add to the logs).
  // The default NaN guard comes before the user's callbacks: it stops training before they act on the batch.
  const userCallbacks = args.callbacks ?? [];
  const guard = (args.terminateOnNaN ?? true) && !userCallbacks.some((c) => c instanceof TerminateOnNaN) ? [new TerminateOnNaN()] : [];
  const cbs: Callback[] = [...(verbose ? [new ProgbarLogger()] : []), ...guard, ...userCallbacks, history];
  const params: TrainingParams = { epochs, steps: trainData.steps, verbose, samples: trainData.samples ?? undefined, initialEpoch: args.initialEpoch ?? 0, initialBatch: 0 };
  const list = new CallbackList(cbs, { model, params });
  model.stopTraining = false;
  const trainer = model.trainer();
  await list.onTrainBegin({});
  // Read after onTrainBegin: BackupAndRestore may have restored the key, the step count and the epoch.
  const trainingKey = model.trainingKey;
  const optimizer = model.optimizer!;
  let skip = params.initialBatch ?? 0;
  checkInitialBatch(skip);
  for (let epoch = params.initialEpoch; epoch < epochs; epoch++) {
    await list.onEpochBegin(epoch, {});
    const tracker = new Tracker(model);
    // The epoch's order is a pure function of the training key and the step count at the epoch's
    // start (not of the epoch number, so a second fit on the same model shuffles differently): a
    // run resumed mid-epoch (after `skip` batches, one step each) gets the same order.
    const epochStart = optimizer.iterations - skip;
    const it = trainData.batches(epochOrderSeed(trainData, trainingKey, epochStart), skip);
    let next = it.next();
    let step = skip;
    skip = 0;
    const firstStep = step;
    let lastLogs: Logs = {};
    while (true) {
      const r = await next;
      if (r.done) break;
      const batch = r.value;
      await list.onTrainBatchBegin(step, { size: batch.size });
      const scalars = scalarTensors(optimizer.hostScalars(optimizer.iterations + 1));
      const outerKey = getGlobalKey();
      setGlobalKey(foldIn(trainingKey, optimizer.iterations + 1));
      let result: StepResult;
      try {
        const running = trainer.step(batch, scalars);
        next = it.next(); // prepared while the step runs
        result = await running;
      } finally {
        setGlobalKey(outerKey);
      }
      optimizer.iterations++;
      tracker.add(result, batch.size);
      lastLogs = tracker.logs();
      await list.onTrainBatchEnd(step, lastLogs);
      step++;
      if (args.signal?.aborted && !model.stopTraining) {
        await list.onTrainInterrupt(epoch, step - 1, lastLogs);
        throw new TrainingInterrupted(epoch, step - 1, optimizer.iterations);
      }
      if (model.stopTraining) break;
    }
    // A run resumed after the last batch of an epoch (killed before the epoch-end backup) goes on
    // with the next epoch; that epoch's end-of-epoch logs and validation are lost, not its steps.
    if (step === firstStep && firstStep > 0) continue;
    if (step === 0) throw new TesseraError('fit: the data gave no batches');
    const logs = tracker.logs();
    const freq = args.validationFreq ?? 1;
    if (valData && (epoch + 1) % freq === 0) Object.assign(logs, await evaluatePass(model, valData, 'val_'));
    logs['learning_rate'] = optimizer.currentLearningRate();
    await list.onEpochEnd(epoch, logs);
    if (model.stopTraining) break;
  }
  await list.onTrainEnd({});
  return history;
}

/** The seed of an epoch's order: a permutation seed for arrays, a pass number for a tsr.data Dataset. */
function epochOrderSeed(data: Prepared, trainingKey: RandomKey, epochStart: number): number {
  if (data.samples === null) return epochStart; // a Dataset's pass: its shuffles mix it with their own seeds
  return foldIn(trainingKey, 2 ** 40 + epochStart)[0];
}

function checkInitialBatch(skip: number): void {
  if (!Number.isInteger(skip) || skip < 0) throw new TesseraError(`fit: initialBatch must be an integer ≥ 0. Received: initialBatch=${skip}`);
}

async function evaluatePass(model: Model, data: Prepared, prefix: string, list?: CallbackList): Promise<Record<string, number>> {
  const test = model.tester();
  const tracker = new Tracker(model);
  const it = data.batches(0); // evaluation never shuffles
  let next = it.next();
  let step = 0;
  while (true) {
    const r = await next;
    if (r.done) break;
    await list?.onTestBatchBegin(step, { size: r.value.size });
    const running = test(r.value.xs, r.value.ys, r.value.sws);
    next = it.next();
    tracker.add(await running, r.value.size);
    await list?.onTestBatchEnd(step, tracker.logs());
    step++;
  }
  if (step === 0) throw new TesseraError('evaluate: the data gave no batches');
  return tracker.logs(prefix);
}

export async function evaluateLoop(model: Model, x: TensorInput | Dataset, y: TensorInput | undefined, args: EvaluateArgs = {}): Promise<number[] | Record<string, number>> {
  const batchSize = args.batchSize ?? 32;
  checkPositiveInt('evaluate', 'batchSize', batchSize);
  model.requireCompiled('evaluate');
  const data = await prepare(model, x, y, { batchSize, sampleWeight: args.sampleWeight, shuffle: false, steps: args.steps, needTargets: true, what: 'evaluate' });
  const list = new CallbackList(args.callbacks ?? [], { model, params: { epochs: 1, steps: data.steps, verbose: args.verbose ?? 0, initialEpoch: 0 } });
  await list.onTestBegin({});
  const logs = await evaluatePass(model, data, '', list);
  await list.onTestEnd(logs);
  return args.returnDict ? logs : Object.values(logs);
}

export async function predictLoop(model: Model, x: TensorInput | Dataset, args: PredictArgs = {}): Promise<Tensor | Tensor[]> {
  const batchSize = args.batchSize ?? 32;
  checkPositiveInt('predict', 'batchSize', batchSize);
  const data = await prepare(model, x, undefined, { batchSize, shuffle: false, steps: args.steps, needTargets: false, what: 'predict' });
  const predict = model.predictor();
  const list = new CallbackList(args.callbacks ?? [], { model, params: { epochs: 1, steps: data.steps, verbose: args.verbose ?? 0, initialEpoch: 0 } });
  await list.onPredictBegin({});
  const parts: Tensor[][] = [];
  const it = data.batches(0); // evaluation never shuffles
  let next = it.next();
  let step = 0;
  while (true) {
    const r = await next;
    if (r.done) break;
    await list.onPredictBatchBegin(step, {});
    const running = predict(r.value.xs);
    next = it.next();
    parts.push(await running);
    await list.onPredictBatchEnd(step++, {});
  }
  await list.onPredictEnd({});
  if (parts.length === 0) throw new TesseraError('predict: the data gave no batches');
  const outs = parts[0]!.map((_, k) => concatRows(parts.map((p) => p[k]!)));
  return model.isMultiOutput ? outs : outs[0]!;
}

/** Batches' outputs joined on the host (they are computed; an op would copy through a session). */
function concatRows(ts: Tensor[]): Tensor {
  if (ts.length === 1) return ts[0]!;
  const first = ts[0]!._resolve();
  const datas = ts.map((t) => t._resolve()._data!);
  const total = datas.reduce((n, d) => n + d.length, 0);
  const Ctor = datas[0]!.constructor as new (n: number) => typeof datas[0];
  const out = new Ctor(total);
  let off = 0;
  for (const d of datas) { (out as Float32Array).set(d as Float32Array, off); off += d.length; }
  const rows = ts.reduce((n, t) => n + (t.shape[0] ?? 0), 0);
  return new Tensor([rows, ...first.shape.slice(1)], first.dtype, out, null);
}
