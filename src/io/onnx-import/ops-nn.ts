/**
 * ONNX's neural-network operators on Tessera's: ONNX is channels-first (NCHW, weights
 * [F, C/g, k...]) and Tessera channels-last (NHWC, kernels [k..., C/g, F]), so convolution and
 * pooling transpose around the Tessera op. The transposes cost a little per call and keep one
 * definition (and gradient) of each convolution.
 */
import type { Tensor } from '../../core/tensor.js';
import * as ops from '../../ops/index.js';
import { normAxis, type OpContext, type OpImporter } from './context.js';

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
/** NC… → N…C and back. */
const toChannelsLast = (x: Tensor): Tensor => ops.transpose(x, [0, ...range(2, x.rank), 1]);
const toChannelsFirst = (x: Tensor): Tensor => ops.transpose(x, [0, x.rank - 1, ...range(1, x.rank - 1)]);

/** [[before, after], …] per spatial axis from ONNX's pads/auto_pad (SAME_UPPER puts the odd cell at the end). */
function padding(c: OpContext, spatial: readonly number[], kernel: readonly number[], strides: readonly number[], dilations: readonly number[]): [number, number][] {
  const r = spatial.length;
  const autoPad = c.string('auto_pad', 'NOTSET');
  if (autoPad === 'VALID') return spatial.map(() => [0, 0]);
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    return spatial.map((n, i) => {
      const out = Math.ceil(n / strides[i]!);
      const total = Math.max(0, (out - 1) * strides[i]! + (kernel[i]! - 1) * dilations[i]! + 1 - n);
      const small = Math.floor(total / 2);
      return autoPad === 'SAME_UPPER' ? [small, total - small] : [total - small, small];
    });
  }
  if (autoPad !== 'NOTSET') c.unsupported('auto_pad', autoPad, 'NOTSET, VALID, SAME_UPPER, SAME_LOWER');
  const pads = c.ints('pads') ?? new Array<number>(2 * r).fill(0);
  return range(0, r).map((i) => [pads[i]!, pads[i + r]!]);
}

function windowAttrs(c: OpContext, x: Tensor, kernel: readonly number[]) {
  const r = x.rank - 2;
  const strides = c.ints('strides') ?? new Array<number>(r).fill(1);
  const dilations = c.ints('dilations') ?? new Array<number>(r).fill(1);
  return { strides, dilations, padding: padding(c, x.shape.slice(2), kernel, strides, dilations) };
}

function conv(c: OpContext): Tensor {
  const x = c.x(0);
  const w = c.x(1);
  const r = x.rank - 2;
  const { strides, dilations, padding: pads } = windowAttrs(c, x, w.shape.slice(2));
  const kernel = ops.transpose(w, [...range(2, r + 2), 1, 0]); // [F, C/g, k…] → [k…, C/g, F]
  let y = ops.conv(toChannelsLast(x), kernel, { strides, dilations, padding: pads, groups: c.int('group', 1) });
  if (c.has(2)) y = ops.add(y, c.x(2));
  return toChannelsFirst(y);
}

function convTranspose(c: OpContext): Tensor {
  const x = c.x(0);
  const w = c.x(1);
  const r = x.rank - 2;
  if (c.int('group', 1) !== 1) c.unsupported('group', c.int('group', 1), 'group 1');
  if (c.ints('output_shape')) c.unsupported('output_shape', c.ints('output_shape'), 'pads and output_padding');
  const kernelShape = w.shape.slice(2);
  const strides = c.ints('strides') ?? new Array<number>(r).fill(1);
  const dilations = c.ints('dilations') ?? new Array<number>(r).fill(1);
  const autoPad = c.string('auto_pad', 'NOTSET');
  if (autoPad !== 'NOTSET' && autoPad !== 'VALID') c.unsupported('auto_pad', autoPad, 'NOTSET, VALID');
  const pads = c.ints('pads') ?? new Array<number>(2 * r).fill(0);
  const kernel = ops.transpose(w, [...range(2, r + 2), 1, 0]); // [C, F, k…] → [k…, F, C]
  let y = ops.convTranspose(toChannelsLast(x), kernel, {
    strides, dilations,
    padding: range(0, r).map((i) => [pads[i]!, pads[i + r]!] as [number, number]),
    outputPadding: c.ints('output_padding') ?? new Array<number>(r).fill(0),
  });
  if (kernelShape.length !== r) throw c.error(`the kernel has rank ${w.rank}; the input needs ${r + 2}`);
  if (c.has(2)) y = ops.add(y, c.x(2));
  return toChannelsFirst(y);
}

function pool(kind: 'max' | 'avg'): OpImporter {
  return (c) => {
    const x = c.x(0);
    const kernel = c.ints('kernel_shape');
    if (!kernel) throw c.error('kernel_shape is required');
    if (c.int('ceil_mode', 0) !== 0) c.unsupported('ceil_mode', 1, 'ceil_mode 0');
    if (c.node.outputs.length > 1 && c.node.outputs[1]) c.unsupported('outputs', 'Indices', 'MaxPool with one output');
    const { strides, dilations, padding: pads } = windowAttrs(c, x, kernel);
    if (dilations.some((d) => d !== 1)) c.unsupported('dilations', dilations, 'dilations 1');
    const xs = toChannelsLast(x);
    const opts = { poolSize: kernel, strides, padding: pads };
    const y = kind === 'max' ? ops.maxPool(xs, opts) : ops.avgPool(xs, { ...opts, countIncludePad: c.int('count_include_pad', 0) === 1 });
    return toChannelsFirst(y);
  };
}

function globalPool(kind: 'max' | 'avg'): OpImporter {
  return (c) => {
    const x = c.x(0);
    const axes = range(2, x.rank);
    return kind === 'max' ? ops.max(x, axes, true) : ops.mean(x, axes, true);
  };
}

function batchNormalization(c: OpContext): Tensor {
  const x = c.x(0);
  if (c.node.outputs.filter(Boolean).length > 1 || c.int('training_mode', 0) === 1) {
    c.unsupported('training_mode', 1, 'inference-mode batch normalization; fine-tuning keeps the running statistics');
  }
  // Parameters [C] broadcast over N C spatial… as [C, 1, …].
  const perChannel = (t: Tensor) => ops.reshape(t, [t.shape[0]!, ...new Array<number>(x.rank - 2).fill(1)]);
  return ops.batchNorm(x, perChannel(c.x(3)), perChannel(c.x(4)), perChannel(c.x(2)), perChannel(c.x(1)), c.float('epsilon', 1e-5));
}

function layerNormalization(c: OpContext): Tensor {
  const x = c.x(0);
  const axis = normAxis(c, c.int('axis', -1), x.rank);
  if (c.node.outputs.filter(Boolean).length > 1) c.unsupported('outputs', c.node.outputs, 'one output (Y)');
  return ops.layerNorm(x, c.x(1), c.has(2) ? c.x(2) : null, { axis: range(axis, x.rank), epsilon: c.float('epsilon', 1e-5) });
}

function gemm(c: OpContext): Tensor {
  let y = ops.matmul(c.x(0), c.x(1), { transposeA: c.int('transA', 0) === 1, transposeB: c.int('transB', 0) === 1 });
  const alpha = c.float('alpha', 1);
  if (alpha !== 1) y = ops.mul(y, alpha);
  if (c.has(2)) {
    const beta = c.float('beta', 1);
    y = ops.add(y, beta === 1 ? c.x(2) : ops.mul(c.x(2), beta));
  }
  return y;
}

export const NN_OPS: Record<string, OpImporter> = {
  Conv: conv,
  ConvTranspose: convTranspose,
  MaxPool: pool('max'),
  AveragePool: pool('avg'),
  GlobalMaxPool: globalPool('max'),
  GlobalAveragePool: globalPool('avg'),
  BatchNormalization: batchNormalization,
  LayerNormalization: layerNormalization,
  Gemm: gemm,
  MatMul: (c) => ops.matmul(c.x(0), c.x(1)),
};
