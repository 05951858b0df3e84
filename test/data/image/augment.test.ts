import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '../../../src/core/tensor.js';
import { fromArrays } from '../../../src/data/dataset.js';
import { augment, colorJitter, randomCrop, randomFlip, randomRotation } from '../../../src/data/image/augment.js';
import { adjustBrightness, adjustContrast, adjustHue, adjustSaturation, hsvToRgb, rgbToHsv } from '../../../src/data/image/color.js';
import { hostRandom } from '../../../src/data/random.js';

const vals = (t: Tensor): number[] => Array.from(t.dataSync() as Float32Array);
const close = (a: number[], b: number[], digits = 5) => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, digits));
};
function ramp(h: number, w: number, c: number, offset = 0): Tensor {
  return tensor(Array.from({ length: h * w * c }, (_, i) => (i * 7 + offset) % 256), [h, w, c], 'int32');
}

describe('colour adjustments (torchvision definitions)', () => {
  const rgb = tensor([0.5, 0.25, 0.25, 1, 0, 0], [1, 2, 3]);
  it('brightness scales and clamps; contrast blends with the mean grey; saturation with the pixel grey', () => {
    close(vals(adjustBrightness(rgb, 0.5)), [0.25, 0.125, 0.125, 0.5, 0, 0]);
    close(vals(adjustBrightness(rgb, 3)), [1, 0.75, 0.75, 1, 0, 0]);
    const g0 = 0.2989 * 0.5 + 0.587 * 0.25 + 0.114 * 0.25;
    const g1 = 0.2989;
    const mean = (g0 + g1) / 2;
    close(vals(adjustContrast(rgb, 0)), new Array(6).fill(mean));
    close(vals(adjustContrast(rgb, 2)), [0.5, 0.25, 0.25, 1, 0, 0].map((v) => Math.min(1, Math.max(0, mean + 2 * (v - mean)))));
    close(vals(adjustSaturation(rgb, 0)), [g0, g0, g0, g1, g1, g1]);
    close(vals(adjustSaturation(rgb, 2)), [2 * 0.5 - g0, 2 * 0.25 - g0, 2 * 0.25 - g0, 1, 0, 0]);
    // Integer images clamp to 255 and round.
    expect(vals(adjustBrightness(tensor([100, 200, 3], [1, 1, 3], 'int32'), 1.5))).toEqual([150, 255, 4]); // 4.5: half to even
    expect(() => adjustBrightness(rgb, -1)).toThrow(/adjustBrightness: factor must be in \[0, ∞\]. Received: factor=-1/);
  });

  it('hue rotates in HSV: red +1/3 turn is green, +1/2 cyan, -1/3 blue; alpha and grey stay', () => {
    const red = tensor([255, 0, 0, 77], [1, 1, 4], 'int32');
    expect(vals(adjustHue(red, 1 / 3))).toEqual([0, 255, 0, 77]);
    expect(vals(adjustHue(red, 0.5))).toEqual([0, 255, 255, 77]);
    expect(vals(adjustHue(red, -1 / 3))).toEqual([0, 0, 255, 77]);
    expect(vals(adjustHue(tensor([90, 90, 90], [1, 1, 3], 'int32'), 0.3))).toEqual([90, 90, 90]);
    const [h, s, v] = rgbToHsv(0.2, 0.4, 0.8);
    close([h, s, v], [(4 + (0.2 - 0.4) / 0.6) / 6, 0.75, 0.8]);
    close(hsvToRgb(h, s, v), [0.2, 0.4, 0.8]);
    expect(() => adjustHue(red, 0.6)).toThrow(/delta must be in \[-0.5, 0.5\]/);
  });
});

describe('seeded augmentation', () => {
  it('colour jitter with factor 0 (and rotation by at most 0°) is the identity', () => {
    const x = ramp(5, 4, 3);
    const jitter = colorJitter({ brightness: 0, contrast: 0, saturation: 0, hue: 0 });
    const rot = randomRotation(0);
    const r = hostRandom(1);
    expect(vals(jitter(x, r))).toEqual(vals(x));
    expect(vals(rot(x, r))).toEqual(vals(x));
    const f = tensor([0.1, 0.2, 0.3], [1, 1, 3]);
    expect(vals(colorJitter({ brightness: 0, hue: 0 })(f, r))).toEqual(vals(f));
  });

  it('randomCrop pads then crops at the window the seeded draws give', () => {
    const x = ramp(4, 4, 1);
    const aug = augment([randomCrop([3, 3], { padding: 1 })], { seed: 7 });
    const out = aug(x, 5);
    expect(out.shape).toEqual([3, 3, 1]);
    // The same draws by hand: padded image 6×6, window origin in 0..3.
    const r = hostRandom(7, 0, 5);
    const top = Math.floor(r() * 4);
    const left = Math.floor(r() * 4);
    const padded = (i: number, j: number) => (i >= 1 && i <= 4 && j >= 1 && j <= 4 ? vals(x)[(i - 1) * 4 + (j - 1)]! : 0);
    const expected: number[] = [];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expected.push(padded(top + i, left + j));
    expect(vals(out)).toEqual(expected);
    expect(() => randomCrop([5, 5])(x, hostRandom(0))).toThrow(/randomCrop: size must fit in the padded 4×4 image/);
  });

  it('randomFlip with probability 1 flips, 0 keeps; batches draw per image', () => {
    const x = tensor([1, 2, 3, 4], [2, 2, 1]);
    expect(vals(randomFlip('horizontal', { probability: 1 })(x, hostRandom(0)))).toEqual([2, 1, 4, 3]);
    expect(vals(randomFlip('vertical', { probability: 1 })(x, hostRandom(0)))).toEqual([3, 4, 1, 2]);
    expect(vals(randomFlip('both', { probability: 1 })(x, hostRandom(0)))).toEqual([4, 3, 2, 1]);
    expect(vals(randomFlip('both', { probability: 0 })(x, hostRandom(0)))).toEqual([1, 2, 3, 4]);
    const batch = tensor(Array.from({ length: 64 }, (_, i) => i % 2), [32, 1, 2, 1]);
    const flipped = vals(randomFlip('horizontal')(batch, hostRandom(3)));
    const firsts = flipped.filter((_, i) => i % 2 === 0);
    expect(firsts.some((v) => v === 0) && firsts.some((v) => v === 1)).toBe(true);
    expect(() => randomFlip('diagonal' as 'both')).toThrow(/direction must be 'horizontal', 'vertical' or 'both'/);
  });

  it('the same (seed, epoch, index) gives the same output whatever the map parallelism', async () => {
    const images = Array.from({ length: 12 }, (_, i) => ramp(6, 6, 3, i));
    const aug = augment([randomCrop(4, { padding: 1 }), randomFlip('both'), randomRotation(30), colorJitter({ brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1 })], { seed: 42 });
    const run = async (parallelism: number) => {
      const ds = fromArrays(images).map(async (x, i) => {
        await new Promise((r) => setTimeout(r, (i * 7) % 5)); // finish out of order
        return aug(x, i);
      }, { parallelism });
      return (await ds.toArray()).map(vals);
    };
    const serial = await run(1);
    expect(await run(4)).toEqual(serial);
    expect(serial[0]).toEqual(vals(aug(images[0]!, 0)));
    expect(serial[0]).not.toEqual(vals(aug(images[0]!, 0, 1))); // another epoch draws again
    expect(vals(augment([randomCrop(4)], { seed: 43 })(images[0]!, 0))).not.toEqual(vals(augment([randomCrop(4)], { seed: 42 })(images[0]!, 0)));
    expect(() => augment([randomFlip()], { seed: 1.5 })).toThrow(/augment: seed must be an integer/);
  });
});
