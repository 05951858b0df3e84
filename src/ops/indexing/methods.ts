/** Indexing ops as Tensor methods: `x.gather(idx, 1)`, `labels.oneHot(10)`. */
import { Tensor } from '../../core/tensor.js';
import * as ops from './index.js';

declare module '../../core/tensor.js' {
  interface Tensor {
    gather(indices: TensorLike, axis?: number): Tensor;
    takeAlongAxis(indices: TensorLike, axis: number): Tensor;
    scatterAdd(indices: TensorLike, updates: TensorLike, axis: number): Tensor;
    oneHot(depth: number, opts?: ops.OneHotOptions): Tensor;
  }
}

const p = Tensor.prototype;
p.gather = function (indices, axis) { return ops.gather(this, indices, axis); };
p.takeAlongAxis = function (indices, axis) { return ops.takeAlongAxis(this, indices, axis); };
p.scatterAdd = function (indices, updates, axis) { return ops.scatterAdd(this, indices, updates, axis); };
p.oneHot = function (depth, opts) { return ops.oneHot(this, depth, opts); };
