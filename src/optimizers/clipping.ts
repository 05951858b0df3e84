/**
 * Gradient clipping as Keras 3 computes it (base_optimizer.py), written with ops only so that it
 * runs inside a traced training step. Also usable on its own in custom training loops.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { received } from './args.js';
import { add } from '../ops/elementwise/add.js';
import { cast } from '../ops/elementwise/cast.js';
import { clip } from '../ops/elementwise/clip.js';
import { div } from '../ops/elementwise/div.js';
import { maximum } from '../ops/elementwise/maximum.js';
import { minimum } from '../ops/elementwise/minimum.js';
import { mul } from '../ops/elementwise/mul.js';
import { sqrt } from '../ops/elementwise/sqrt.js';
import { square } from '../ops/elementwise/square.js';
import { sub } from '../ops/elementwise/sub.js';
import { sum } from '../ops/reduce/sum.js';

function checkLimit(who: string, name: string, v: number): void {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new TesseraError(`${who}: ${name} must be a finite number > 0. Received: ${name}=${received(v)}`);
}

/** Each element limited to [-clipValue, clipValue]. */
export function clipByValue(grad: Tensor, clipValue: number): Tensor {
  checkLimit('clipByValue', 'clipValue', clipValue);
  return clip(grad, -clipValue, clipValue);
}

/** The tensor scaled down so that its L2 norm is at most clipNorm: g·c / max(‖g‖, c). */
export function clipByNorm(grad: Tensor, clipNorm: number): Tensor {
  checkLimit('clipByNorm', 'clipNorm', clipNorm);
  return div(mul(grad, clipNorm), maximum(sqrt(sum(square(grad))), clipNorm));
}

/** √(Σ over all tensors of Σ g²), a float scalar. */
export function globalNorm(grads: readonly Tensor[]): Tensor {
  if (grads.length === 0) throw new TesseraError('globalNorm: needs at least one tensor. Received: an empty list');
  // Mixed float dtypes are summed in the first tensor's dtype.
  const dtype = grads[0]!.dtype;
  return sqrt(grads.map((g) => cast(sum(square(g)), dtype)).reduce((a, b) => add(a, b)));
}

/**
 * All tensors scaled by one factor so that their global norm is at most clipNorm. As Keras:
 * scale = c·min(1/‖g‖, 1/c), plus (‖g‖ − ‖g‖) so that an inf or NaN norm gives NaN gradients
 * (a visible failure) instead of zeros.
 */
export function clipByGlobalNorm(grads: readonly Tensor[], clipNorm: number): Tensor[] {
  checkLimit('clipByGlobalNorm', 'clipNorm', clipNorm);
  if (grads.length === 0) return [];
  const norm = globalNorm(grads);
  const scale = add(mul(minimum(div(1, norm), 1 / clipNorm), clipNorm), sub(norm, norm));
  return grads.map((g) => mul(g, cast(scale, g.dtype)));
}
