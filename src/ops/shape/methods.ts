/** Shape ops as Tensor methods: `x.reshape([2, -1])`, `x.transpose()`, `x.slice([0, 1], [2, -1])`. */
import type { Shape } from '../../core/shape.js';
import { Tensor } from '../../core/tensor.js';
import * as ops from './index.js';

type Axes = number | readonly number[] | null;

declare module '../../core/tensor.js' {
  interface Tensor {
    reshape(shape: Shape): Tensor;
    broadcastTo(shape: Shape): Tensor;
    transpose(perm?: readonly number[]): Tensor;
    expandDims(axis?: number): Tensor;
    squeeze(axis?: Axes): Tensor;
    slice(begin: number | readonly number[], size?: number | readonly number[]): Tensor;
    stridedSlice(begin: readonly (number | null)[], end: readonly (number | null)[], strides?: readonly number[]): Tensor;
    unstack(axis?: number): Tensor[];
    split(numOrSizes: number | readonly number[], axis?: number): Tensor[];
    tile(reps: readonly number[]): Tensor;
    pad(paddings: readonly (readonly number[])[], opts?: ops.PadOptions): Tensor;
    flip(axis?: Axes): Tensor;
  }
}

const p = Tensor.prototype;
p.reshape = function (shape) { return ops.reshape(this, shape); };
p.broadcastTo = function (shape) { return ops.broadcastTo(this, shape); };
p.transpose = function (perm) { return ops.transpose(this, perm); };
p.expandDims = function (axis) { return ops.expandDims(this, axis); };
p.squeeze = function (axis) { return ops.squeeze(this, axis); };
p.slice = function (begin, size) { return ops.slice(this, begin, size); };
p.stridedSlice = function (begin, end, strides) { return ops.stridedSlice(this, begin, end, strides); };
p.unstack = function (axis) { return ops.unstack(this, axis); };
p.split = function (numOrSizes, axis) { return ops.split(this, numOrSizes, axis); };
p.tile = function (reps) { return ops.tile(this, reps); };
p.pad = function (paddings, opts) { return ops.pad(this, paddings, opts); };
p.flip = function (axis) { return ops.flip(this, axis); };
