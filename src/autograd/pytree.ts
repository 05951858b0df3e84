import { Tensor } from '../core/tensor.js';

/** A pytree: tensors nested in arrays and plain objects; other leaves are carried as they are. */
export type PyTree<T = Tensor> = T | readonly PyTree<T>[] | { readonly [key: string]: PyTree<T> } | number | string | boolean | null | undefined;

/** Every tensor in a pytree, in a stable order (arrays by index, objects by key order). */
export function treeLeaves(tree: unknown): Tensor[] {
  const out: Tensor[] = [];
  const walk = (x: unknown): void => {
    if (x instanceof Tensor) out.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (isPlainObject(x)) Object.values(x).forEach(walk);
  };
  walk(tree);
  return out;
}

/** Rebuilds `tree` with each tensor leaf replaced by `fn(leaf, index)`. */
export function treeMap<R>(tree: unknown, fn: (t: Tensor, index: number) => R): unknown {
  let i = 0;
  const walk = (x: unknown): unknown => {
    if (x instanceof Tensor) return fn(x, i++);
    if (Array.isArray(x)) return x.map(walk);
    if (isPlainObject(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    return x;
  };
  return walk(tree);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}
