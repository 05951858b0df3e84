import { OpError, fmtShape } from '../../core/errors.js';
import { shapesEqual, type Shape } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import { reshape } from '../shape/reshape.js';
import { sum } from './sum.js';

/**
 * Reduces a gradient computed at a broadcast shape back to an input's shape: sums the leading
 * axes broadcasting added and the axes where the input had size 1. Every broadcasting op's VJP uses it.
 */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.rank - shape.length;
  if (lead < 0) throw new OpError('sumToShape', `cannot reduce ${fmtShape(g.shape)} to ${fmtShape(shape)}`);
  const axes: number[] = [];
  for (let i = 0; i < g.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  const s = axes.length ? sum(g, axes, true) : g;
  return reshape(s, shape);
}
