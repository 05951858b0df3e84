/** Random ops as Tensor methods: `x.dropout(0.5)`. */
import { Tensor } from '../../core/tensor.js';
import * as ops from './index.js';

declare module '../../core/tensor.js' {
  interface Tensor {
    dropout(rate: number, opts?: ops.DropoutOptions): Tensor;
  }
}

const p = Tensor.prototype;
p.dropout = function (rate, opts) { return ops.dropout(this, rate, opts); };
