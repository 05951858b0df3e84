import { describe, expect, it } from 'vitest';
import { sampleFrameIndices } from '../../../src/data/video/sampling.js';
import { frameArgs } from '../../../src/data/video/frames.js';

describe('sampleFrameIndices', () => {
  it('takes the centre frame of each of numFrames equal segments', () => {
    // floor((k + 0.5) · 20 / 4) = floor(2.5), floor(7.5), floor(12.5), floor(17.5)
    expect(Array.from(sampleFrameIndices(20, 4))).toEqual([2, 7, 12, 17]);
    expect(Array.from(sampleFrameIndices(10, 3))).toEqual([1, 5, 8]);
    expect(Array.from(sampleFrameIndices(5, 5))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(sampleFrameIndices(100, 1))).toEqual([50]);
  });

  it('repeats frames of a video shorter than numFrames, in order', () => {
    expect(Array.from(sampleFrameIndices(2, 4))).toEqual([0, 0, 1, 1]);
    expect(Array.from(sampleFrameIndices(3, 7))).toEqual([0, 0, 1, 1, 1, 2, 2]);
    expect(Array.from(sampleFrameIndices(1, 3))).toEqual([0, 0, 0]);
  });

  it('rejects counts that are not positive integers', () => {
    expect(() => sampleFrameIndices(0, 4)).toThrow(/frameCount must be an integer ≥ 1. Received: frameCount=0/);
    expect(() => sampleFrameIndices(10, 2.5)).toThrow(/numFrames must be an integer ≥ 1. Received: numFrames=2.5/);
  });

  it('asks ffmpeg for the unique frames only, scaled, as raw RGB', () => {
    const args = frameArgs('v.mp4', [2, 7], 20, 24, 32);
    expect(args[args.indexOf('-vf') + 1]).toBe('select=eq(n\\,2)+eq(n\\,7),scale=32:24:flags=bilinear');
    expect(args.slice(-5)).toEqual(['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
    const all = frameArgs('v.mp4', [0, 1, 2], 3, 8, 8);
    expect(all[all.indexOf('-vf') + 1]).toBe('scale=8:8:flags=bilinear'); // every frame: no select
  });
});
