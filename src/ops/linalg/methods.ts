import { Tensor, type TensorLike } from '../../core/tensor.js';
import * as ops from './index.js';

declare module '../../core/tensor.js' {
  interface Tensor {
    matmul(b: TensorLike, opts?: { transposeA?: boolean; transposeB?: boolean }): Tensor;
  }
}

Tensor.prototype.matmul = function (b, opts) { return ops.matmul(this, b, opts); };
