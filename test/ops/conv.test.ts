import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { expectClose, makeInput, rng, testOps } from '../helpers/test-op.js';
import { convCases } from './conv.cases.js';
import { naiveConv, naiveConvTranspose, type Geo } from './conv.reference.js';

describe('conv ops', () => testOps(convCases));

const rand = (shape: number[], seed = 7, dtype: tsr.DType = 'float64'): tsr.Tensor => makeInput({ shape, dtype }, rng(seed));
const dot = (a: tsr.Tensor, b: tsr.Tensor): number => tsr.sum(tsr.mul(a, b)).item();
const values = (t: tsr.Tensor): number[] => Array.from(t.dataSync() as Float64Array);

describe('adjoint pairs: <A x, y> = <x, Aᵀ y>', () => {
  it('conv / convTranspose (strides, same padding, dilation, groups, outputPadding)', () => {
    // Configurations where the transposed convolution's output size is x's size.
    const configs: [number[], number[], tsr.ConvTransposeOptions][] = [
      [[2, 7, 3], [3, 3, 4], { strides: 2, padding: [[1, 1]] }],
      [[2, 8, 3], [3, 3, 4], { strides: 2, padding: 'same' }],
      [[1, 6, 7, 4], [3, 2, 2, 6], { strides: [2, 3], dilations: [1, 2], groups: 2, padding: [[1, 0], [2, 1]], outputPadding: [0, 1] }],
      [[1, 5, 6, 4, 2], [2, 3, 2, 2, 3], { strides: [1, 2, 2], padding: 'same' }],
    ];
    for (const [xs, ws, opts] of configs) {
      const x = rand(xs, 1);
      const w = rand(ws, 2);
      const { outputPadding: _, ...convOpts } = opts;
      const y = tsr.conv(x, w, convOpts as tsr.ConvOptions);
      const g = rand([...y.shape], 3);
      const back = tsr.convTranspose(g, w, opts);
      expect(back.shape).toEqual(x.shape);
      expect(dot(y, g)).toBeCloseTo(dot(x, back), 8);
    }
  });

  it('extractPatches / patchesToImage', () => {
    const x = rand([2, 5, 6, 3], 4);
    const opts = { kernelSize: [3, 2], strides: [2, 1], dilations: [1, 2], padding: 'same' as const };
    const p = tsr.extractPatches(x, opts);
    const q = rand([...p.shape], 5);
    expect(dot(p, q)).toBeCloseTo(dot(x, tsr.patchesToImage(q, [5, 6], opts)), 8);
  });

  it('resize / resizeAdjoint for every method and coordinate rule', () => {
    const x = rand([1, 4, 5, 2], 6);
    for (const opts of [{}, { alignCorners: true }, { halfPixelCenters: false }, { method: 'nearest' as const }, { method: 'nearest' as const, alignCorners: true }]) {
      for (const size of [[7, 3], [2, 9]]) {
        const y = tsr.resize(x, size, opts);
        const g = rand([...y.shape], 8);
        expect(dot(y, g)).toBeCloseTo(dot(x, tsr.resizeAdjoint(g, [4, 5], opts)), 8);
      }
    }
  });
});

describe('kernels over many chunks match the naive reference', () => {
  const geo = (o: Partial<Geo>): Geo => ({ strides: [1, 1], dilations: [1, 1], pads: [[0, 0], [0, 0]], groups: 1, ...o });
  it('conv (one group, groups, depthwise)', () => {
    for (const [ws, groups] of [[[3, 3, 3, 5], 1], [[3, 3, 1, 6], 3], [[2, 2, 1, 3], 3]] as [number[], number][]) {
      const x = rand([2, 41, 37, 3], 9, 'float32');
      const w = rand(ws, 10, 'float32');
      const y = tsr.conv2d(x, w, { groups, padding: [[1, 0], [0, 1]] });
      const ref = naiveConv(values(x), [...x.shape], values(w), ws, geo({ groups, pads: [[1, 0], [0, 1]] }));
      expectClose(y.dataSync() as Float32Array, ref, 1e-4, 1e-4, `conv groups=${groups}`);
    }
  });
  it('convTranspose (one group and depthwise-like)', () => {
    for (const [ws, groups] of [[[3, 3, 2, 4], 1], [[3, 3, 1, 4], 4]] as [number[], number][]) {
      const x = rand([2, 30, 33, 4], 11, 'float32');
      const w = rand(ws, 12, 'float32');
      const y = tsr.conv2dTranspose(x, w, { groups, strides: 2 });
      const ref = naiveConvTranspose(values(x), [...x.shape], values(w), ws, geo({ groups, strides: [2, 2] }), [61, 67]);
      expectClose(y.dataSync() as Float32Array, ref, 1e-4, 1e-4, `convTranspose groups=${groups}`);
    }
  });
});

describe('convTranspose on ONNX Runtime, many overlapping windows', () => {
  it('matches the naive reference on every run (col2im must not race: a parallel ScatterND-add did, now and then)', async () => {
    // 16 images × 96² positions × 9 kernel cells = 1.3M window rows summed into 147k cells.
    const x = rand([16, 96, 96, 2], 13, 'float32');
    const w = rand([3, 3, 3, 2], 14, 'float32');
    const ref = naiveConvTranspose(values(x), [...x.shape], values(w), [3, 3, 3, 2], { strides: [1, 1], dilations: [1, 1], pads: [[1, 1], [1, 1]], groups: 1 }, [96, 96]);
    tsr.setBackend('onnxruntime');
    try {
      const y = tsr.conv2dTranspose(x, w, { padding: 'same' });
      expect(y.shape).toEqual([16, 96, 96, 3]);
      expectClose((await y.data()) as Float32Array, ref, 1e-4, 1e-4, 'convTranspose on onnxruntime');
    } finally {
      tsr.setBackend('reference');
    }
  });
});

describe('resize', () => {
  it('3-D resize with the depth unchanged is the 2-D resize of each slice', () => {
    const x = rand([1, 2, 3, 4, 2], 13);
    const y3 = tsr.resize(x, [2, 5, 3]);
    const slices = [0, 1].map((d) => tsr.resize(tsr.tensor(values(x).slice(d * 24, d * 24 + 24), [1, 3, 4, 2], 'float64'), [5, 3]));
    expectClose(y3.dataSync() as Float64Array, slices.flatMap(values), 1e-12, 0, 'resize 3d');
  });
});

describe('pooling gradients', () => {
  it('maxPool splits the gradient evenly between tied maxima', () => {
    const x = tsr.tensor([[1, 1], [0, 1]], [1, 2, 2, 1], 'float64');
    const g = tsr.grad((t: tsr.Tensor) => tsr.sum(tsr.maxPool2d(t)))(x);
    expect(values(g)).toEqual([1 / 3, 1 / 3, 0, 1 / 3]);
  });
  it("avgPool 'same' gradient weights each cell by 1/count of its windows", () => {
    const x = tsr.tensor([1, 2, 3], [1, 3, 1], 'float64');
    const g = tsr.grad((t: tsr.Tensor) => tsr.sum(tsr.avgPool1d(t, { padding: 'same' })))(x);
    // windows [1,2] (count 2) and [3] (count 1)
    expect(values(g)).toEqual([0.5, 0.5, 1]);
  });
});

describe('shapes and argument errors', () => {
  const x4 = tsr.zeros([1, 5, 5, 4]);
  it('conv output shapes (Keras rules)', () => {
    expect(tsr.conv2d(x4, tsr.zeros([3, 3, 4, 8]), { strides: 2, padding: 'same' }).shape).toEqual([1, 3, 3, 8]);
    expect(tsr.conv1d(tsr.zeros([2, 10, 3]), tsr.zeros([3, 3, 2]), { padding: 'causal', dilations: 2 }).shape).toEqual([2, 10, 2]);
    expect(tsr.conv2dTranspose(x4, tsr.zeros([3, 3, 2, 4]), { strides: 2, padding: 'same' }).shape).toEqual([1, 10, 10, 2]);
    expect(tsr.conv2dTranspose(x4, tsr.zeros([3, 3, 2, 4]), { strides: 2 }).shape).toEqual([1, 11, 11, 2]);
    expect(tsr.conv2dTranspose(x4, tsr.zeros([3, 3, 2, 4]), { strides: 2, padding: 1, outputPadding: 1 }).shape).toEqual([1, 10, 10, 2]);
    expect(tsr.maxPool2d(tsr.zeros([1, 7, 7, 1]), { poolSize: 3, strides: 2, padding: 'same' }).shape).toEqual([1, 4, 4, 1]);
    expect(x4.conv2d(tsr.zeros([1, 1, 4, 2])).maxPool2d().globalAvgPool().shape).toEqual([1, 2]);
  });
  it('conv errors', () => {
    expect(() => tsr.conv2d(tsr.zeros([5, 5, 4]), tsr.zeros([3, 3, 4, 8]))).toThrow(/conv2d: input must be channels-last \[N, spatial\.\.\., C\] of rank 4\. Received: shape \[5,5,4\]/);
    expect(() => tsr.conv2d(x4, tsr.zeros([3, 4, 8]))).toThrow(/conv2d: the kernel must be .* Received: input \[1,5,5,4\], kernel \[3,4,8\]/);
    expect(() => tsr.conv2d(x4, tsr.zeros([3, 3, 3, 8]))).toThrow(/conv: the input's 4 channels .* kernel \[3,3,3,8\]/);
    expect(() => tsr.conv2d(x4, tsr.zeros([3, 3, 2, 6]), { groups: 4 })).toThrow(/conv: the input's 4 channels split into 4 group/);
    expect(() => tsr.conv2d(x4, tsr.zeros([3, 3, 2, 5]), { groups: 2 })).toThrow(/conv: the kernel's 5 output channels must divide into 2 groups/);
    expect(() => tsr.conv2d(x4, tsr.zeros([3, 3, 4, 8]), { strides: 0 })).toThrow(/conv2d: strides must be an integer ≥ 1 or 2 such integers\. Received: strides=0/);
    expect(() => tsr.conv2d(x4, tsr.zeros([3, 3, 4, 8]), { dilations: [1, 2, 3] })).toThrow(/conv2d: dilations must be/);
    expect(() => tsr.conv2d(x4, tsr.zeros([3, 3, 4, 8]), { padding: 'causal' })).toThrow(/conv2d: 'causal' padding is for 1D convolution only/);
    expect(() => tsr.conv2d(x4, tsr.zeros([3, 3, 4, 8]), { padding: [[1, 1]] as never })).toThrow(/conv2d: padding must be 'valid', 'same'/);
    expect(() => tsr.conv2d(x4, tsr.zeros([7, 3, 4, 8]))).toThrow(/conv: the padded input \(5 along spatial axis 0\) is smaller than the window \(7\)/);
    expect(() => tsr.conv2d(x4, tsr.zeros([3, 3, 4, 8]), { groups: 1.5 })).toThrow(/conv2d: groups must be a positive integer/);
    expect(() => tsr.conv(tsr.zeros([1, 2, 2, 2, 2, 1]), tsr.zeros([1, 1, 1, 1, 1, 1]))).toThrow(/conv: input must be channels-last .* rank 3, 4 or 5/);
    expect(() => tsr.conv2d(tsr.zeros([1, 3, 3, 1], 'bool'), tsr.zeros([1, 1, 1, 1], 'bool'))).toThrow(/conv: inputs must be numeric/);
  });
  it('convTranspose errors', () => {
    expect(() => tsr.conv2dTranspose(x4, tsr.zeros([3, 3, 2, 3]))).toThrow(/convTranspose: the kernel \[k\.\.\., out\/groups, in\] must have in = 4/);
    expect(() => tsr.conv2dTranspose(x4, tsr.zeros([3, 3, 2, 4]), { strides: 2, outputPadding: 2 })).toThrow(/conv2dTranspose: outputPadding must be smaller than the stride/);
    expect(() => tsr.conv2dTranspose(x4, tsr.zeros([2, 2, 2, 4]), { padding: 'same', strides: 2, outputPadding: 0 })).toThrow(/convTranspose: an output of spatial shape \[8,8\] is convolved by this window into \[4,4\] positions, not the input's \[5,5\]/);
    expect(() => tsr.conv2dTranspose(x4, tsr.zeros([3, 3, 2, 4]), { padding: 'causal' as never })).toThrow(/conv2dTranspose: padding must be/);
    expect(() => tsr.conv2dTranspose(tsr.zeros([1, 1, 1, 4]), tsr.zeros([1, 1, 2, 4]), { padding: 1 })).toThrow(/conv2dTranspose: the padding leaves no output/);
  });
  it('pooling, patches and resize errors', () => {
    expect(() => tsr.maxPool2d(tsr.zeros([1, 5, 5]))).toThrow(/maxPool2d: input must be channels-last/);
    expect(() => tsr.maxPool2d(x4, { poolSize: 2, padding: [[2, 0], [0, 0]] })).toThrow(/maxPool: padding must be smaller than the pool size on each axis/);
    expect(() => tsr.avgPool(x4, { poolSize: [2, 2, 2] })).toThrow(/avgPool: poolSize must be an integer ≥ 1 or 2 such integers/);
    expect(() => tsr.maxPool(x4, { poolSize: 6 })).toThrow(/maxPool: the padded input \(5 along spatial axis 0\) is smaller than the window \(6\)/);
    expect(() => tsr.extractPatches(x4, { kernelSize: 0 })).toThrow(/extractPatches: kernelSize must be an integer ≥ 1/);
    expect(() => tsr.extractPatches(x4, { kernelSize: 2, padValue: NaN })).toThrow(/extractPatches: padValue must be a number\. Received: padValue=NaN/);
    expect(() => tsr.patchesToImage(tsr.zeros([1, 2, 2, 2, 2, 1]), [4, 4])).toThrow(/patchesToImage: patches of an image \[4,4\] with this window must have shape \[1,3,3,2,2,1\]\. Received: \[1,2,2,2,2,1\]/);
    expect(() => tsr.patchesToImage(tsr.zeros([1, 2, 2, 1]), [4, 4])).toThrow(/patchesToImage: patches must be \[N, positions\.\.\., kernel\.\.\., C\]/);
    expect(() => tsr.resize(x4, [0, 3])).toThrow(/resize: size must be a positive integer or 2 of them/);
    expect(() => tsr.resize(x4, [3, 3], { alignCorners: true, halfPixelCenters: true })).toThrow(/resize: alignCorners and halfPixelCenters cannot both be true/);
    expect(() => tsr.resize(x4, [3, 3], { method: 'bicubic' as never })).toThrow(/resize: method must be 'nearest' or 'bilinear'/);
    expect(() => tsr.globalAvgPool(tsr.zeros([3, 4]))).toThrow(/globalAvgPool: input must be channels-last/);
  });
});
