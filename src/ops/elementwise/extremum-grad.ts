import type { Tensor } from '../../core/tensor.js';
import { sumToShape } from '../reduce/sum-to-shape.js';
import { cast } from './cast.js';
import { equal } from './equal.js';
import { mul } from './mul.js';
import { sub } from './sub.js';
import { where } from './where.js';

/**
 * Gradient of maximum/minimum: `aWins` marks where a is strictly selected. a gets g there, half
 * of g at ties, b the rest. Where a NaN was selected neither side wins, and b gets g.
 */
export function extremumVjp(g: Tensor, a: Tensor, b: Tensor, aWins: Tensor): [Tensor, Tensor] {
  const share = where(equal(a, b), 0.5, cast(aWins, g.dtype));
  const ga = mul(g, share);
  return [sumToShape(ga, a.shape), sumToShape(sub(g, ga), b.shape)];
}
