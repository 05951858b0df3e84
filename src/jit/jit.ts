/**
 * `jit(fn)`: traces `fn` once per input signature (the shapes and dtypes of its tensor arguments
 * and the values of its other arguments) into one ONNX Runtime session; later calls only feed
 * the arguments and run it. What the trace captured is fed afresh on every call: variables by
 * their current value, other realized tensors as they are, and random draws made from the global
 * key with new keys (so dropout masks differ between steps, as without jit).
 *
 * With `donate`, the buffers of the named arguments are reused for the outputs of later calls
 * (JAX's donate_argnums): a training step's parameters and optimizer state then live in two sets
 * of buffers that swap between steps instead of being allocated every step. Donated arguments are
 * disposed after the call; reading them is an error, never stale values.
 */
import { treeLeaves, treeMap } from '../autograd/pytree.js';
import type { DType, TypedArray } from '../core/dtype.js';
import { applyOp, getBackend, realize, withTracing } from '../core/engine.js';
import { TesseraError } from '../core/errors.js';
import type { Attrs, OpDef } from '../core/op.js';
import { Tensor, variableReads, type Variable } from '../core/tensor.js';
import { keyDraws, nextKey, type RandomKey } from '../ops/random/key.js';
import { referenceBackend } from '../backends/reference/index.js';
import { lowerGraph, type LoweredGraph } from '../backends/onnxruntime/lower.js';
import type { OrtRuntime } from '../backends/onnxruntime/runtime.js';
import type * as OrtModule from 'onnxruntime-common';

export interface JitOptions {
  /** Positions of arguments whose tensors may be reused for outputs; they are disposed after each call. */
  donate?: readonly number[];
  /**
   * After this many consecutive calls that read the same variable values, a second session is
   * compiled (in the background) with those values baked in as constants, and used while they
   * stay the same: no weights to feed per call, and ONNX Runtime can pre-pack them (model
   * serving). A variable taking a new value drops it. Default: never.
   */
  freezeAfter?: number;
}

type Source =
  | { kind: 'arg'; index: number }
  | { kind: 'variable'; variable: Variable }
  | { kind: 'random'; op: OpDef<Attrs>; attrs: Attrs; draw: number }
  | { kind: 'constant'; tensor: Tensor };

type OutputSlot =
  | { kind: 'computed'; index: number }
  | { kind: 'arg'; index: number }
  | { kind: 'constant'; tensor: Tensor };

interface Compiled {
  session: OrtModule.InferenceSession;
  sources: Source[];
  outputs: { shape: readonly number[]; dtype: DType }[];
  slots: OutputSlot[];
  draws: number;
  outTree: unknown;
  /** With freezeAfter: the traced graph (to compile a frozen variant) and the freeze state. */
  freezing?: Freezing;
}

interface Freezing {
  lowered: LoweredGraph;
  /** The variable values read by the last call, and how many calls in a row read them. */
  lastValues: Tensor[] | null;
  streak: number;
  /** The frozen variant for `lastValues`: its session key, and the session once compiled. */
  frozen: { key: string; session: OrtModule.InferenceSession | null } | null;
}

let frozenCount = 0;

/** The signature a trace is valid for: tree structure, tensor shapes/dtypes, other values. */
function signature(args: readonly unknown[]): string {
  // The common call, a list of tensors (predict, the train step's batch), without JSON.stringify:
  // batch-1 serving pays this on every call.
  if (args.length === 1 && Array.isArray(args[0]) && args[0].every((v) => v instanceof Tensor)) {
    return `[[${(args[0] as Tensor[]).map((v) => `"T:${v.dtype}[${v.shape.join(',')}]"`).join(',')}]]`;
  }
  return JSON.stringify(args, (_k, v: unknown) =>
    v instanceof Tensor ? `T:${v.dtype}[${v.shape.join(',')}]` : typeof v === 'function' ? 'fn' : v);
}

const keyString = (k: readonly number[]): string => `${k[0]},${k[1]}`;
const bufferKey = (dtype: DType, shape: readonly number[]): string => `${dtype}[${shape.join(',')}]`;

/** The jitted function: `await f(...args)` gives `fn`'s result with every tensor computed. */
export function jit<A extends unknown[], R>(fn: (...args: A) => R, opts: JitOptions = {}): (...args: A) => Promise<R> {
  const caches = new WeakMap<OrtRuntime, Map<string, Compiled>>();
  const pool = new Map<string, TypedArray[]>();
  const donate = new Set(opts.donate ?? []);

  async function trace(runtime: OrtRuntime, args: A, argTensors: Tensor[]): Promise<{ compiled: Compiled; result: R }> {
    const varOf = new Map<Tensor, Variable>();
    const draws: RandomKey[] = [];
    variableReads.hook = (v, value) => { varOf.set(value, v); };
    keyDraws.hook = (k) => { draws.push(k); };
    let out: R;
    try {
      out = withTracing(() => fn(...args));
    } finally {
      variableReads.hook = null;
      keyDraws.hook = null;
    }
    const outLeaves = treeLeaves(out).map((t) => t._resolve());
    const lowered = lowerGraph(outLeaves);
    const drawIndex = new Map(draws.map((k, i) => [keyString(k), i]));
    const sources: Source[] = lowered.leaves.map((leaf) => {
      const argIndex = argTensors.indexOf(leaf);
      if (argIndex >= 0) return { kind: 'arg', index: argIndex };
      const host = lowered.hostComputed.get(leaf);
      const draw = host ? drawIndex.get(keyString(host.attrs['key'] as readonly number[])) : undefined;
      if (host && draw !== undefined) return { kind: 'random', op: host.op, attrs: host.attrs, draw };
      const variable = varOf.get(leaf);
      if (variable) return { kind: 'variable', variable };
      return { kind: 'constant', tensor: leaf };
    });
    const slots: OutputSlot[] = outLeaves.map((t) => {
      const computed = lowered.targets.indexOf(t);
      if (computed >= 0) return { kind: 'computed', index: computed };
      const argIndex = argTensors.indexOf(t);
      if (argIndex >= 0) return { kind: 'arg', index: argIndex };
      return { kind: 'constant', tensor: t };
    });
    const session = lowered.targets.length ? await runtime.session(lowered, true) : null;
    const compiled: Compiled = {
      session: session!,
      sources,
      outputs: lowered.targets.map((t) => ({ shape: t.shape, dtype: t.dtype })),
      slots,
      draws: draws.length,
      // The result's structure only: placeholders, so the cache does not keep the first call's values.
      outTree: treeMap(out, (t) => new Tensor(t.shape, t.dtype, null, null)),
      // The trace itself is the first call reading the variables' current values.
      ...(opts.freezeAfter !== undefined && session
        ? { freezing: { lowered, lastValues: sources.flatMap((s) => (s.kind === 'variable' ? [s.variable._resolve()] : [])), streak: 1, frozen: null } }
        : {}),
    };
    // The first call's values: run the session on the traced leaves themselves.
    const values = session ? await runtime.run(session, lowered.leaves.map((l) => ({ dtype: l.dtype, data: l._data!, shape: l.shape })), compiled.outputs) : [];
    lowered.targets.forEach((t, i) => {
      t._data = values[i]!;
      t._pending = null;
      t._depth = 0;
    });
    return { compiled, result: out };
  }

  async function execute(runtime: OrtRuntime, c: Compiled, argTensors: Tensor[]): Promise<R> {
    const keys = c.draws ? Array.from({ length: c.draws }, () => nextKey()) : [];
    const inputs = c.sources.map((s) => {
      let t: Tensor;
      switch (s.kind) {
        case 'arg': t = argTensors[s.index]!; break;
        case 'variable': t = s.variable._resolve(); break;
        case 'constant': t = s.tensor; break;
        case 'random': {
          const k = keys[s.draw]!;
          t = applyOp(s.op, [], { ...s.attrs, key: [k[0], k[1]] });
          referenceBackend.realizeSync!([t]);
        }
      }
      if (t._data === null) throw new TesseraError('jit: an input of the compiled function was disposed (was it donated to an earlier call?)');
      return { dtype: t.dtype, data: t._data, shape: t.shape };
    });
    const into = c.outputs.map((o) => pool.get(bufferKey(o.dtype, o.shape))?.pop() ?? null);
    const frozen = c.freezing ? updateFreezing(runtime, c) : null;
    const fed = frozen ? inputs.filter((_, i) => c.sources[i]!.kind !== 'variable') : inputs;
    const values = c.outputs.length ? await runtime.run(frozen ?? c.session, fed, c.outputs, into) : [];
    let i = 0;
    return treeMap(c.outTree, () => {
      const slot = c.slots[i++]!;
      if (slot.kind === 'arg') return argTensors[slot.index]!;
      if (slot.kind === 'constant') return slot.tensor;
      const o = c.outputs[slot.index]!;
      return new Tensor(o.shape, o.dtype, values[slot.index]!, null);
    }) as R;
  }

  /**
   * Tracks whether the variables keep their values between calls; returns the frozen session when
   * one is ready for the current values (starting its compilation once the streak is long enough).
   */
  function updateFreezing(runtime: OrtRuntime, c: Compiled): OrtModule.InferenceSession | null {
    const f = c.freezing!;
    const values = c.sources.flatMap((s) => (s.kind === 'variable' ? [s.variable._resolve()] : []));
    const same = f.lastValues !== null && values.every((v, i) => v === f.lastValues![i]);
    f.streak = same ? f.streak + 1 : 1;
    f.lastValues = values;
    if (!same && f.frozen) {
      runtime.releaseSession(f.frozen.key);
      f.frozen = null;
    }
    if (f.streak >= opts.freezeAfter! && !f.frozen && values.every((v) => v._data !== null)) {
      const frozen = { key: `${f.lowered.key}#frozen${++frozenCount}`, session: null as OrtModule.InferenceSession | null };
      f.frozen = frozen;
      let next = 0;
      const baked = new Map(c.sources.flatMap((s, i) => (s.kind === 'variable' ? [[f.lowered.leaves[i]!, values[next++]!] as const] : [])));
      runtime.session(f.lowered, true, {
        key: frozen.key,
        // Variable leaves become initializers holding today's values; the rest stay inputs, in order.
        bindLeaf: (leaf, b, index) => {
          const v = baked.get(leaf);
          return v ? b.addInitializer(`frozen${index}`, v._data!, v.shape, v.dtype) : b.addInput(leaf.shape, leaf.dtype);
        },
      // A failed compile leaves this variant unused (the unfrozen session serves); no retry loop.
      }).then((s) => { frozen.session = s; }, () => undefined);
    }
    return f.frozen?.session ?? null;
  }

  /** Donated arguments give their buffers to the pool and are disposed. */
  function recycle(args: A, result: R): void {
    if (!donate.size) return;
    const kept = new Set(treeLeaves(result).map((t) => t._resolve()));
    args.forEach((arg, i) => {
      if (!donate.has(i)) return;
      for (const leaf of treeLeaves(arg)) {
        const t = leaf._resolve();
        if (kept.has(t) || t._data === null) continue;
        const key = bufferKey(t.dtype, t.shape);
        let list = pool.get(key);
        if (!list) pool.set(key, (list = []));
        if (t.dtype !== 'int64') list.push(t._data); // int64 is converted on every run: nothing to reuse
        t.dispose();
      }
    });
  }

  return async (...args: A): Promise<R> => {
    const backend = getBackend() as { runtime?: OrtRuntime };
    const argTensors = treeLeaves(args).map((t) => t._resolve());
    if (argTensors.some((t) => t._data === null)) await realize(argTensors);
    const runtime = backend.runtime;
    if (!runtime) {
      // The reference backend has nothing to compile: run the function and compute its result.
      const out = fn(...args);
      await realize(treeLeaves(out).map((t) => t._resolve()));
      return out;
    }
    let cache = caches.get(runtime);
    if (!cache) caches.set(runtime, (cache = new Map()));
    const sig = signature(args);
    const known = cache.get(sig);
    let result: R;
    if (known) {
      result = await execute(runtime, known, argTensors);
    } else {
      const traced = await trace(runtime, args, argTensors);
      cache.set(sig, traced.compiled);
      result = traced.result;
    }
    recycle(args, result);
    return result;
  };
}
