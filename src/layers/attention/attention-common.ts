/** Pieces shared by the attention layers: input lists, masks and the masked softmax. */
import { OpError } from '../../core/errors.js';
import { tensor, type Tensor } from '../../core/tensor.js';
import { logicalAnd } from '../../ops/elementwise/logical-and.js';
import { notEqual } from '../../ops/elementwise/not-equal.js';
import { where } from '../../ops/elementwise/where.js';
import { softmax } from '../../ops/composite/softmax.js';
import type { Mask } from '../layer.js';

/** [query, value, key] of a layer called on [query, value] or [query, value, key] (key = value). */
export function attentionInputs(layerName: string, inputs: Tensor | Tensor[]): { query: Tensor; value: Tensor; key: Tensor; keyGiven: boolean } {
  if (!Array.isArray(inputs) || inputs.length < 2 || inputs.length > 3) {
    const got = Array.isArray(inputs) ? `a list of ${inputs.length} tensors` : 'one tensor';
    throw new OpError(layerName, `must be called on a list [query, value] or [query, value, key]. Received: ${got}`);
  }
  const [query, value, key] = inputs as [Tensor, Tensor, Tensor | undefined];
  return { query, value, key: key ?? value, keyGiven: key !== undefined };
}

/** The masks of [query, value, key] from the call context (null where absent). */
export function attentionMasks(mask: Mask | Mask[]): { queryMask: Mask; valueMask: Mask; keyMask: Mask } {
  const list = Array.isArray(mask) ? mask : [mask];
  return { queryMask: list[0] ?? null, valueMask: list[1] ?? null, keyMask: list[2] ?? null };
}

/** A bool tensor: bool as is, numbers true where non-zero (Keras casts masks to bool). */
export function asBool(m: Tensor): Tensor {
  return m.dtype === 'bool' ? m : notEqual(m, 0);
}

/** `a & b`, either side possibly absent. */
export function andMasks(a: Tensor | null, b: Tensor | null): Tensor | null {
  if (!a) return b;
  if (!b) return a;
  return logicalAnd(a, b);
}

/** The lower-triangular [lq, lk] mask: query i sees keys j ≤ i (Keras's causal mask). */
export function causalMask(lq: number, lk: number): Tensor {
  const data = new Uint8Array(lq * lk);
  for (let i = 0; i < lq; i++) data.fill(1, i * lk, i * lk + Math.min(i + 1, lk));
  return tensor(data, [lq, lk], 'bool');
}

/** The most negative finite float32: masked scores get it, so their weight is exactly 0. */
const LOWEST = -3.4028234663852886e38;

/**
 * Keras's Softmax layer with a mask, over the last axis: masked scores are dropped, and the
 * weights at masked positions are set to 0 afterwards, so a row with every key masked gets
 * all-zero weights (not NaN, not uniform).
 */
export function maskedSoftmax(scores: Tensor, mask: Tensor | null): Tensor {
  if (!mask) return softmax(scores, -1);
  return where(mask, softmax(where(mask, scores, LOWEST), -1), 0);
}

export function checkDropout(kind: string, rate: unknown): number {
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new OpError(kind, `dropout must be a number in [0, 1). Received: dropout=${String(rate)}`);
  }
  return rate;
}

/** A boolean call option (undefined = false). */
export function flag(layerName: string, kwargs: Readonly<Record<string, unknown>>, name: string): boolean {
  const v = kwargs[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new OpError(layerName, `${name} must be a boolean. Received: ${name}=${JSON.stringify(v)}`);
  return v;
}

