import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type OnnxContext, type OpDef, type AttrValue, type TensorMeta } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { gemm } from '../../backends/reference/gemm.js';
import { chunkRows, depthwiseRows, im2col, positions } from '../../backends/reference/im2col.js';
import { binaryOperands } from '../define.js';
import { convTransposeOp } from './conv-transpose.js';
import { filterGrad } from './filter-grad.js';
import { MAX_IM2COL, channelsFirst, channelsLast, gatherPatches, onnxKernel, onnxPads } from './onnx-lowering.js';
import { checkWindowAttrs, geom3, resolvePadding, spatialRank, tuple, windowOutputShape, type Pads, type PaddingArg } from './geometry.js';

export interface ConvAttrs {
  [key: string]: AttrValue;
  strides: readonly number[];
  dilations: readonly number[];
  padding: Pads;
  groups: number;
}

/**
 * Checks an image x [N, spatial..., C] against a kernel [k..., C/groups, F] (Keras layout) and
 * returns the spatial rank. Shared with convTranspose, whose kernel is the same tensor seen from
 * the other side ([k..., out/groups, in], its output being the image).
 */
export function checkConvOperands(op: string, x: TensorMeta, w: TensorMeta, a: ConvAttrs, channelsPerGroup: number): number {
  const r = spatialRank(op, x);
  if (w.shape.length !== r + 2) {
    throw new OpError(op, `the kernel must have rank ${r + 2} ([k..., channels, channels]) for an input of rank ${r + 2}. Received: input ${fmtShape(x.shape)}, kernel ${fmtShape(w.shape)}`);
  }
  if (x.dtype !== w.dtype) throw new OpError(op, `input and kernel must have the same dtype. Received: ${x.dtype} and ${w.dtype}`);
  if (x.dtype === 'bool') throw new OpError(op, 'inputs must be numeric. Received: dtype bool');
  if (!Number.isInteger(a.groups) || a.groups < 1) throw new OpError(op, `groups must be a positive integer. Received: groups=${a.groups}`);
  checkWindowAttrs(op, { kernelSize: w.shape.slice(0, r), strides: a.strides, dilations: a.dilations, padding: a.padding }, r);
  const c = x.shape[r + 1]!;
  if (c % a.groups !== 0 || channelsPerGroup !== c / a.groups) {
    throw new OpError(op, `the input's ${c} channels split into ${a.groups} group(s) must match the kernel's per-group input channels (${channelsPerGroup}). Received: input ${fmtShape(x.shape)}, kernel ${fmtShape(w.shape)}, groups=${a.groups}`);
  }
  return r;
}

function infer([x, w]: readonly TensorMeta[], a: ConvAttrs): TensorMeta {
  const r = checkConvOperands('conv', x!, w!, a, w!.shape[w!.shape.length - 2]!);
  const f = w!.shape[r + 1]!;
  if (f % a.groups !== 0) {
    throw new OpError('conv', `the kernel's ${f} output channels must divide into ${a.groups} groups. Received: kernel ${fmtShape(w!.shape)}`);
  }
  const grid = windowOutputShape('conv', x!.shape.slice(1, 1 + r), { kernelSize: w!.shape.slice(0, r), strides: a.strides, dilations: a.dilations, padding: a.padding });
  return { shape: [x!.shape[0]!, ...grid, f], dtype: x!.dtype };
}

/**
 * N-d convolution (cross-correlation, as in every DL library), channels-last:
 * x [N, spatial..., C] ⋆ w [k..., C/groups, F] → [N, out..., F].
 * Reference kernel: im2col of a chunk of window positions, then one gemm per group; with
 * channels-last data the gemm writes the output rows directly.
 */
export const convOp: OpDef<ConvAttrs> = defineOp<ConvAttrs>({
  name: 'conv',
  infer,
  kernel: ([x, w], a, out) => {
    const r = a.strides.length;
    const kernelSize = w!.shape.slice(0, r);
    const g = geom3(x!.shape, out.shape.slice(1, 1 + r), { kernelSize, strides: a.strides, dilations: a.dilations, padding: a.padding });
    const groups = a.groups;
    const cg = g.c / groups;
    const f = out.shape[r + 1]!;
    const fg = f / groups;
    const kc = sizeOf(kernelSize) * cg;
    const total = positions(g);
    const res = allocate(out.dtype, sizeOf(out.shape));
    if (cg === 1 && groups > 1) {
      // Depthwise: im2col over all channels, then per-channel dot products.
      const kp = sizeOf(kernelSize);
      const chunkD = chunkRows(kp * g.c, total);
      const colsD = allocate(x!.dtype, chunkD * kp * g.c);
      for (let m0 = 0; m0 < total; m0 += chunkD) {
        const rows = Math.min(chunkD, total - m0);
        im2col(x!.data, g, colsD, m0, rows, 0, g.c, 0);
        depthwiseRows(colsD, rows, kp, g.c, fg, w!.data, res, m0 * f);
      }
      return res;
    }
    const chunk = chunkRows(kc, total);
    const cols = allocate(x!.dtype, chunk * kc);
    const tmp = groups > 1 ? allocate(out.dtype, chunk * fg) : res;
    for (let m0 = 0; m0 < total; m0 += chunk) {
      const rows = Math.min(chunk, total - m0);
      for (let gi = 0; gi < groups; gi++) {
        im2col(x!.data, g, cols, m0, rows, gi * cg, cg, 0);
        gemm({
          m: rows, n: fg, k: kc,
          a: cols, aOffset: 0, aRowStride: kc, aColStride: 1,
          b: w!.data, bOffset: gi * fg, bRowStride: f, bColStride: 1,
          c: tmp, cOffset: groups > 1 ? 0 : m0 * f,
        });
        if (groups > 1) {
          // Scatter this group's block of output channels into place.
          for (let i = 0; i < rows; i++) {
            const dst = (m0 + i) * f + gi * fg;
            const src = i * fg;
            for (let j = 0; j < fg; j++) res[dst + j] = tmp[src + j]!;
          }
        }
      }
    }
    return res;
  },
  // Each output cell sums kernel cells × input channels per group: all of w but its last axis.
  cost: ([, w]) => sizeOf(w!.shape) / w!.shape[w!.shape.length - 1]!,
  vjp: (g, [x, w], _y, a) => {
    const r = a.strides.length;
    const window = { kernelSize: w!.shape.slice(0, r), strides: a.strides, dilations: a.dilations, padding: a.padding };
    const dx = applyOp(convTransposeOp, [g, w!], { ...a, outputShape: x!.shape.slice(1, 1 + r) });
    const dw = filterGrad(x!, g, window, a.groups);
    return [dx, dw];
  },
  // im2col (one Gather) and one MatMul, channels-last throughout: with weights fed as inputs ORT's
  // Conv gets no NCHWc rewrite and ran at half this speed (plus the layout transposes). Grouped
  // float32 convolutions and very large im2col matrices use ORT's Conv (depthwise kernels, per-image
  // im2col); other dtypes always take the MatMul route (ORT's Conv is float32-only).
  onnx: (ctx, [x, w], a, [xm, wm], out) => {
    const r = a.strides.length;
    const kernelSize = wm!.shape.slice(0, r);
    const c = xm!.shape[r + 1]!;
    const f = out.shape[r + 1]!;
    if (xm!.dtype === 'float32' && (a.groups > 1 || (sizeOf(out.shape) / f) * sizeOf(kernelSize) * c > MAX_IM2COL)) {
      const y = ctx.node('Conv', [channelsFirst(ctx, x!, r), onnxKernel(ctx, w!, r)], {
        strides: [...a.strides], dilations: [...a.dilations], pads: onnxPads(a.padding), group: a.groups,
      });
      return channelsLast(ctx, y, r);
    }
    const window = { kernelSize, strides: a.strides, dilations: a.dilations, padding: a.padding };
    const patches = gatherPatches(ctx, x!, xm!.shape, xm!.dtype, out.shape.slice(1, 1 + r), window, 0);
    return ctx.node('Reshape', [groupedMatMul(ctx, patches, w!, sizeOf(kernelSize), c, f, a.groups), ctx.ints(out.shape)]);
  },
});

/** patches [..., kp, C] · kernel [kp, C/groups, F] per group → [M, F] (M = window positions). */
function groupedMatMul(ctx: OnnxContext, patches: string, w: string, kp: number, c: number, f: number, groups: number): string {
  const cg = c / groups;
  const fg = f / groups;
  if (groups === 1) return ctx.node('MatMul', [ctx.node('Reshape', [patches, ctx.ints([-1, kp * c])]), ctx.node('Reshape', [w, ctx.ints([kp * c, f])])]);
  const p = ctx.node('Transpose', [ctx.node('Reshape', [patches, ctx.ints([-1, kp, groups, cg])])], { perm: [2, 0, 1, 3] });
  const k = ctx.node('Transpose', [ctx.node('Reshape', [w, ctx.ints([kp, cg, groups, fg])])], { perm: [2, 0, 1, 3] });
  const y = ctx.node('MatMul', [ctx.node('Reshape', [p, ctx.ints([groups, -1, kp * cg])]), ctx.node('Reshape', [k, ctx.ints([groups, kp * cg, fg])])]);
  return ctx.node('Transpose', [y], { perm: [1, 0, 2] });
}

export interface ConvOptions {
  /** Step of the window along each spatial axis. Default 1. */
  strides?: number | readonly number[];
  /** 'valid' (default), 'same' (TF/Keras rule), 'causal' (1D), a number, or [[before, after], ...]. */
  padding?: PaddingArg;
  /** Spacing between kernel cells (atrous convolution). Default 1. */
  dilations?: number | readonly number[];
  /** Channel groups; groups = C with a kernel [k..., 1, C·m] is a depthwise convolution. */
  groups?: number;
}

/** The public entry shared by conv, conv1d, conv2d and conv3d (`op` names the caller in errors). */
export function convWith(op: string, x: TensorLike, w: TensorLike, opts: ConvOptions, rank?: number): Tensor {
  const [xt, wt] = binaryOperands(x, w);
  const r = spatialRank(op, xt, rank);
  if (wt.rank !== r + 2) {
    throw new OpError(op, `the kernel must be [k..., in/groups, out] of rank ${r + 2}. Received: input ${fmtShape(xt.shape)}, kernel ${fmtShape(wt.shape)}`);
  }
  const kernelSize = wt.shape.slice(0, r);
  const strides = tuple(op, 'strides', opts.strides, r, 1);
  const dilations = tuple(op, 'dilations', opts.dilations, r, 1);
  const padding = resolvePadding(op, opts.padding, xt.shape.slice(1, -1), kernelSize, strides, dilations);
  const groups = opts.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new OpError(op, `groups must be a positive integer. Received: groups=${groups}`);
  return applyOp(convOp, [xt, wt], { strides, dilations, padding, groups });
}

/** Convolution over 1 to 3 spatial axes: x [N, spatial..., C], w [k..., C/groups, F] → [N, out..., F]. */
export function conv(x: TensorLike, w: TensorLike, opts: ConvOptions = {}): Tensor {
  return convWith('conv', x, w, opts);
}

/** 1D convolution: x [N, W, C], w [kw, C/groups, F]. */
export function conv1d(x: TensorLike, w: TensorLike, opts: ConvOptions = {}): Tensor {
  return convWith('conv1d', x, w, opts, 1);
}

/** 2D convolution: x [N, H, W, C], w [kh, kw, C/groups, F]. */
export function conv2d(x: TensorLike, w: TensorLike, opts: ConvOptions = {}): Tensor {
  return convWith('conv2d', x, w, opts, 2);
}

/** 3D convolution: x [N, D, H, W, C], w [kd, kh, kw, C/groups, F]. */
export function conv3d(x: TensorLike, w: TensorLike, opts: ConvOptions = {}): Tensor {
  return convWith('conv3d', x, w, opts, 3);
}
