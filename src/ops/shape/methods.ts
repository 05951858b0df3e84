/** Shape ops as Tensor methods: `x.reshape([2, -1])`, `x.transpose()`. */
import type { Shape } from '../../core/shape.js';
import { Tensor } from '../../core/tensor.js';
import * as ops from './index.js';

declare module '../../core/tensor.js' {
  interface Tensor {
    reshape(shape: Shape): Tensor;
    broadcastTo(shape: Shape): Tensor;
    transpose(perm?: readonly number[]): Tensor;
  }
}

const p = Tensor.prototype;
p.reshape = function (shape) { return ops.reshape(this, shape); };
p.broadcastTo = function (shape) { return ops.broadcastTo(this, shape); };
p.transpose = function (perm) { return ops.transpose(this, perm); };
