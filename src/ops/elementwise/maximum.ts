import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binary, defineBinary } from '../define.js';
import { extremumVjp } from './extremum-grad.js';
import { greater } from './greater.js';

/** Elementwise max, broadcasting; NaN propagates. At ties the gradient is split half/half (PyTorch). */
export const maximumOp = defineBinary({
  name: 'maximum',
  fn: Math.max,
  vjp: (g, [a, b]) => extremumVjp(g, a!, b!, greater(a!, b!)),
  // ONNX Max propagates NaN as Math.max does; on bools (which it does not take) max is OR.
  onnx: (ctx, [a, b], _attrs, [am]) => ctx.node(am!.dtype === 'bool' ? 'Or' : 'Max', [a!, b!]),
});

export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binary(maximumOp, a, b);
}
