/** Elementwise ops as Tensor methods: `a.add(b)`, `x.exp()`. */
import type { DType } from '../../core/dtype.js';
import { Tensor, type TensorLike } from '../../core/tensor.js';
import * as ops from './index.js';

declare module '../../core/tensor.js' {
  interface Tensor {
    add(b: TensorLike): Tensor;
    sub(b: TensorLike): Tensor;
    mul(b: TensorLike): Tensor;
    div(b: TensorLike): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    cast(dtype: DType): Tensor;
  }
}

const p = Tensor.prototype;
p.add = function (b) { return ops.add(this, b); };
p.sub = function (b) { return ops.sub(this, b); };
p.mul = function (b) { return ops.mul(this, b); };
p.div = function (b) { return ops.div(this, b); };
p.neg = function () { return ops.neg(this); };
p.exp = function () { return ops.exp(this); };
p.cast = function (dtype) { return ops.cast(this, dtype); };
