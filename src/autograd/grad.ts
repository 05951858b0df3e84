/**
 * Reverse-mode autodiff. `grad(f)` runs `f` with a tape that records every op applied to the
 * differentiated inputs, then walks the tape backwards calling each op's VJP. The VJPs are
 * themselves ops, so gradients are lazy, run on any backend, and can be differentiated again
 * (nested `grad` works: the outer tape records the inner backward pass).
 */
import { isFloat } from '../core/dtype.js';
import { Tape, popTape, pushTape } from '../core/engine.js';
import { OpError, TesseraError, fmtShape } from '../core/errors.js';
import { shapesEqual } from '../core/shape.js';
import { Tensor, type Variable } from '../core/tensor.js';
import { add } from '../ops/elementwise/add.js';
import { cast } from '../ops/elementwise/cast.js';
import { onesLike, zerosLike } from '../core/creation.js';
import { treeLeaves, treeMap } from './pytree.js';

/** Runs the tape backwards from `output` seeded with `seed`; returns cotangents of `wrt`. */
function backward(tape: Tape, output: Tensor, seed: Tensor, wrt: readonly Tensor[]): (Tensor | null)[] {
  const cotangents = new Map<Tensor, Tensor>([[output, seed]]);
  for (let i = tape.entries.length - 1; i >= 0; i--) {
    const e = tape.entries[i]!;
    const g = cotangents.get(e.output);
    if (!g) continue;
    if (e.op.vjp === 'none') continue;
    const grads = e.op.vjp(g, e.inputs, e.output, e.attrs);
    e.inputs.forEach((input, k) => {
      const gi = grads[k];
      if (!gi || !tape.tracked.has(input) || !isFloat(input.dtype)) return;
      if (!shapesEqual(gi.shape, input.shape)) {
        throw new OpError(e.op.name, `internal: gradient for input ${k} has shape ${fmtShape(gi.shape)}, expected ${fmtShape(input.shape)}`);
      }
      const gc = gi.dtype === input.dtype ? gi : cast(gi, input.dtype);
      const prev = cotangents.get(input);
      cotangents.set(input, prev ? add(prev, gc) : gc);
    });
  }
  return wrt.map((t) => cotangents.get(t) ?? null);
}

export interface GradOptions {
  /** Which positional arguments to differentiate: one index, or several. Default: all. */
  argnums?: number | readonly number[];
  /** When true, `f` returns `[loss, aux]` and `aux` is passed through untouched. */
  hasAux?: boolean;
}

/**
 * Traces `f` on `args` with a tape watching the selected arguments; returns f's output,
 * the watched leaves and a function producing their gradients.
 */
function trace(f: (...args: never[]) => unknown, args: unknown[], argnums: readonly number[], hasAux: boolean) {
  const tape = new Tape();
  const selected = argnums.map((i) => {
    if (i < 0 || i >= args.length) throw new TesseraError(`grad: argnums ${i} is out of range for ${args.length} arguments`);
    return args[i];
  });
  const leaves = treeLeaves(selected).map((t) => t._resolve());
  for (const leaf of leaves) if (isFloat(leaf.dtype)) tape.tracked.add(leaf);
  pushTape(tape);
  let result: unknown;
  try {
    result = (f as (...a: unknown[]) => unknown)(...args);
  } finally {
    popTape(tape);
  }
  const [out, aux] = hasAux ? (result as [unknown, unknown]) : [result, undefined];
  if (!(out instanceof Tensor)) {
    throw new TesseraError(`grad: the function must return a Tensor${hasAux ? ' as the first element of [loss, aux]' : ''}. Received: ${typeof out}`);
  }
  return { tape, selected, leaves, out: out._resolve(), aux };
}

function structure(selected: unknown[], leafGrads: Tensor[], single: boolean): unknown {
  const tree = treeMap(selected, (_t, i) => leafGrads[i]);
  return single ? (tree as unknown[])[0] : tree;
}

function resolveArgnums(argnums: GradOptions['argnums'], nargs: number): { nums: number[]; single: boolean } {
  if (argnums === undefined) return { nums: Array.from({ length: nargs }, (_, i) => i), single: nargs === 1 };
  if (typeof argnums === 'number') return { nums: [argnums], single: true };
  return { nums: [...argnums], single: false };
}

/**
 * `valueAndGrad(f)(...args)` → `[value, grads]`. `f` must return a scalar float tensor.
 * `grads` mirrors the differentiated arguments (pytrees of tensors keep their structure);
 * with one argument (or a numeric `argnums`) it is that argument's gradient alone.
 */
export function valueAndGrad<A extends unknown[]>(f: (...args: A) => unknown, opts: GradOptions = {}) {
  return (...args: A): [Tensor, GradsOf<A>, unknown?] => {
    const { nums, single } = resolveArgnums(opts.argnums, args.length);
    const { tape, selected, leaves, out, aux } = trace(f as (...a: never[]) => unknown, args, nums, opts.hasAux ?? false);
    if (out.size !== 1) {
      throw new TesseraError(`grad: the function must return a scalar (one element) to differentiate; use vjp() for other outputs. Received: shape=${fmtShape(out.shape)}`);
    }
    if (!isFloat(out.dtype)) throw new TesseraError(`grad: the function's output must be float. Received: dtype=${out.dtype}`);
    const grads = backward(tape, out, onesLike(out), leaves);
    const leafGrads = leaves.map((leaf, i) => grads[i] ?? zerosLike(leaf));
    const g = structure(selected, leafGrads, single);
    return (opts.hasAux ? [out, g, aux] : [out, g]) as [Tensor, GradsOf<A>, unknown?];
  };
}

/** `grad(f)(...args)`: the gradient of scalar `f` with respect to its arguments (see valueAndGrad). */
export function grad<A extends unknown[]>(f: (...args: A) => unknown, opts?: { argnums?: undefined; hasAux?: false }): (...args: A) => GradsOf<A>;
/** With `argnums`, the result mirrors the selected arguments (one pytree, or an array of them). */
export function grad<A extends unknown[]>(f: (...args: A) => unknown, opts: GradOptions): (...args: A) => unknown;
export function grad<A extends unknown[]>(f: (...args: A) => unknown, opts: GradOptions = {}): (...args: A) => unknown {
  const vg = valueAndGrad(f, opts);
  return (...args: A) => vg(...args)[1];
}

/** Gradient pytree type: with one argument, that argument's structure; else one per argument. */
type Widen<X> = X extends Tensor ? Tensor : X;
export type GradsOf<A extends unknown[]> = A extends [infer X] ? Widen<X> : { [K in keyof A]: Widen<A[K]> };

/**
 * `vjp(f, ...args)` → `[output, vjpFn]`; `vjpFn(cotangent)` gives the cotangents of all args
 * (an array, one pytree per argument). For non-scalar outputs.
 */
export function vjp<A extends unknown[]>(f: (...args: A) => Tensor, ...args: A): [Tensor, (cotangent: Tensor) => unknown[]] {
  const nums = args.map((_, i) => i);
  const { tape, selected, leaves, out } = trace(f as (...a: never[]) => unknown, args, nums, false);
  return [
    out,
    (ct: Tensor) => {
      if (!shapesEqual(ct.shape, out.shape)) {
        throw new TesseraError(`vjp: cotangent must have the output's shape ${fmtShape(out.shape)}. Received: ${fmtShape(ct.shape)}`);
      }
      const grads = backward(tape, out, ct, leaves);
      return structure(selected, leaves.map((leaf, i) => grads[i] ?? zerosLike(leaf)), false) as unknown[];
    },
  ];
}

/**
 * Gradients of `f()` with respect to `variables` (what optimizers need): f reads the variables
 * directly; their current values are what the tape watches.
 */
export function variableGrads(f: () => Tensor, variables: readonly Variable[]): { value: Tensor; grads: Tensor[] } {
  const argnums = variables.map((_, i) => i);
  const [value, grads] = valueAndGrad((..._values: Tensor[]) => f(), { argnums })(...variables.map((v) => v.value));
  return { value, grads: grads as Tensor[] };
}
