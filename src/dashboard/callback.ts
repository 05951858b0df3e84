/**
 * `tsr.callbacks.dashboard()`: serves the live training dashboard for any `fit` and records the run
 * under `dir` (so it can be reopened later with `tessera dashboard <dir>`).
 */
import { Callback, type Logs } from '../callbacks/callback.js';
import type { Tensor } from '../core/tensor.js';
import { argmax } from '../ops/index.js';
import { slice } from '../ops/shape/slice.js';
import { confusionMatrix } from '../metrics/confusion-matrix.js';
import { renderAudio, renderSample, type SampleKind, type SampleView } from './render.js';
import { RunWriter } from './run-store.js';
import { startDashboardServer, type DashboardServer } from './server.js';

export interface DashboardOptions {
  /** Where runs are stored, one folder each (default 'runs/dashboard'). */
  dir?: string;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Port (default: a free one; the URL is printed). */
  port?: number;
  /** The run's name (default: the model's name). */
  name?: string;
  /** Keep serving after fit ends (default false: the server closes with the run). */
  keepOpen?: boolean;
  /** Where the URL is printed (default console.log); null prints nothing. */
  print?: ((line: string) => void) | null;
  /** Classifiers: validation data for a confusion matrix after each epoch and a grid of samples. */
  validation?: DashboardValidation;
}

export interface DashboardValidation {
  x: Tensor | Tensor[];
  /** Class indices [n]. */
  y: Tensor;
  classNames: string[];
  /** How the grid shows a sample (default: from x's rank — [n,h,w,c] image, [n,t,f] spectrogram, [n,f,h,w,c] video, int [n,t] text). */
  kind?: SampleKind;
  /** Samples in the grid (default 16). */
  count?: number;
  /** Mono waveforms [n, samples] of the grid's samples, for play buttons. */
  waveforms?: Tensor;
  sampleRate?: number;
  /** Text recipes: token ids back to text. */
  decodeText?: (ids: number[]) => string;
}

/** The grid's picture kind from the input's shape; null (no grid, the confusion matrix only) for feature vectors. */
function guessKind(x: Tensor): SampleKind | null {
  if (x.dtype === 'int32' || x.dtype === 'int64') return x.rank === 2 ? 'text' : null;
  return x.rank === 5 ? 'video' : x.rank === 4 ? 'image' : x.rank === 3 ? 'spectrogram' : null;
}

interface NamedModel {
  name?: string;
  summary?(print: (line: string) => void): void;
  predict?(x: Tensor | Tensor[], args?: { batchSize?: number }): Promise<Tensor | Tensor[]>;
}

export class Dashboard extends Callback {
  server: DashboardServer | null = null;
  writer: RunWriter | null = null;
  private t0 = 0;
  private epochStart = 0;
  private epochSamples = 0;
  private batchSize = 0;
  private step = 0;
  private currentEpoch = 0;
  private epochSeconds: number[] = [];

  constructor(readonly options: DashboardOptions = {}) {
    super();
  }

  /** The page's address once training began (null before). */
  get url(): string | null {
    return this.server?.url ?? null;
  }

  private now(): number {
    return (performance.now() - this.t0) / 1000;
  }

  override async onTrainBegin(): Promise<void> {
    const dir = this.options.dir ?? 'runs/dashboard';
    const model = this.model as unknown as NamedModel | null;
    const name = this.options.name ?? model?.name ?? 'model';
    if (!this.server) this.server = await startDashboardServer({ dir, host: this.options.host, port: this.options.port });
    this.writer = await RunWriter.create(dir, name);
    this.t0 = performance.now();
    this.step = 0;
    this.epochSeconds = [];
    const summary: string[] = [];
    try {
      model?.summary?.((l) => summary.push(l));
    } catch {
      // a model that cannot summarise itself yet (unbuilt) simply shows none
    }
    const p = this.params;
    await this.writer.append({ type: 'start', t: 0, run: this.writer.run, name, epochs: p?.epochs ?? 0, steps: p?.steps ?? null, samples: p?.samples ?? null, summary, startedAt: new Date().toISOString() });
    await this.recordSamples();
    const print = this.options.print === undefined ? console.log : this.options.print;
    print?.(`dashboard: ${this.server.url} (run ${this.writer.run})`);
  }

  override onEpochBegin(epoch: number): void {
    // From the epoch fit reports, so a resumed run (initialEpoch > 0) places its batches right.
    this.currentEpoch = epoch;
    this.epochStart = performance.now();
    this.epochSamples = 0;
  }

  override onTrainBatchBegin(_batch: number, logs: Logs): void {
    this.batchSize = logs['size'] ?? 0;
  }

  override onTrainBatchEnd(batch: number, logs: Logs): void {
    this.epochSamples += this.batchSize;
    const seconds = (performance.now() - this.epochStart) / 1000;
    // Not awaited: the append is queued and training goes on.
    void this.writer?.append({ type: 'batch', t: this.now(), epoch: this.currentEpoch, batch, step: this.step++, logs: { ...logs }, samplesPerSecond: seconds > 0 ? this.epochSamples / seconds : 0 });
  }

  override onEpochEnd(epoch: number, logs: Logs): Promise<void> | void {
    const seconds = (performance.now() - this.epochStart) / 1000;
    this.epochSeconds.push(seconds);
    const remaining = (this.params?.epochs ?? epoch + 1) - (epoch + 1);
    const mean = this.epochSeconds.reduce((a, b) => a + b, 0) / this.epochSeconds.length;
    let learningRate: number | null = null;
    try {
      learningRate = this.model?.optimizer?.currentLearningRate() ?? null;
    } catch {
      learningRate = null;
    }
    const appended = this.writer?.append({ type: 'epoch', t: this.now(), epoch, logs: { ...logs }, seconds, etaSeconds: remaining * mean, learningRate });
    return this.options.validation ? this.evaluate(epoch) : appended;
  }

  private gridCount(): number {
    const v = this.options.validation!;
    return Math.min(v.count ?? 16, v.y.shape[0]!);
  }

  private async recordSamples(): Promise<void> {
    const v = this.options.validation;
    if (!v || !this.writer) return;
    const first = Array.isArray(v.x) ? v.x[0]! : v.x;
    const kind = v.kind ?? guessKind(first);
    const labels = Array.from((await v.y.data()) as ArrayLike<number>, Number);
    const items: SampleView[] = [];
    for (let i = 0; kind !== null && i < this.gridCount(); i++) {
      const sample = slice(first, [i, ...first.shape.slice(1).map(() => 0)], [1, ...first.shape.slice(1)]).reshape(first.shape.slice(1));
      const view: SampleView = { ...(await renderSample(kind, sample, v.decodeText)), label: v.classNames[labels[i]!] ?? String(labels[i]) };
      if (v.waveforms) view.audio = renderAudio((await slice(v.waveforms, [i, 0], [1, -1]).data()) as Float32Array, v.sampleRate ?? 16000);
      items.push(view);
    }
    await this.writer.append({ type: 'samples', t: this.now(), classNames: v.classNames, items });
  }

  private async evaluate(epoch: number): Promise<void> {
    const v = this.options.validation!;
    const model = this.model as unknown as NamedModel | null;
    if (!model?.predict || !this.writer) return;
    const scores = (await model.predict(v.x, { batchSize: 256 })) as Tensor;
    const predicted = scores.shape[scores.rank - 1] === 1
      ? Array.from((await scores.data()) as Float32Array, (p) => (p > 0.5 ? 1 : 0))
      : Array.from((await argmax(scores, -1).data()) as Int32Array);
    const labels = Array.from((await v.y.data()) as ArrayLike<number>, Number);
    await this.writer.append({
      type: 'evaluation', t: this.now(), epoch,
      confusion: confusionMatrix(labels, predicted, v.classNames.length),
      predicted: predicted.slice(0, this.gridCount()).map((c) => v.classNames[c] ?? String(c)),
    });
  }

  override async onTrainEnd(logs: Logs): Promise<void> {
    await this.writer?.append({ type: 'end', t: this.now(), logs: { ...logs } });
    await this.writer?.flush();
    if (!this.options.keepOpen) await this.close();
  }

  /** Stops serving (a keepOpen dashboard is closed by its owner). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }
}

export const dashboard = (options: DashboardOptions = {}): Dashboard => new Dashboard(options);
