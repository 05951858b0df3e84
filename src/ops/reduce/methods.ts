/** Reductions as Tensor methods: `x.sum(axis, keepDims)`, `x.mean()`, `x.argmax(-1)`. */
import { Tensor } from '../../core/tensor.js';
import * as ops from './index.js';

type Axis = number | readonly number[] | null;

declare module '../../core/tensor.js' {
  interface Tensor {
    sum(axis?: Axis, keepDims?: boolean): Tensor;
    mean(axis?: Axis, keepDims?: boolean): Tensor;
    max(axis?: Axis, keepDims?: boolean): Tensor;
    min(axis?: Axis, keepDims?: boolean): Tensor;
    prod(axis?: Axis, keepDims?: boolean): Tensor;
    logSumExp(axis?: Axis, keepDims?: boolean): Tensor;
    variance(axis?: Axis, keepDims?: boolean, opts?: ops.VarianceOptions): Tensor;
    std(axis?: Axis, keepDims?: boolean, opts?: ops.VarianceOptions): Tensor;
    argmax(axis?: number, keepDims?: boolean): Tensor;
    argmin(axis?: number, keepDims?: boolean): Tensor;
    cumsum(axis?: number, opts?: ops.CumsumOptions): Tensor;
  }
}

const p = Tensor.prototype;
p.sum = function (axis, keepDims) { return ops.sum(this, axis, keepDims); };
p.mean = function (axis, keepDims) { return ops.mean(this, axis, keepDims); };
p.max = function (axis, keepDims) { return ops.max(this, axis, keepDims); };
p.min = function (axis, keepDims) { return ops.min(this, axis, keepDims); };
p.prod = function (axis, keepDims) { return ops.prod(this, axis, keepDims); };
p.logSumExp = function (axis, keepDims) { return ops.logSumExp(this, axis, keepDims); };
p.variance = function (axis, keepDims, opts) { return ops.variance(this, axis, keepDims, opts); };
p.std = function (axis, keepDims, opts) { return ops.std(this, axis, keepDims, opts); };
p.argmax = function (axis, keepDims) { return ops.argmax(this, axis, keepDims); };
p.argmin = function (axis, keepDims) { return ops.argmin(this, axis, keepDims); };
p.cumsum = function (axis, opts) { return ops.cumsum(this, axis, opts); };
