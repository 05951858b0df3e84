import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { expectClose, testOps } from '../helpers/test-op.js';
import { shapeCases } from './shape.cases.js';

describe('shape ops', () => testOps(shapeCases));

const flat = (t: tsr.Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>, Number);
const x23 = (): tsr.Tensor => tsr.tensor([[1, 2, 3], [4, 5, 6]]);

describe('shape op composition', () => {
  it('stack and unstack are inverse', () => {
    const x = tsr.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    for (const axis of [0, 1, 2, -1]) expect(tsr.stack(tsr.unstack(x, axis), axis).arraySync()).toEqual(x.arraySync());
  });

  it('split parts concatenate back to the input', () => {
    const x = tsr.arange(24).reshape([2, 3, 4]);
    expect(tsr.concat(tsr.split(x, [1, 3], 2), 2).arraySync()).toEqual(x.arraySync());
    expect(tsr.split(x, 2, -1).map((t) => t.shape)).toEqual([[2, 3, 2], [2, 3, 2]]);
  });

  it('flip is a slice with stride -1, and its own inverse', () => {
    const x = tsr.arange(12).reshape([3, 4]);
    expect(tsr.flip(tsr.flip(x, [0, 1]), [1, 0]).arraySync()).toEqual(x.arraySync());
    expect(tsr.flip(x, 0).arraySync()).toEqual(tsr.stridedSlice(x, [null], [null], [-1]).arraySync());
  });

  it('pad modes agree with numpy on a 1-d ramp', () => {
    const x = tsr.tensor([1, 2, 3, 4]);
    expect(flat(tsr.pad(x, [[3, 3]], { mode: 'reflect' }))).toEqual([4, 3, 2, 1, 2, 3, 4, 3, 2, 1]);
    expect(flat(tsr.pad(x, [[2, 1]], { mode: 'edge' }))).toEqual([1, 1, 1, 2, 3, 4, 4]);
    expect(flat(tsr.pad(x, [[1, -2]], { value: 7 }))).toEqual([7, 1, 2]);
  });

  it('reflect pad gradient sums the mirrored cells', () => {
    const x = tsr.tensor([1, 2, 3], undefined, 'float64');
    const g = tsr.grad((t: tsr.Tensor) => tsr.pad(t, [[2, 2]], { mode: 'reflect' }).sum())(x);
    // Output reads indices 2,1,0,1,2,1,0: x0 twice, x1 three times, x2 twice.
    expectClose(flat(g), [2, 3, 2], 1e-12, 0, 'grad');
  });

  it('concat gradient splits along the axis', () => {
    const a = tsr.tensor([[1], [2]], undefined, 'float64');
    const b = tsr.tensor([[3, 4], [5, 6]], undefined, 'float64');
    const w = tsr.tensor([[1, 2, 3], [4, 5, 6]], undefined, 'float64');
    const [ga, gb] = tsr.grad((p: tsr.Tensor, q: tsr.Tensor) => tsr.concat([p, q], 1).mul(w).sum())(a, b) as unknown as tsr.Tensor[];
    expect(ga!.arraySync()).toEqual([[1], [4]]);
    expect(gb!.arraySync()).toEqual([[2, 3], [5, 6]]);
  });

  it('identity windows return the input unchanged', () => {
    const x = x23();
    expect(tsr.slice(x, [0, 0])).toBe(x);
    expect(tsr.stridedSlice(x, [], [])).toBe(x);
    expect(tsr.pad(x, [[0, 0], [0, 0]])).toBe(x);
  });

  it('second-order: the slice adjoint differentiates back to a slice', () => {
    const x = tsr.tensor([1, 2, 3, 4, 5], undefined, 'float64');
    const f = (t: tsr.Tensor): tsr.Tensor => tsr.stridedSlice(t, [null], [null], [-2]).mul(t.stridedSlice([null], [null], [-2])).sum();
    // f = x4² + x2² + x0²; f' = 2x at even positions; (f')·1 differentiated again = 2 at even positions.
    const g2 = tsr.grad((t: tsr.Tensor) => tsr.grad(f)(t).sum())(x);
    expectClose(flat(g2), [2, 0, 2, 0, 2], 1e-12, 0, 'second derivative');
  });
});

describe('shape op errors', () => {
  it('expandDims and squeeze check axes', () => {
    expect(() => tsr.expandDims(x23(), 3)).toThrow(/expandDims: axis must be an integer in \[-3, 2\].*Received: axis=3/);
    expect(() => tsr.squeeze(x23(), 1)).toThrow(/squeeze: only size-1 axes can be removed; axis 1 of \[2,3\] has size 3/);
    expect(() => tsr.squeeze(x23(), 2)).toThrow(/squeeze: axis must be/);
  });

  it('slice rejects windows outside the tensor', () => {
    expect(() => tsr.slice(x23(), [1, 2], [2, 1])).toThrow(/slice: begin and size must select a window inside \[2,3\]. Received: begin=\[1,2\], size=\[2,1\]/);
    expect(() => tsr.slice(x23(), [0, 4])).toThrow(/slice: begin and size/);
    expect(() => tsr.slice(x23(), [0, 0, 0])).toThrow(/slice: begin has more entries than the tensor has axes \(2\)/);
    expect(() => tsr.slice(x23(), [0.5])).toThrow(/slice: begin and size/);
  });

  it('stridedSlice rejects zero strides and too many entries', () => {
    expect(() => tsr.stridedSlice(x23(), [0], [2], [0])).toThrow(/stridedSlice: strides must be non-zero integers. Received: strides=\[0\]/);
    expect(() => tsr.stridedSlice(x23(), [0, 0, 0], [1])).toThrow(/stridedSlice: begin, end and strides may have at most one entry per axis of \[2,3\]/);
    expect(() => tsr.stridedSlice(x23(), [0.5], [1])).toThrow(/stridedSlice: begin must hold integers or null. Received: begin\[0\]=0.5/);
  });

  it('the slice primitive validates normalised attributes', () => {
    expect(() => tsr.applyOp(tsr.sliceOp, [x23()], { begin: [0, 0], end: [3, 3], strides: [1, 1] })).toThrow(/slice: invalid normalised slice on axis 0 of size 2/);
    expect(() => tsr.applyOp(tsr.sliceOp, [x23()], { begin: [0], end: [1], strides: [1] })).toThrow(/slice: begin, end and strides must have one entry per axis of \[2,3\]/);
    expect(() => tsr.sliceTranspose(tsr.zeros([2, 2]), [4], { begin: [0], end: [4], strides: [2] })).toThrow(/sliceTranspose: the gradient must have the slice's shape \[2\]. Received: \[2,2\]/);
  });

  it('concat and stack check shapes, dtypes and axes', () => {
    expect(() => tsr.concat([x23(), tsr.zeros([3, 3])], 1)).toThrow(/concat: all shapes must match except along axis 1. Received: \[2,3\], \[3,3\]/);
    expect(() => tsr.concat([x23(), tsr.zeros([2, 3], 'int32')])).toThrow(/concat: all inputs must have the same dtype. Received: float32, int32/);
    expect(() => tsr.concat([])).toThrow(/concat: needs at least one tensor/);
    expect(() => tsr.concat([x23(), x23()], 2)).toThrow(/concat: axis must be an integer in \[-2, 1\]/);
    expect(() => tsr.concat([tsr.scalar(1), tsr.scalar(2)])).toThrow(/concat: cannot concatenate scalars/);
    expect(() => tsr.stack([x23(), tsr.zeros([3, 2])])).toThrow(/stack: all tensors must have the same shape. Received: \[2,3\], \[3,2\]/);
    expect(() => tsr.stack([x23(), x23()], 3)).toThrow(/stack: axis must be an integer in \[-3, 2\]/);
  });

  it('split, unstack and tile check their arguments', () => {
    expect(() => tsr.split(x23(), 2, 1)).toThrow(/split: the number of parts must be a positive integer dividing axis 1 of \[2,3\] \(size 3\). Received: 2/);
    expect(() => tsr.split(x23(), [1, 1], 1)).toThrow(/split: sizes must be non-negative integers \(at most one -1\) summing to 3/);
    expect(() => tsr.split(x23(), [-1, -1, 1], 1)).toThrow(/split: sizes must/);
    expect(() => tsr.unstack(tsr.scalar(1))).toThrow(/unstack: cannot unstack a scalar/);
    expect(() => tsr.tile(x23(), [2, -1])).toThrow(/tile: reps must be non-negative integers. Received: reps=\[2,-1\]/);
  });

  it('pad checks paddings and modes', () => {
    expect(() => tsr.pad(x23(), [[1, 1]])).toThrow(/pad: paddings must be one \[before, after\] pair of integers per axis of \[2,3\]. Received: paddings=\[\[1,1\]\]/);
    expect(() => tsr.pad(x23(), [[0, 0], [-2, -2]])).toThrow(/pad: negative paddings remove more cells than \[2,3\] has/);
    expect(() => tsr.pad(x23(), [[0, 0], [3, 0]], { mode: 'reflect' })).toThrow(/pad: reflect padding of axis 1 \(size 3\) must be smaller than 3/);
    expect(() => tsr.pad(x23(), [[0, 0], [-1, 0]], { mode: 'edge' })).toThrow(/pad: edge padding needs non-negative paddings/);
    expect(() => tsr.pad(tsr.zeros([0, 2]), [[1, 0], [0, 0]], { mode: 'edge' })).toThrow(/pad: edge padding of axis 0 \(size 0\)/);
    // @ts-expect-error: an unknown mode is rejected at run time too
    expect(() => tsr.pad(x23(), [[0, 0], [1, 0]], { mode: 'wrap' })).toThrow(/pad: mode must be 'constant', 'reflect' or 'edge'. Received: mode='wrap'/);
  });
});
