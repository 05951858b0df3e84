/**
 * The kernel gradient shared by conv and convTranspose (a composite, not a primitive):
 * dW[k, c, f] = Σ over window positions of patch(image)[k, c] · grid[f], per group.
 * For conv the image is x and the grid the output cotangent; for convTranspose the roles swap.
 * With one group this is an [M, k·C]ᵀ · [M, F] matmul over the im2col matrix (in a few row chunks).
 */
import { applyOp } from '../../core/engine.js';
import { sizeOf } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import { mul } from '../elementwise/mul.js';
import { matmul } from '../linalg/matmul.js';
import { sum } from '../reduce/sum.js';
import { reshape } from '../shape/reshape.js';
import { transpose } from '../shape/transpose.js';
import { extractPatchesOp } from './extract-patches.js';
import type { WindowAttrs } from './geometry.js';

/** Gradient of a [k..., Ci/groups, Cgrid] kernel from image [N, in..., Ci] and grid [N, out..., Cgrid]. */
export function filterGrad(image: Tensor, grid: Tensor, window: WindowAttrs, groups: number): Tensor {
  const r = window.kernelSize.length;
  const k = window.kernelSize;
  const kp = sizeOf(k);
  const ci = image.shape[r + 1]!;
  const co = grid.shape[r + 1]!;
  const m = sizeOf(grid.shape) / Math.max(co, 1);
  const cg = ci / groups;
  const og = co / groups;
  const patches = applyOp(extractPatchesOp, [image], { ...window, padValue: 0 });
  if (groups === 1) {
    // The product reduces over all m window positions while its output is small, and a gemm
    // parallelizes over its output: split the positions into a few batched products and add
    // them (ONNX Runtime's dW ran 1.5× faster with 8 chunks on 2 threads).
    const chunks = [8, 4, 2].find((b) => m % b === 0 && m / b >= 256) ?? 1;
    const rows = (t: Tensor, width: number): Tensor => reshape(t, chunks === 1 ? [m, width] : [chunks, m / chunks, width]);
    const total = (t: Tensor): Tensor => (chunks === 1 ? t : sum(t, 0));
    // The wider side goes last (the gemm's columns): with k·C > F, gridᵀ · patches and one small
    // transpose ran 1.1-1.4× faster in ONNX Runtime (Conv3D's [524288, 81] × 16: 39 → 28 ms).
    if (kp * ci > co) return reshape(transpose(total(matmul(rows(grid, co), rows(patches, kp * ci), { transposeA: true })), [1, 0]), [...k, ci, co]);
    return reshape(total(matmul(rows(patches, kp * ci), rows(grid, co), { transposeA: true })), [...k, ci, co]);
  }
  if (cg === 1) {
    // Depthwise: one input channel per group, so a broadcast product summed over positions
    // beats `groups` tiny matmuls.
    const prod = mul(reshape(patches, [m, kp, groups, 1]), reshape(grid, [m, 1, groups, og]));
    return reshape(sum(prod, 0), [...k, 1, co]);
  }
  const p = reshape(transpose(reshape(patches, [m, kp, groups, cg]), [2, 0, 1, 3]), [groups, m, kp * cg]);
  const gg = transpose(reshape(grid, [m, groups, og]), [1, 0, 2]);
  const dw = reshape(matmul(p, gg, { transposeA: true }), [groups, kp, cg, og]);
  return reshape(transpose(dw, [1, 2, 0, 3]), [...k, cg, co]);
}
