import type { Tensor, TensorLike } from '../../core/tensor.js';
import { binary, defineBinary } from '../define.js';
import { extremumVjp } from './extremum-grad.js';
import { less } from './less.js';

/** Elementwise min, broadcasting; NaN propagates. At ties the gradient is split half/half (PyTorch). */
export const minimumOp = defineBinary({
  name: 'minimum',
  fn: Math.min,
  vjp: (g, [a, b]) => extremumVjp(g, a!, b!, less(a!, b!)),
  // ONNX Min propagates NaN as Math.min does; on bools (which it does not take) min is AND.
  onnx: (ctx, [a, b], _attrs, [am]) => ctx.node(am!.dtype === 'bool' ? 'And' : 'Min', [a!, b!]),
});

export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binary(minimumOp, a, b);
}
