/** Reductions as Tensor methods: `x.sum(axis, keepDims)`. */
import { Tensor } from '../../core/tensor.js';
import * as ops from './index.js';

type Axis = number | readonly number[] | null;

declare module '../../core/tensor.js' {
  interface Tensor {
    sum(axis?: Axis, keepDims?: boolean): Tensor;
  }
}

const p = Tensor.prototype;
p.sum = function (axis, keepDims) { return ops.sum(this, axis, keepDims); };
