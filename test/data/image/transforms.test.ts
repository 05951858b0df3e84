import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../../src/core/tensor.js';
import {
  centerCrop, crop, flipImage, grayscaleToRgb, normalizeImage, resizeImage, rgbToBgr, rgbToGrayscale, toChannelsFirst, toChannelsLast,
} from '../../../src/data/image/transforms.js';
import { rotateImage } from '../../../src/data/image/rotate.js';

/** A [h, w, c] image whose pixel (r, col, ch) is 100 r + 10 col + ch. */
function ramp(h: number, w: number, c: number, dtype: 'float32' | 'int32' = 'float32'): Tensor {
  const v: number[] = [];
  for (let r = 0; r < h; r++) for (let col = 0; col < w; col++) for (let ch = 0; ch < c; ch++) v.push(100 * r + 10 * col + ch);
  return tensor(v, [h, w, c], dtype);
}
const vals = (t: Tensor): number[] => Array.from(t.dataSync() as Float32Array);

describe('image transforms', () => {
  it('resizeImage: bilinear with half-pixel centres, nearest, batched and single', () => {
    const x = tensor([0, 4], [1, 2, 1]);
    // Output j samples input position (j + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped.
    expect(vals(resizeImage(x, [1, 4]))).toEqual([0, 1, 3, 4]);
    expect(vals(resizeImage(x, [1, 4], { method: 'nearest' }))).toEqual([0, 0, 4, 4]);
    expect(vals(resizeImage(x, [1, 3], { alignCorners: true }))).toEqual([0, 2, 4]);
    const batch = tensor([0, 4, 8, 12], [2, 1, 2, 1]);
    const y = resizeImage(batch, [2, 4]);
    expect(y.shape).toEqual([2, 2, 4, 1]);
    expect(vals(y)).toEqual([0, 1, 3, 4, 0, 1, 3, 4, 8, 9, 11, 12, 8, 9, 11, 12]);
    const i = resizeImage(tensor([0, 4], [1, 2, 1], 'int32'), [1, 4]);
    expect(i.dtype).toBe('float32'); // as tf.image.resize
    expect(() => resizeImage(x, [0, 4])).toThrow(/resizeImage: size must be a positive integer or \[height, width\]/);
    expect(() => resizeImage(tensor([1, 2]), 3)).toThrow(/expected an image tensor .* Received: shape \[2\]/);
  });

  it('crop and centerCrop take the right window (floor margin as Keras)', () => {
    const x = ramp(4, 5, 1);
    expect(vals(crop(x, 1, 2, 2, 3))).toEqual([120, 130, 140, 220, 230, 240]);
    expect(vals(centerCrop(x, [2, 2]))).toEqual([110, 120, 210, 220]); // margins 2 → 1 top, 3 → 1 left
    const b = tensor([...vals(x), ...vals(x).map((v) => v + 1000)], [2, 4, 5, 1]);
    expect(vals(centerCrop(b, 2))).toEqual([110, 120, 210, 220, 1110, 1120, 1210, 1220]);
    expect(() => crop(x, 3, 0, 2, 1)).toThrow(/crop: the window must lie inside the 4×5 image. Received: top=3, left=0, height=2, width=1/);
    expect(() => centerCrop(x, [5, 5])).toThrow(/centerCrop: size must fit in the 4×5 image/);
  });

  it('flipImage mirrors the right axes; rotation by 90° is transpose + flip, 0° and 360° the identity', () => {
    const x = ramp(2, 3, 1);
    expect(vals(flipImage(x, 'horizontal'))).toEqual([20, 10, 0, 120, 110, 100]);
    expect(vals(flipImage(x, 'vertical'))).toEqual([100, 110, 120, 0, 10, 20]);
    expect(vals(flipImage(x, 'both'))).toEqual([120, 110, 100, 20, 10, 0]);
    const sq = ramp(4, 4, 2);
    const transposed = tensor(vals(toChannelsLast(toChannelsFirst(sq))), [4, 4, 2]);
    expect(vals(transposed)).toEqual(vals(sq));
    // Counter-clockwise 90°: out[i][j] = in[j][w-1-i], i.e. the transpose flipped upside down.
    const t: number[] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) for (let ch = 0; ch < 2; ch++) t.push(100 * j + 10 * (3 - i) + ch);
    expect(vals(rotateImage(sq, 90))).toEqual(t);
    expect(vals(rotateImage(sq, -90))).toEqual(vals(rotateImage(sq, 270)));
    expect(vals(rotateImage(sq, 180))).toEqual(vals(flipImage(sq, 'both')));
    expect(vals(rotateImage(sq, 0))).toEqual(vals(sq));
    expect(vals(rotateImage(sq, 360))).toEqual(vals(sq));
    const ints = ramp(4, 4, 1, 'int32');
    expect(rotateImage(ints, 90).dtype).toBe('int32');
  });

  it('rotation by 45° samples bilinearly and fills from outside', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [3, 3, 1]);
    const y = vals(rotateImage(x, 45, { fill: 100 }));
    const s = Math.SQRT1_2;
    // Centre stays; corner (0,0) samples (row 1 - √2, col 1): between fill (row -1) and x[0][1] = 2.
    expect(y[4]).toBeCloseTo(5, 5);
    const f0 = 1 - Math.SQRT2 + 1; // fraction towards row 0 from row -1
    expect(y[0]).toBeCloseTo((1 - f0) * 100 + f0 * 2, 4);
    // Top-centre (0,1) samples the upper right (row 1 - s, col 1 + s): bilinear of x[0..1][1..2].
    const fy = 1 - s;
    const fx = s;
    const expected = (1 - fy) * ((1 - fx) * 2 + fx * 3) + fy * ((1 - fx) * 5 + fx * 6);
    expect(y[1]).toBeCloseTo(expected, 5);
    expect(vals(rotateImage(x, 45, { method: 'nearest' }))[1]).toBe(3); // round(0.29, 1.71) = (0, 2)
  });

  it('channel order, grayscale and normalisation', () => {
    const x = tensor([10, 20, 30, 40, 50, 60, 70, 80], [1, 2, 4], 'int32');
    expect(vals(rgbToBgr(x))).toEqual([30, 20, 10, 40, 70, 60, 50, 80]);
    const rgb = tensor([255, 0, 0, 0, 255, 0, 0, 0, 255, 100, 100, 100], [2, 2, 3]);
    const g = rgbToGrayscale(rgb);
    expect(g.shape).toEqual([2, 2, 1]);
    expect(vals(g).map((v) => +v.toFixed(4))).toEqual([76.2195, 149.685, 29.07, 99.99]);
    expect(vals(rgbToGrayscale(tensor([255, 0, 0], [1, 1, 3], 'int32')))).toEqual([76]);
    expect(vals(grayscaleToRgb(tensor([3, 4], [1, 2, 1])))).toEqual([3, 3, 3, 4, 4, 4]);
    expect(toChannelsFirst(ramp(2, 3, 4)).shape).toEqual([4, 2, 3]);
    expect(vals(toChannelsFirst(ramp(1, 2, 2)))).toEqual([0, 10, 1, 11]);
    expect(toChannelsFirst(tensor(new Array(24).fill(0), [2, 1, 3, 4])).shape).toEqual([2, 4, 1, 3]);
    const n = normalizeImage(tensor([0, 255, 51, 102], [1, 2, 2], 'int32'), { scale: 1 / 255, mean: [0.5, 0.2], std: [0.5, 0.4] });
    expect(n.dtype).toBe('float32');
    expect(vals(n).map((v) => +v.toFixed(5))).toEqual([-1, 2, -0.6, 0.5]);
    expect(() => normalizeImage(n, { std: 0 })).toThrow(/normalizeImage: std must be a finite number ≠ 0 or 2 of them/);
    expect(() => normalizeImage(n, { mean: [1, 2, 3] })).toThrow(/mean must be .* or 2 of them \(one per channel\). Received: mean=\[1,2,3\]/);
  });
});
