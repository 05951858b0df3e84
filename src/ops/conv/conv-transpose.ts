import { allocate } from '../../core/dtype.js';
import { applyOp } from '../../core/engine.js';
import { OpError, fmtShape } from '../../core/errors.js';
import { defineOp, type OpDef, type TensorMeta } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import type { Tensor, TensorLike } from '../../core/tensor.js';
import { gemm } from '../../backends/reference/gemm.js';
import { chunkRows, col2im, depthwiseColumns, positions } from '../../backends/reference/im2col.js';
import { binaryOperands } from '../define.js';
import { checkConvOperands, convOp, type ConvAttrs } from './conv.js';
import { filterGrad } from './filter-grad.js';
import { MAX_IM2COL, channelsFirst, channelsLast, col2imFromKernelRows, onnxKernel, onnxPads, scatterPatches, windowsOverlap } from './onnx-lowering.js';
import { effectiveKernel, geom3, resolvePadding, samePadding, spatialRank, tuple, windowOutputShape, type PaddingArg } from './geometry.js';

export interface ConvTransposeAttrs extends ConvAttrs {
  /** Spatial shape of the output: the input shape of the convolution this op is the adjoint of. */
  outputShape: readonly number[];
}

function infer([x, w]: readonly TensorMeta[], a: ConvTransposeAttrs): TensorMeta {
  const r = spatialRank('convTranspose', x!);
  const cin = x!.shape[r + 1]!;
  // Seen from the convolution it is the adjoint of, x is the output and w's last axis its channels.
  if (w!.shape.length === r + 2 && w!.shape[r + 1] !== cin) {
    throw new OpError('convTranspose', `the kernel [k..., out/groups, in] must have in = ${cin} (the input's channels). Received: input ${fmtShape(x!.shape)}, kernel ${fmtShape(w!.shape)}`);
  }
  if (!Number.isInteger(a.groups) || a.groups < 1 || cin % a.groups !== 0) {
    throw new OpError('convTranspose', `groups must be a positive integer dividing the input's ${cin} channels. Received: groups=${a.groups}`);
  }
  const outC = (w!.shape[r] ?? 0) * a.groups;
  if (!Array.isArray(a.outputShape) || a.outputShape.length !== r || a.outputShape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new OpError('convTranspose', `outputShape must hold ${r} positive integers. Received: outputShape=${JSON.stringify(a.outputShape)}`);
  }
  const image = { shape: [x!.shape[0]!, ...a.outputShape, outC], dtype: x!.dtype };
  checkConvOperands('convTranspose', image, w!, a, w!.shape[r]!);
  const window = { kernelSize: w!.shape.slice(0, r), strides: a.strides, dilations: a.dilations, padding: a.padding };
  const grid = windowOutputShape('convTranspose', a.outputShape, window);
  if (grid.some((d, i) => d !== x!.shape[1 + i])) {
    throw new OpError('convTranspose', `an output of spatial shape ${fmtShape(a.outputShape)} is convolved by this window into ${fmtShape(grid)} positions, not the input's ${fmtShape(x!.shape.slice(1, 1 + r))}. Received: strides ${fmtShape(a.strides)}, padding ${JSON.stringify(a.padding)}`);
  }
  return image;
}

/**
 * Transposed convolution: the adjoint of `conv` with respect to its input, with the same kernel
 * tensor. x [N, in..., Cin], w [k..., out/groups, Cin] (Keras Conv*DTranspose layout) →
 * [N, outputShape..., out]. Reference kernel: one gemm per group into window columns, then col2im.
 */
export const convTransposeOp: OpDef<ConvTransposeAttrs> = defineOp<ConvTransposeAttrs>({
  name: 'convTranspose',
  infer,
  kernel: ([x, w], a, out) => {
    const r = a.strides.length;
    const kernelSize = w!.shape.slice(0, r);
    // Geometry of the forward convolution: the output is its image, x its grid of positions.
    const g = geom3(out.shape, x!.shape.slice(1, 1 + r), { kernelSize, strides: a.strides, dilations: a.dilations, padding: a.padding });
    const groups = a.groups;
    const cin = x!.shape[r + 1]!;
    const ig = cin / groups;
    const og = w!.shape[r]!;
    const rowLen = sizeOf(kernelSize) * og;
    const wd = w!.data;
    const total = positions(g);
    const res = allocate(out.dtype, sizeOf(out.shape));
    if (og === 1 && groups > 1) {
      // Transposed depthwise (the gradient of a depthwise conv): per-channel products, col2im.
      const kp = sizeOf(kernelSize);
      const chunkD = chunkRows(kp * groups, total);
      const colsD = allocate(out.dtype, chunkD * kp * groups);
      for (let m0 = 0; m0 < total; m0 += chunkD) {
        const rows = Math.min(chunkD, total - m0);
        depthwiseColumns(x!.data, m0 * cin, rows, kp, groups, ig, wd, colsD);
        col2im(colsD, g, res, m0, rows, 0, groups);
      }
      return res;
    }
    // w[(k·og + o)·cin + gi·ig + i] rearranged as one [ig, rowLen] row-major matrix per group,
    // so the gemm streams it contiguously.
    const wt = allocate(w!.dtype, wd.length);
    for (let gi = 0; gi < groups; gi++) {
      for (let i = 0; i < ig; i++) {
        const dst = (gi * ig + i) * rowLen;
        const src = gi * ig + i;
        for (let q = 0; q < rowLen; q++) wt[dst + q] = wd[q * cin + src]!;
      }
    }
    const chunk = chunkRows(rowLen, total);
    const cols = allocate(out.dtype, chunk * rowLen);
    for (let m0 = 0; m0 < total; m0 += chunk) {
      const rows = Math.min(chunk, total - m0);
      for (let gi = 0; gi < groups; gi++) {
        gemm({
          m: rows, n: rowLen, k: ig,
          a: x!.data, aOffset: m0 * cin + gi * ig, aRowStride: cin, aColStride: 1,
          b: wt, bOffset: gi * ig * rowLen, bRowStride: rowLen, bColStride: 1,
          c: cols, cOffset: 0,
        });
        col2im(cols, g, res, m0, rows, gi * og, og);
      }
    }
    return res;
  },
  // Per output cell: kernel cells × input channels per group, thinned by the stride volume.
  cost: ([, w], a) => (sizeOf(w!.shape.slice(0, -2)) * (w!.shape[w!.shape.length - 1]! / a.groups)) / sizeOf(a.strides),
  vjp: (g, [x, w], _y, a) => {
    const r = a.strides.length;
    const attrs: ConvAttrs = { strides: a.strides, dilations: a.dilations, padding: a.padding, groups: a.groups };
    const dx = applyOp(convOp, [g, w!], attrs);
    // The kernel gradient is the conv kernel gradient with the roles of image and grid swapped.
    const dw = filterGrad(g, x!, { kernelSize: w!.shape.slice(0, r), strides: a.strides, dilations: a.dilations, padding: a.padding }, a.groups);
    return [dx, dw];
  },
  onnx: (ctx, [x, w], a, [xm, wm], out) => {
    const r = a.strides.length;
    const kernelSize = wm!.shape.slice(0, r);
    const groups = a.groups;
    const kp = sizeOf(kernelSize);
    const og = wm!.shape[r]!;
    if (xm!.dtype === 'float32' && (groups > 1 || (sizeOf(xm!.shape) / xm!.shape[r + 1]!) * kp * og > MAX_IM2COL)) {
      // ONNX's output length is (n-1)·s + k_eff - before - after + output_padding; output_padding
      // is the remainder that the window grid leaves uncovered at the end (< stride by infer).
      const outputPadding = a.outputShape.map((len, i) =>
        len - ((xm!.shape[1 + i]! - 1) * a.strides[i]! + effectiveKernel(kernelSize[i]!, a.dilations[i]!) - a.padding[i]![0]! - a.padding[i]![1]!));
      const y = ctx.node('ConvTranspose', [channelsFirst(ctx, x!, r), onnxKernel(ctx, w!, r)], {
        strides: [...a.strides], dilations: [...a.dilations], pads: onnxPads(a.padding), group: a.groups, output_padding: outputPadding,
      });
      return channelsLast(ctx, y, r);
    }
    // The window columns x · wᵀ (one MatMul per group), then col2im: as fast as the ONNX op's own
    // gemm + col2im without its layout transposes, and for every dtype (ConvTranspose is float32-only).
    const cin = xm!.shape[r + 1]!;
    const ig = cin / groups;
    const grid = xm!.shape.slice(1, 1 + r);
    const pShape = [xm!.shape[0]!, ...grid, ...kernelSize, groups * og];
    const window = { kernelSize, strides: a.strides, dilations: a.dilations, padding: a.padding };
    if (groups === 1 && windowsOverlap(window)) {
      // Kernel rows straight from one MatMul: the input as [G + 1, N, Cin] (a zero block appended:
      // small, it is the input) times the kernel per cell [KP, Cin, og] gives [KP, G + 1, N, og],
      // the layout col2im sums in without moving the KP-times larger columns (Conv3D's input
      // gradient, 2 threads: 38 ms as MatMul + Transpose + a racy ScatterND, 29 ms this way).
      const g = sizeOf(grid);
      const xt = ctx.node('Transpose', [ctx.node('Reshape', [x!, ctx.ints([-1, g, cin])])], { perm: [1, 0, 2] });
      const xz = ctx.node('Reshape', [ctx.node('Pad', [xt, ctx.ints([0, 0, 0, 1, 0, 0])]), ctx.ints([-1, cin])]);
      const wk = ctx.node('Transpose', [ctx.node('Reshape', [w!, ctx.ints([kp, og, cin])])], { perm: [0, 2, 1] });
      return col2imFromKernelRows(ctx, ctx.node('MatMul', [xz, wk]), og, grid, a.outputShape, window);
    }
    let patches: string;
    if (groups === 1) {
      const wt = ctx.node('Transpose', [ctx.node('Reshape', [w!, ctx.ints([kp * og, cin])])], { perm: [1, 0] });
      patches = ctx.node('Reshape', [ctx.node('MatMul', [ctx.node('Reshape', [x!, ctx.ints([-1, cin])]), wt]), ctx.ints(pShape)]);
    } else {
      const xs = ctx.node('Transpose', [ctx.node('Reshape', [x!, ctx.ints([-1, groups, ig])])], { perm: [1, 0, 2] });
      const ws = ctx.node('Transpose', [ctx.node('Reshape', [w!, ctx.ints([kp, og, groups, ig])])], { perm: [2, 3, 0, 1] });
      const cols = ctx.node('MatMul', [xs, ctx.node('Reshape', [ws, ctx.ints([groups, ig, kp * og])])]);
      const perm = ctx.node('Transpose', [ctx.node('Reshape', [cols, ctx.ints([groups, -1, kp, og])])], { perm: [1, 2, 0, 3] });
      patches = ctx.node('Reshape', [perm, ctx.ints(pShape)]);
    }
    return scatterPatches(ctx, patches, pShape, a.outputShape, window);
  },
});

export interface ConvTransposeOptions {
  strides?: number | readonly number[];
  /** 'valid' (default), 'same', a number or [[before, after], ...]: the padding of the matching convolution. */
  padding?: Exclude<PaddingArg, 'causal'>;
  /** Extra cells at the end of each output axis (each < its stride); default: Keras's output-size rule. */
  outputPadding?: number | readonly number[];
  dilations?: number | readonly number[];
  groups?: number;
}

/** The public entry shared by convTranspose and its 1D/2D/3D forms. */
export function convTransposeWith(op: string, x: TensorLike, w: TensorLike, opts: ConvTransposeOptions, rank?: number): Tensor {
  const [xt, wt] = binaryOperands(x, w);
  const r = spatialRank(op, xt, rank);
  if (wt.rank !== r + 2) {
    throw new OpError(op, `the kernel must be [k..., out/groups, in] of rank ${r + 2}. Received: input ${fmtShape(xt.shape)}, kernel ${fmtShape(wt.shape)}`);
  }
  const kernelSize = wt.shape.slice(0, r);
  const strides = tuple(op, 'strides', opts.strides, r, 1);
  const dilations = tuple(op, 'dilations', opts.dilations, r, 1);
  const groups = opts.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) throw new OpError(op, `groups must be a positive integer. Received: groups=${groups}`);
  const outputPadding = opts.outputPadding === undefined ? null : tuple(op, 'outputPadding', opts.outputPadding, r, 0, 0);
  outputPadding?.forEach((p, i) => {
    if (p >= strides[i]!) {
      throw new OpError(op, `outputPadding must be smaller than the stride on each axis. Received: outputPadding=${fmtShape(outputPadding)}, strides=${fmtShape(strides)}`);
    }
  });
  const padding = opts.padding ?? 'valid';
  if ((padding as string) === 'causal') throw new OpError(op, `padding must be 'valid', 'same', a number or [before, after] pairs. Received: padding='causal'`);
  const input = xt.shape.slice(1, -1);
  // Output sizes by Keras's rule (deconv_output_length), then the padding of the convolution
  // that maps such an output back onto the input (for 'same', TF's rule applied to the output).
  const explicit = padding === 'valid' || padding === 'same' ? null : resolvePadding(op, padding, input, kernelSize, strides, dilations);
  const outputShape = input.map((n, i) => {
    const s = strides[i]!;
    const keff = effectiveKernel(kernelSize[i]!, dilations[i]!);
    const extra = outputPadding?.[i];
    if (explicit) return (n - 1) * s + keff - explicit[i]![0]! - explicit[i]![1]! + (extra ?? 0);
    if (extra === undefined) return padding === 'valid' ? n * s + Math.max(keff - s, 0) : n * s;
    const pad = padding === 'valid' ? 0 : Math.floor(keff / 2);
    return (n - 1) * s + keff - 2 * pad + extra;
  });
  if (outputShape.some((d) => d < 1)) {
    throw new OpError(op, `the padding leaves no output (output spatial shape ${fmtShape(outputShape)}). Received: input ${fmtShape(xt.shape)}, kernel ${fmtShape(wt.shape)}, padding ${JSON.stringify(padding)}`);
  }
  const pads = explicit ?? outputShape.map((L, i) => (padding === 'valid' ? [0, 0] : samePadding(L, kernelSize[i]!, strides[i]!, dilations[i]!)));
  return applyOp(convTransposeOp, [xt, wt], { strides, dilations, padding: pads, groups, outputShape });
}

/**
 * Transposed convolution (Keras Conv*DTranspose): x [N, in..., Cin], w [k..., out/groups, Cin]
 * → [N, out..., out]. The adjoint of conv(·, w) with the same strides, padding and dilations.
 */
export function convTranspose(x: TensorLike, w: TensorLike, opts: ConvTransposeOptions = {}): Tensor {
  return convTransposeWith('convTranspose', x, w, opts);
}

export function conv1dTranspose(x: TensorLike, w: TensorLike, opts: ConvTransposeOptions = {}): Tensor {
  return convTransposeWith('conv1dTranspose', x, w, opts, 1);
}

export function conv2dTranspose(x: TensorLike, w: TensorLike, opts: ConvTransposeOptions = {}): Tensor {
  return convTransposeWith('conv2dTranspose', x, w, opts, 2);
}

export function conv3dTranspose(x: TensorLike, w: TensorLike, opts: ConvTransposeOptions = {}): Tensor {
  return convTransposeWith('conv3dTranspose', x, w, opts, 3);
}
