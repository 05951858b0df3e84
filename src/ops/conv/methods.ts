/** Convolution, pooling and resizing as Tensor methods: `x.conv2d(w, {padding: 'same'})`, `x.maxPool()`. */
import { Tensor, type TensorLike } from '../../core/tensor.js';
import * as ops from './index.js';

declare module '../../core/tensor.js' {
  interface Tensor {
    conv(w: TensorLike, opts?: ops.ConvOptions): Tensor;
    conv1d(w: TensorLike, opts?: ops.ConvOptions): Tensor;
    conv2d(w: TensorLike, opts?: ops.ConvOptions): Tensor;
    conv3d(w: TensorLike, opts?: ops.ConvOptions): Tensor;
    convTranspose(w: TensorLike, opts?: ops.ConvTransposeOptions): Tensor;
    conv1dTranspose(w: TensorLike, opts?: ops.ConvTransposeOptions): Tensor;
    conv2dTranspose(w: TensorLike, opts?: ops.ConvTransposeOptions): Tensor;
    conv3dTranspose(w: TensorLike, opts?: ops.ConvTransposeOptions): Tensor;
    maxPool(opts?: ops.PoolOptions): Tensor;
    maxPool1d(opts?: ops.PoolOptions): Tensor;
    maxPool2d(opts?: ops.PoolOptions): Tensor;
    maxPool3d(opts?: ops.PoolOptions): Tensor;
    avgPool(opts?: ops.AvgPoolOptions): Tensor;
    avgPool1d(opts?: ops.AvgPoolOptions): Tensor;
    avgPool2d(opts?: ops.AvgPoolOptions): Tensor;
    avgPool3d(opts?: ops.AvgPoolOptions): Tensor;
    globalAvgPool(keepDims?: boolean): Tensor;
    globalMaxPool(keepDims?: boolean): Tensor;
    extractPatches(opts: ops.ExtractPatchesOptions): Tensor;
    resize(size: number | readonly number[], opts?: ops.ResizeOptions): Tensor;
  }
}

const p = Tensor.prototype;
p.conv = function (w, opts) { return ops.conv(this, w, opts); };
p.conv1d = function (w, opts) { return ops.conv1d(this, w, opts); };
p.conv2d = function (w, opts) { return ops.conv2d(this, w, opts); };
p.conv3d = function (w, opts) { return ops.conv3d(this, w, opts); };
p.convTranspose = function (w, opts) { return ops.convTranspose(this, w, opts); };
p.conv1dTranspose = function (w, opts) { return ops.conv1dTranspose(this, w, opts); };
p.conv2dTranspose = function (w, opts) { return ops.conv2dTranspose(this, w, opts); };
p.conv3dTranspose = function (w, opts) { return ops.conv3dTranspose(this, w, opts); };
p.maxPool = function (opts) { return ops.maxPool(this, opts); };
p.maxPool1d = function (opts) { return ops.maxPool1d(this, opts); };
p.maxPool2d = function (opts) { return ops.maxPool2d(this, opts); };
p.maxPool3d = function (opts) { return ops.maxPool3d(this, opts); };
p.avgPool = function (opts) { return ops.avgPool(this, opts); };
p.avgPool1d = function (opts) { return ops.avgPool1d(this, opts); };
p.avgPool2d = function (opts) { return ops.avgPool2d(this, opts); };
p.avgPool3d = function (opts) { return ops.avgPool3d(this, opts); };
p.globalAvgPool = function (keepDims) { return ops.globalAvgPool(this, keepDims); };
p.globalMaxPool = function (keepDims) { return ops.globalMaxPool(this, keepDims); };
p.extractPatches = function (opts) { return ops.extractPatches(this, opts); };
p.resize = function (size, opts) { return ops.resize(this, size, opts); };
