/** Composites as Tensor methods: `x.softmax()`, `x.logSoftmax(1)`. */
import { Tensor } from '../../core/tensor.js';
import * as ops from './index.js';

declare module '../../core/tensor.js' {
  interface Tensor {
    softmax(axis?: number): Tensor;
    logSoftmax(axis?: number): Tensor;
  }
}

const p = Tensor.prototype;
p.softmax = function (axis) { return ops.softmax(this, axis); };
p.logSoftmax = function (axis) { return ops.logSoftmax(this, axis); };
