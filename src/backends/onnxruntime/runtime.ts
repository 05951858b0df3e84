/**
 * The ONNX Runtime backend, written once against the `onnxruntime-common` API so that the same
 * code runs on onnxruntime-node (node.ts) and onnxruntime-web (web.ts): lower the pending graph,
 * compile it once per structural key, feed the realized leaves, read the outputs.
 */
import type * as OrtModule from 'onnxruntime-common';
import type { DType, TypedArray } from '../../core/dtype.js';
import type { Backend } from '../../core/engine.js';
import { OpError, TesseraError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { referenceBackend } from '../reference/index.js';
import { lowerGraph, type BuildOptions, type LoweredGraph } from './lower.js';

export type Ort = typeof OrtModule;

/** Graphs doing fewer multiply-adds than this run on one intra-op thread (see sessionOptions). */
export const SMALL_GRAPH_WORK = 4e6;
export type Device = string;

export interface RuntimeOptions {
  device: Device;
  /** Execution providers handed to ONNX Runtime, best first. */
  executionProviders: string[];
  intraOpNumThreads?: number;
  /** Most sessions kept; the least recently used is released beyond it. */
  maxSessions?: number;
  /** Logs every compile (graph size, ms, cache hits) to stderr: TESSERA_LOG_COMPILES=1. */
  logCompiles?: boolean;
  /** When the device fails to start, run on the CPU (with a warning) instead of failing. */
  fallback?: boolean;
  /**
   * ONNX Runtime's profiler: every session writes `<prefix>_<time>.json` (Chrome trace events,
   * per node) when released: TESSERA_ORT_PROFILE=<dir>/<prefix>. bench/profile.ts reads them.
   */
  profilePrefix?: string;
}

export interface CompileStats {
  compiles: number;
  hits: number;
  compileMs: number;
}

const ORT_TYPE: Record<DType, OrtModule.Tensor.Type> = {
  float32: 'float32', float64: 'float64', int32: 'int32', int64: 'int64', bool: 'bool',
};

/** Wraps a tensor's storage for ONNX Runtime (no copy, except int64 which we store as float64). */
export function toOrtTensor(ort: Ort, dtype: DType, data: TypedArray, shape: readonly number[]): OrtModule.Tensor {
  if (dtype === 'int64') return new ort.Tensor('int64', BigInt64Array.from(data as Float64Array, (v) => BigInt(v)), shape);
  return new ort.Tensor(ORT_TYPE[dtype], data as Float32Array, shape);
}

/** Takes an output's storage into ours (int64 back to float64 storage, bool as bytes). */
export function fromOrtTensor(t: OrtModule.Tensor, dtype: DType): TypedArray {
  const d = t.data;
  switch (dtype) {
    case 'int64': return Float64Array.from(d as BigInt64Array, (v) => Number(v));
    case 'bool': return d instanceof Uint8Array ? d : Uint8Array.from(d as ArrayLike<number>);
    default: return d as TypedArray;
  }
}

/** Runs a session; a failure (say, an index out of range in a Gather) names the Tessera op whose node failed. */
async function runOrExplain(session: OrtModule.InferenceSession, feeds: Record<string, OrtModule.Tensor>,
  fetches?: Record<string, OrtModule.Tensor | null>): Promise<OrtModule.InferenceSession.ReturnType> {
  try {
    return await (fetches ? session.run(feeds, fetches) : session.run(feeds));
  } catch (e) {
    const msg = (e as Error).message;
    // Node names are '<tessera op>/<ONNX op>_<n>' (model-builder.ts).
    const op = /([A-Za-z][\w.]*)\/[A-Za-z]+_\d+/.exec(msg)?.[1];
    throw new OpError(op ?? 'onnxruntime', `failed while running on ONNX Runtime: ${msg.split('\n')[0]}`);
  }
}

export class OrtRuntime {
  private readonly sessions = new Map<string, Promise<OrtModule.InferenceSession>>();
  /** Sessions a jitted function holds on to: never evicted (releasing them would break its calls). */
  private readonly pinned = new Set<string>();
  readonly stats: CompileStats = { compiles: 0, hits: 0, compileMs: 0 };

  constructor(readonly ort: Ort, public options: RuntimeOptions) {}

  /**
   * The compiled session for a lowered graph (compiled once per key); `pin` keeps it from
   * eviction. A `variant` compiles the graph under its own key with its own leaf bindings (jit's
   * frozen-weights sessions).
   */
  session(lowered: LoweredGraph, pin = false, variant?: { key: string; bindLeaf: NonNullable<BuildOptions['bindLeaf']> }): Promise<OrtModule.InferenceSession> {
    const key = variant?.key ?? lowered.key;
    if (pin) this.pinned.add(key);
    const known = this.sessions.get(key);
    if (known) {
      this.stats.hits++;
      // Map order is insertion order: re-inserting keeps the most recently used last.
      this.sessions.delete(key);
      this.sessions.set(key, known);
      return known;
    }
    const started = performance.now();
    const { bytes } = lowered.build(variant ? { bindLeaf: variant.bindLeaf } : {});
    const created = this.create(bytes, lowered.work).then((s) => {
      const ms = performance.now() - started;
      this.stats.compiles++;
      this.stats.compileMs += ms;
      if (this.options.logCompiles) {
        console.error(`[tessera] compile #${this.stats.compiles} on ${this.options.device}: ${lowered.nodeCount} ops, ` +
          `${lowered.leaves.length} inputs, ${lowered.targets.length} outputs, ${ms.toFixed(1)} ms ` +
          `(cache: ${this.stats.hits} hits, ${this.sessions.size} sessions)`);
      }
      return s;
    }, (e: unknown) => {
      this.sessions.delete(key);
      this.pinned.delete(key);
      throw e instanceof TesseraError ? e : new OpError('onnxruntime', `could not compile a graph of ${lowered.nodeCount} ops: ${(e as Error).message}`);
    });
    this.sessions.set(key, created);
    const max = this.options.maxSessions ?? 512;
    for (const key of this.sessions.keys()) {
      if (this.sessions.size - this.pinned.size <= max) break;
      if (this.pinned.has(key)) continue;
      const s = this.sessions.get(key)!;
      this.sessions.delete(key);
      void s.then((x) => x.release(), () => undefined);
    }
    return created;
  }

  private sessionOptions(work: number): OrtModule.InferenceSession.SessionOptions {
    // A tiny graph (batch-1 inference of a small model) runs faster on the calling thread than
    // with a pool to wake for each op: the seed CNN at batch 1 took 0.11 ms on one thread and
    // 0.17 ms on two (onnxruntime-node 1.30, 2 cores).
    const threads = work < SMALL_GRAPH_WORK ? 1 : this.options.intraOpNumThreads;
    return {
      executionProviders: this.options.executionProviders,
      graphOptimizationLevel: 'all',
      // The memory pattern pre-plans one block per session for its intermediate tensors and keeps
      // it beside the arena: without it, peak RSS training the seed CNN fell 300 → 275 MB with the
      // same speed (within run-to-run noise on cnn32/cnn128/char-LSTM/Conv3D, 2 cores).
      enableMemPattern: false,
      // Failures are rethrown as OpErrors naming the op (runOrExplain); ORT's own log would print them twice.
      logSeverityLevel: 4,
      // Every session has its own intra-op pool, whose threads spin for work after a run. With
      // sessions interleaved (a batch gather, then the step) the spinning pool steals the cores
      // the next session needs: seed CNN batch 128 ran 47 → 35 ms per step without it (2 cores).
      extra: { session: { intra_op: { allow_spinning: '0' } } },
      ...(threads ? { intraOpNumThreads: threads } : {}),
      ...(this.options.profilePrefix ? { enableProfiling: true, profileFilePrefix: `${this.options.profilePrefix}${this.stats.compiles}` } : {}),
    };
  }

  /**
   * Creates a session. A device that cannot start (no WebGPU adapter, missing CUDA libraries) is
   * told apart from a bad model by compiling the same model on the CPU: then the error names the
   * device, or, with `fallback`, the runtime moves to the CPU for good.
   */
  private async create(bytes: Uint8Array, work: number): Promise<OrtModule.InferenceSession> {
    try {
      return await this.ort.InferenceSession.create(bytes, this.sessionOptions(work));
    } catch (e) {
      if (this.options.device === 'cpu' || this.options.device === 'wasm') throw e;
      const cpu = this.options.device === 'webgpu' && typeof process === 'undefined' ? 'wasm' : 'cpu';
      const onCpu = await this.ort.InferenceSession.create(bytes, { ...this.sessionOptions(work), executionProviders: [cpu] });
      const msg = `onnxruntime: the ${this.options.device} device could not start: ${(e as Error).message.split('\n')[0]}`;
      if (!this.options.fallback) {
        await onCpu.release();
        throw new TesseraError(`${msg}. Pass { fallback: true } to setBackend to run on the CPU instead.`);
      }
      console.warn(`[tessera] ${msg}. Running on the CPU (fallback: true).`);
      this.options = { ...this.options, device: cpu, executionProviders: [cpu] };
      return onCpu;
    }
  }

  /**
   * Runs a compiled session: inputs in order (in0, in1, …), outputs in order. `into` may give,
   * per output, a preallocated buffer that ONNX Runtime writes the result into.
   */
  async run(session: OrtModule.InferenceSession, inputs: readonly { dtype: DType; data: TypedArray; shape: readonly number[] }[],
    outputs: readonly { dtype: DType; shape: readonly number[] }[], into?: readonly (TypedArray | null)[]): Promise<TypedArray[]> {
    const feeds: Record<string, OrtModule.Tensor> = {};
    inputs.forEach((x, i) => { feeds[`in${i}`] = toOrtTensor(this.ort, x.dtype, x.data, x.shape); });
    const names = session.outputNames;
    let results: OrtModule.InferenceSession.ReturnType;
    if (into?.some((b) => b !== null)) {
      const fetches: Record<string, OrtModule.Tensor | null> = {};
      names.forEach((name, i) => {
        const buf = into[i] ?? null;
        fetches[name] = buf ? toOrtTensor(this.ort, outputs[i]!.dtype, buf, outputs[i]!.shape) : null;
      });
      results = await runOrExplain(session, feeds, fetches);
      // ONNX Runtime wrote into the buffers given; the ones not given come back in `results`.
      return names.map((name, i) => into[i] ?? fromOrtTensor(results[name]!, outputs[i]!.dtype));
    }
    results = await runOrExplain(session, feeds);
    return names.map((name, i) => fromOrtTensor(results[name]!, outputs[i]!.dtype));
  }

  async realize(targets: readonly Tensor[]): Promise<void> {
    const lowered = lowerGraph(targets);
    if (lowered.targets.length === 0) return;
    const session = await this.session(lowered);
    const inputs = lowered.leaves.map((leaf) => {
      if (leaf._data === null) throw new OpError('onnxruntime', 'an input was disposed before the graph ran');
      return { dtype: leaf.dtype, data: leaf._data, shape: leaf.shape };
    });
    const values = await this.run(session, inputs, lowered.targets);
    lowered.targets.forEach((t, i) => {
      t._data = values[i]!;
      t._pending = null;
      t._depth = 0;
    });
  }

  /** Releases one session (a pinned one too): its owner no longer needs it. */
  releaseSession(key: string): void {
    const s = this.sessions.get(key);
    this.sessions.delete(key);
    this.pinned.delete(key);
    void s?.then((x) => x.release(), () => undefined);
  }

  async release(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    this.pinned.clear();
    await Promise.all(all.map((s) => s.then((x) => x.release(), () => undefined)));
  }
}

/** The Backend object: asynchronous reads compile through ONNX Runtime. */
export function ortBackend(runtime: OrtRuntime): Backend & { runtime: OrtRuntime } {
  return {
    name: 'onnxruntime',
    runtime,
    realize: (targets) => runtime.realize(targets),
    // ONNX Runtime's JS API runs sessions asynchronously; synchronous reads (dataSync, and the
    // engine's guard against very deep pending chains) use the reference interpreter instead.
    realizeSync: (targets) => referenceBackend.realizeSync!(targets),
  };
}

export function unknownDevice(device: string, expected: readonly string[]): TesseraError {
  const list = expected.map((d) => `'${d}'`).join(', ');
  return new TesseraError(`setBackend('onnxruntime'): unknown device. Expected one of ${list}. Received: device='${device}'`);
}
