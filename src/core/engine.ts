/**
 * The engine: the current backend, the active gradient tapes, and `applyOp`, the one place
 * where an op application becomes a lazy tensor.
 */
import { TesseraError } from './errors.js';
import type { Attrs, OpDef, TensorMeta } from './op.js';
import { Tensor } from './tensor.js';

/**
 * A backend computes pending tensors. It is handed the tensors to realize; it must set `_data`
 * on each of them (and may on intermediates) and clear `_pending` so the graph can be freed.
 */
export interface Backend {
  readonly name: string;
  /** Computes the tensors' values. */
  realize(targets: readonly Tensor[]): Promise<void>;
  /** Synchronous variant, for backends that can (the reference backend). */
  realizeSync?(targets: readonly Tensor[]): void;
}

/** Options of setBackend; devices other than 'cpu' belong to the ONNX Runtime backend. */
export interface BackendOptions {
  device?: 'cpu' | 'webgpu' | 'cuda';
}

const backends = new Map<string, (opts: BackendOptions) => Backend>();
let current: Backend | null = null;
let defaultBackendName = 'reference';

export function registerBackend(name: string, factory: (opts: BackendOptions) => Backend, opts: { makeDefault?: boolean } = {}): void {
  backends.set(name, factory);
  if (opts.makeDefault) defaultBackendName = name;
}

/** Chooses where tensors are computed. Pending tensors are computed by the backend current when they are read. */
export function setBackend(name: string, opts: BackendOptions = {}): void {
  const factory = backends.get(name);
  if (!factory) {
    throw new TesseraError(`setBackend: unknown backend '${name}'. Available: ${[...backends.keys()].join(', ')}`);
  }
  current = factory(opts);
}

export function getBackend(): Backend {
  if (!current) setBackend(defaultBackendName);
  return current!;
}

function pendingOf(targets: readonly Tensor[]): Tensor[] {
  return targets.filter((t) => t._data === null);
}

/**
 * Computes several tensors in one go (one graph, one compiled session on ONNX Runtime), e.g. a
 * step's loss and new parameters: `await tsr.realize([loss, ...params])`.
 */
export async function realize(targets: readonly Tensor[]): Promise<void> {
  const todo = pendingOf(targets.map((t) => t._resolve()));
  if (todo.length) await getBackend().realize(todo);
}

export function realizeSync(targets: readonly Tensor[]): void {
  const todo = pendingOf(targets);
  if (!todo.length) return;
  const b = getBackend();
  if (!b.realizeSync) {
    throw new TesseraError(`dataSync: the '${b.name}' backend computes asynchronously; use 'await t.data()' or 'await t.array()'`);
  }
  b.realizeSync(todo);
}

// ---------------------------------------------------------------------------------------------
// Gradient tapes. A tape is active while `grad` runs its function; it records every op applied to
// a tensor it tracks. Outside `grad` nothing is recorded, so realized graphs are freed.

export interface TapeEntry {
  readonly op: OpDef<Attrs>;
  readonly inputs: readonly Tensor[];
  readonly output: Tensor;
  readonly attrs: Attrs;
}

export class Tape {
  readonly tracked = new WeakSet<Tensor>();
  readonly entries: TapeEntry[] = [];
}

const tapes: Tape[] = [];

export function pushTape(tape: Tape): void {
  tapes.push(tape);
}

export function popTape(tape: Tape): void {
  const top = tapes.pop();
  if (top !== tape) throw new TesseraError('internal: gradient tapes popped out of order');
}

/**
 * Pending chains longer than this are computed eagerly, so a long loop never builds an unbounded
 * graph — except while a jit traces a function, which must record the whole graph.
 */
const MAX_PENDING_DEPTH = 1000;
let tracing = 0;

/** Runs `fn` with eager realization of deep chains switched off (the jit's trace). */
export function withTracing<T>(fn: () => T): T {
  tracing++;
  try {
    return fn();
  } finally {
    tracing--;
  }
}
/** Applies a primitive op: checks shapes, returns a lazy tensor, records it on active tapes. */
export function applyOp<A extends Attrs>(op: OpDef<A>, inputs: readonly Tensor[], attrs: A): Tensor {
  const resolved = inputs.map((t) => t._resolve());
  const meta: TensorMeta = op.infer(resolved, attrs);
  const out = new Tensor(meta.shape, meta.dtype, null, { op: op as unknown as OpDef<Attrs>, inputs: resolved, attrs });
  if (op.vjp !== 'none') {
    for (const tape of tapes) {
      if (resolved.some((t) => tape.tracked.has(t))) {
        tape.tracked.add(out);
        tape.entries.push({ op: op as unknown as OpDef<Attrs>, inputs: resolved, output: out, attrs });
      }
    }
  }
  if (out._depth > MAX_PENDING_DEPTH && tracing === 0) {
    const b = getBackend();
    if (b.realizeSync) b.realizeSync([out]);
  }
  return out;
}
