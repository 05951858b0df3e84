import * as tsr from '../../src/index.js';
import type { OpCase } from '../helpers/test-op.js';
import { naiveConv, naiveConvTranspose, naivePool, naiveResize2d, samePads, type Geo } from './conv.reference.js';

const iota = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => i + from);
const geo = (r: number, o: Partial<Geo> = {}): Geo => ({
  strides: o.strides ?? new Array<number>(r).fill(1),
  dilations: o.dilations ?? new Array<number>(r).fill(1),
  pads: o.pads ?? new Array<number>(r).fill(0).map(() => [0, 0]),
  groups: o.groups ?? 1,
});
const tol = { atol: 1e-4, rtol: 1e-4 };

/** A conv case checked against the naive reference (and gradient-checked). */
function convCase(name: string, xs: number[], ws: number[], opts: tsr.ConvOptions, g: Geo): OpCase {
  return {
    name, ...tol,
    fn: (x, w) => tsr.conv(x!, w!, opts),
    inputs: [xs, ws],
    reference: (x, w) => naiveConv(x!.data, x!.shape, w!.data, w!.shape, g),
  };
}

function convTCase(name: string, xs: number[], ws: number[], opts: tsr.ConvTransposeOptions, g: Geo, outSpatial: number[]): OpCase {
  return {
    name, ...tol,
    fn: (x, w) => tsr.convTranspose(x!, w!, opts),
    inputs: [xs, ws],
    expectedShape: [xs[0]!, ...outSpatial, ws[ws.length - 2]! * g.groups],
    reference: (x, w) => naiveConvTranspose(x!.data, x!.shape, w!.data, w!.shape, g, outSpatial),
  };
}

function poolCase(kind: 'max' | 'avg', name: string, xs: number[], pool: number[], strides: number[], padding: 'valid' | 'same', includePad = false): OpCase {
  const spatial = xs.slice(1, -1);
  const pads = padding === 'same' ? samePads(spatial, pool, strides, pool.map(() => 1)) : spatial.map(() => [0, 0]);
  const opts = { poolSize: pool, strides, padding, countIncludePad: includePad };
  return {
    name, ...tol,
    fn: (x) => (kind === 'max' ? tsr.maxPool(x!, opts) : tsr.avgPool(x!, opts)),
    inputs: [xs],
    reference: (x) => naivePool(x!.data, x!.shape, kind, pool, strides, pads, includePad),
  };
}

function resizeCase(name: string, xs: number[], size: number[], opts: tsr.ResizeOptions): OpCase {
  const align = opts.alignCorners ?? false;
  const half = opts.halfPixelCenters ?? !align;
  const method = opts.method ?? 'bilinear';
  // 1-D resizes are checked as 2-D resizes of height 1.
  const as2d = (s: readonly number[]): number[] => (s.length === 3 ? [s[0]!, 1, s[1]!, s[2]!] : [...s]);
  return {
    name, ...tol,
    fn: (x) => tsr.resize(x!, size, opts),
    inputs: [xs],
    reference: (x) => naiveResize2d(x!.data, as2d(x!.shape), size.length === 1 ? [1, size[0]!] : size, method, align, half),
  };
}

export const convCases: OpCase[] = [
  // ---- hand-computed values -------------------------------------------------------------
  { name: 'conv1d hand', fn: (x, w) => tsr.conv1d(x!, w!), inputs: [{ values: [1, 2, 3, 4], shape: [1, 4, 1] }, { values: [1, 2], shape: [2, 1, 1] }], expected: [5, 8, 11], expectedShape: [1, 3, 1] },
  { name: 'conv2d hand diagonal kernel', fn: (x, w) => tsr.conv2d(x!, w!), inputs: [{ values: iota(9), shape: [1, 3, 3, 1] }, { values: [1, 0, 0, 1], shape: [2, 2, 1, 1] }], expected: [6, 8, 12, 14] },
  { name: 'conv2d hand same 3x3 ones', fn: (x, w) => tsr.conv2d(x!, w!, { padding: 'same' }), inputs: [{ values: iota(9), shape: [1, 3, 3, 1] }, { values: new Array(9).fill(1), shape: [3, 3, 1, 1] }], expected: [12, 21, 16, 27, 45, 33, 24, 39, 28] },
  { name: 'conv2d int32', fn: (x, w) => tsr.conv2d(x!, w!), inputs: [{ values: iota(9), shape: [1, 3, 3, 1], dtype: 'int32' }, { values: [1, 0, 0, -1], shape: [2, 2, 1, 1], dtype: 'int32' }], expected: [-4, -4, -4, -4], expectedDtype: 'int32', grad: false },
  { name: 'conv2dTranspose hand stride 2', fn: (x, w) => tsr.conv2dTranspose(x!, w!, { strides: 2 }), inputs: [{ values: [1, 2, 3, 4], shape: [1, 2, 2, 1] }, { values: [1, 1, 1, 1], shape: [2, 2, 1, 1] }], expected: [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4] },
  { name: 'conv2dTranspose hand stride 1', fn: (x, w) => tsr.conv2dTranspose(x!, w!), inputs: [{ values: [1, 2, 3, 4], shape: [1, 2, 2, 1] }, { values: [1, 1, 1, 1], shape: [2, 2, 1, 1] }], expected: [1, 3, 2, 4, 10, 6, 3, 7, 4] },
  { name: 'maxPool2d hand', fn: (x) => tsr.maxPool2d(x!), inputs: [{ values: iota(16), shape: [1, 4, 4, 1] }], expected: [6, 8, 14, 16] },
  { name: 'maxPool2d int32', fn: (x) => tsr.maxPool2d(x!, { padding: 'same' }), inputs: [{ values: [-5, -3, -7, -1, -2, -9, -4, -8, -6], shape: [1, 3, 3, 1], dtype: 'int32' }], expected: [-1, -7, -4, -6], expectedDtype: 'int32', grad: false },
  { name: 'avgPool2d hand same excludes padding', fn: (x) => tsr.avgPool2d(x!, { padding: 'same' }), inputs: [{ values: iota(9), shape: [1, 3, 3, 1] }], expected: [3, 4.5, 7.5, 9] },
  { name: 'avgPool2d same countIncludePad', fn: (x) => tsr.avgPool2d(x!, { padding: 'same', countIncludePad: true }), inputs: [{ values: iota(9), shape: [1, 3, 3, 1] }], expected: [3, 2.25, 3.75, 2.25] },
  { name: 'avgPool1d int32 gives float32', fn: (x) => tsr.avgPool1d(x!), inputs: [{ values: [1, 2, 3, 6], shape: [1, 4, 1], dtype: 'int32' }], expected: [1.5, 4.5], expectedDtype: 'float32', grad: false },
  { name: 'globalAvgPool hand', fn: (x) => tsr.globalAvgPool(x!), inputs: [{ values: iota(8), shape: [1, 2, 2, 2] }], expected: [[4, 5]] },
  { name: 'globalMaxPool hand keepDims', fn: (x) => tsr.globalMaxPool(x!, true), inputs: [{ values: [3, -1, 7, 2, 5, 0], shape: [1, 3, 2] }], expected: [[[7, 2]]], expectedShape: [1, 1, 2] },
  { name: 'extractPatches hand', fn: (x) => tsr.extractPatches(x!, { kernelSize: 2 }), inputs: [{ values: iota(9), shape: [1, 3, 3, 1] }], expectedShape: [1, 2, 2, 2, 2, 1], expected: [1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9] },
  { name: 'extractPatches padValue', fn: (x) => tsr.extractPatches(x!, { kernelSize: 3, padding: 'same', padValue: -1 }), inputs: [{ values: [1, 2], shape: [1, 2, 1] }], expected: [-1, 1, 2, 1, 2, -1], grad: false },
  { name: 'patchesToImage hand overlap counts', fn: (p) => tsr.patchesToImage(p!, [3, 3]), inputs: [{ values: new Array(16).fill(1), shape: [1, 2, 2, 2, 2, 1] }], expected: [1, 2, 1, 2, 4, 2, 1, 2, 1] },
  { name: 'resize bilinear hand 2x2→4x4', fn: (x) => tsr.resize(x!, [4, 4]), inputs: [{ values: [1, 2, 3, 4], shape: [1, 2, 2, 1] }], expected: [1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4] },
  { name: 'resize nearest hand 2x2→4x4', fn: (x) => tsr.resize(x!, [4, 4], { method: 'nearest' }), inputs: [{ values: [1, 2, 3, 4], shape: [1, 2, 2, 1] }], expected: [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4] },
  { name: 'resize 1d alignCorners hand', fn: (x) => tsr.resize(x!, 3, { alignCorners: true }), inputs: [{ values: [1, 2], shape: [1, 2, 1] }], expected: [1, 1.5, 2] },
  { name: 'resize nearest int32 keeps dtype', fn: (x) => tsr.resize(x!, [1, 3], { method: 'nearest', halfPixelCenters: false }), inputs: [{ values: [5, 7], shape: [1, 1, 2, 1], dtype: 'int32' }], expected: [5, 5, 7], expectedDtype: 'int32', grad: false },

  // ---- convolution: naive reference + gradient check ---------------------------------------
  convCase('conv1d stride 2 dilation 2 same', [2, 9, 3], [3, 3, 4], { strides: 2, dilations: 2, padding: 'same' }, geo(1, { strides: [2], dilations: [2], pads: samePads([9], [3], [2], [2]) })),
  convCase('conv1d causal', [1, 6, 2], [3, 2, 2], { padding: 'causal', dilations: 2 }, geo(1, { dilations: [2], pads: [[4, 0]] })),
  convCase('conv2d valid', [2, 5, 5, 3], [3, 3, 3, 4], {}, geo(2)),
  convCase('conv2d same stride 2', [1, 6, 5, 2], [3, 2, 2, 3], { strides: 2, padding: 'same' }, geo(2, { strides: [2, 2], pads: samePads([6, 5], [3, 2], [2, 2], [1, 1]) })),
  convCase('conv2d dilation + explicit pads + strides', [1, 7, 6, 2], [2, 3, 2, 2], { dilations: [2, 1], strides: [1, 2], padding: [[1, 2], [0, 1]] }, geo(2, { dilations: [2, 1], strides: [1, 2], pads: [[1, 2], [0, 1]] })),
  convCase('conv2d groups 2', [1, 5, 5, 4], [3, 3, 2, 6], { groups: 2, padding: 'same' }, geo(2, { groups: 2, pads: [[1, 1], [1, 1]] })),
  convCase('conv2d depthwise multiplier 2', [2, 5, 4, 3], [3, 3, 1, 6], { groups: 3, strides: 2 }, geo(2, { groups: 3, strides: [2, 2] })),
  convCase('conv2d depthwise same', [1, 4, 4, 3], [3, 3, 1, 3], { groups: 3, padding: 'same' }, geo(2, { groups: 3, pads: [[1, 1], [1, 1]] })),
  convCase('conv3d strides same', [1, 4, 5, 4, 2], [2, 3, 2, 2, 3], { strides: [1, 2, 1], padding: 'same' }, geo(3, { strides: [1, 2, 1], pads: samePads([4, 5, 4], [2, 3, 2], [1, 2, 1], [1, 1, 1]) })),
  convCase('conv3d groups dilation', [1, 5, 4, 4, 4], [2, 2, 2, 2, 4], { groups: 2, dilations: [2, 1, 2] }, geo(3, { groups: 2, dilations: [2, 1, 2] })),

  // ---- transposed convolution --------------------------------------------------------------
  convTCase('conv1dTranspose stride 3 valid (Keras length)', [2, 4, 3], [2, 2, 3], { strides: 3 }, geo(1, { strides: [3] }), [12]),
  convTCase('conv2dTranspose stride 2 same', [1, 3, 3, 2], [3, 3, 4, 2], { strides: 2, padding: 'same' }, geo(2, { strides: [2, 2], pads: samePads([6, 6], [3, 3], [2, 2], [1, 1]) }), [6, 6]),
  convTCase('conv2dTranspose pads + outputPadding (PyTorch style)', [1, 3, 4, 2], [3, 2, 3, 2], { strides: [2, 3], padding: [[1, 1], [0, 0]], outputPadding: [1, 2] }, geo(2, { strides: [2, 3], pads: [[1, 1], [0, 0]] }), [6, 13]),
  convTCase('conv2dTranspose dilation groups 2', [1, 3, 3, 4], [2, 2, 3, 4], { dilations: 2, groups: 2 }, geo(2, { dilations: [2, 2], groups: 2 }), [5, 5]),
  convTCase('conv2dTranspose depthwise-like groups', [1, 3, 3, 3], [2, 2, 1, 3], { strides: 2, groups: 3 }, geo(2, { strides: [2, 2], groups: 3 }), [6, 6]),
  // Unit strides lower as a convolution with the flipped kernel (conv-transpose.ts): padding, dilation, 1D/3D.
  convTCase('conv2dTranspose stride 1 same dilation 2', [2, 5, 4, 3], [3, 3, 2, 3], { padding: 'same', dilations: 2 }, geo(2, { dilations: [2, 2], pads: samePads([5, 4], [3, 3], [1, 1], [2, 2]) }), [5, 4]),
  convTCase('conv1dTranspose stride 1 uneven pads', [2, 6, 2], [4, 3, 2], { padding: [[2, 1]] }, geo(1, { pads: [[2, 1]] }), [6]),
  convTCase('conv3dTranspose stride 1 same', [1, 3, 4, 3, 2], [3, 3, 3, 4, 2], { padding: 'same' }, geo(3, { pads: samePads([3, 4, 3], [3, 3, 3], [1, 1, 1], [1, 1, 1]) }), [3, 4, 3]),
  convTCase('conv3dTranspose stride valid', [1, 2, 3, 2, 2], [2, 2, 3, 2, 2], { strides: [2, 1, 2] }, geo(3, { strides: [2, 1, 2] }), [4, 4, 5]),

  // ---- pooling ------------------------------------------------------------------------------
  poolCase('max', 'maxPool1d stride 1 overlapping', [2, 7, 3], [3], [1], 'valid'),
  poolCase('max', 'maxPool2d same stride 2', [2, 5, 5, 3], [2, 2], [2, 2], 'same'),
  poolCase('max', 'maxPool2d 3x3 stride 2 same', [1, 6, 7, 2], [3, 3], [2, 2], 'same'),
  poolCase('max', 'maxPool3d valid', [1, 4, 4, 5, 2], [2, 2, 2], [2, 2, 2], 'valid'),
  poolCase('max', 'maxPool2d tiled valid with a remainder row and column', [2, 5, 7, 3], [2, 2], [2, 2], 'valid'),
  poolCase('max', 'maxPool1d tiled pool 3', [2, 9, 2], [3], [3], 'valid'),
  poolCase('max', 'maxPool3d same', [1, 3, 4, 3, 2], [2, 3, 2], [2, 1, 2], 'same'),
  poolCase('avg', 'avgPool1d same', [2, 7, 2], [2], [2], 'same'),
  poolCase('avg', 'avgPool2d valid overlapping', [1, 5, 6, 3], [3, 2], [1, 2], 'valid'),
  poolCase('avg', 'avgPool2d same stride 2', [2, 5, 5, 2], [3, 3], [2, 2], 'same'),
  poolCase('avg', 'avgPool2d same countIncludePad', [1, 5, 4, 2], [3, 3], [2, 1], 'same', true),
  poolCase('avg', 'avgPool3d same', [1, 3, 4, 3, 2], [2, 2, 2], [2, 2, 2], 'same'),
  { name: 'globalAvgPool 3d', fn: (x) => tsr.globalAvgPool(x!), inputs: [[2, 2, 3, 2, 3]], expectedShape: [2, 3] },
  { name: 'globalMaxPool 2d', fn: (x) => tsr.globalMaxPool(x!), inputs: [[2, 3, 4, 3]], expectedShape: [2, 3], reference: (x) => naivePool(x!.data, x!.shape, 'max', [3, 4], [1, 1], [[0, 0], [0, 0]]) },

  // ---- patches ------------------------------------------------------------------------------
  { name: 'extractPatches 2d strides dilation same', fn: (x) => tsr.extractPatches(x!, { kernelSize: [2, 3], strides: [2, 1], dilations: [1, 2], padding: 'same' }), inputs: [[1, 5, 6, 2]], expectedShape: [1, 3, 6, 2, 3, 2] },
  { name: 'extractPatches 3d', fn: (x) => tsr.extractPatches(x!, { kernelSize: 2, strides: [1, 2, 1] }), inputs: [[1, 3, 4, 3, 2]], expectedShape: [1, 2, 2, 2, 2, 2, 2, 2] },
  { name: 'patchesToImage 1d strides padding', fn: (p) => tsr.patchesToImage(p!, [7], { strides: 2, padding: 'same' }), inputs: [[2, 4, 3, 2]], expectedShape: [2, 7, 2] },
  { name: 'patchesToImage 2d dilation', fn: (p) => tsr.patchesToImage(p!, [5, 5], { dilations: 2 }), inputs: [[1, 3, 3, 2, 2, 1]], expectedShape: [1, 5, 5, 1] },

  // ---- resize -------------------------------------------------------------------------------
  resizeCase('resize bilinear up half-pixel', [1, 3, 4, 2], [5, 7], {}),
  resizeCase('resize bilinear down half-pixel', [2, 6, 5, 2], [4, 2], {}),
  resizeCase('resize bilinear alignCorners', [1, 3, 4, 2], [5, 6], { alignCorners: true }),
  resizeCase('resize bilinear asymmetric', [1, 3, 4, 1], [5, 3], { halfPixelCenters: false }),
  resizeCase('resize nearest up half-pixel', [1, 3, 4, 2], [7, 5], { method: 'nearest' }),
  resizeCase('resize nearest down asymmetric', [1, 7, 5, 1], [3, 2], { method: 'nearest', halfPixelCenters: false }),
  resizeCase('resize nearest alignCorners', [1, 3, 4, 1], [5, 7], { method: 'nearest', alignCorners: true }),
  resizeCase('resize 1d bilinear', [2, 5, 2], [8], {}),
  { name: 'resize 3d bilinear', fn: (x) => tsr.resize(x!, [3, 4, 2]), inputs: [[1, 2, 3, 3, 2]], expectedShape: [1, 3, 4, 2, 2] },
  { name: 'resizeAdjoint bilinear', fn: (g) => tsr.resizeAdjoint(g!, [3, 2]), inputs: [[1, 5, 4, 2]], expectedShape: [1, 3, 2, 2] },
  { name: 'resizeAdjoint nearest', fn: (g) => tsr.resizeAdjoint(g!, [2, 3], { method: 'nearest' }), inputs: [{ values: iota(4 * 6), shape: [1, 4, 6, 1] }], expected: [1 + 2 + 7 + 8, 3 + 4 + 9 + 10, 5 + 6 + 11 + 12, 13 + 14 + 19 + 20, 15 + 16 + 21 + 22, 17 + 18 + 23 + 24] },
];
