/** Global pooling: composites over the spatial axes of a channels-last tensor. */
import { toTensor, type Tensor, type TensorLike } from '../../core/tensor.js';
import { max } from '../reduce/max.js';
import { mean } from '../reduce/mean.js';
import { spatialRank } from './geometry.js';

function spatialAxes(op: string, t: Tensor): number[] {
  return Array.from({ length: spatialRank(op, t) }, (_, i) => i + 1);
}

/** Mean over the spatial axes of x [N, spatial..., C] → [N, C] ([N, 1..., C] with keepDims). */
export function globalAvgPool(x: TensorLike, keepDims = false): Tensor {
  const t = toTensor(x);
  return mean(t, spatialAxes('globalAvgPool', t), keepDims);
}

/** Maximum over the spatial axes of x [N, spatial..., C] → [N, C] ([N, 1..., C] with keepDims). */
export function globalMaxPool(x: TensorLike, keepDims = false): Tensor {
  const t = toTensor(x);
  return max(t, spatialAxes('globalMaxPool', t), keepDims);
}
