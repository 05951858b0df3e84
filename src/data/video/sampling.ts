/** Which frames a clip of `numFrames` takes from a video: pure, so it is tested without ffmpeg. */
import { TesseraError } from '../../core/errors.js';

/**
 * Uniform temporal sampling: the video's `frameCount` frames are cut into `numFrames` equal
 * segments and the frame at each segment's centre is taken,
 *   index_k = floor((k + 0.5) · frameCount / numFrames),  k = 0 … numFrames − 1
 * (TSN's test-time sampling). Indices never decrease; a video shorter than `numFrames` repeats
 * frames (frameCount 2, numFrames 4 → 0, 0, 1, 1).
 */
export function sampleFrameIndices(frameCount: number, numFrames: number): Int32Array {
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new TesseraError(`sampleFrameIndices: frameCount must be an integer ≥ 1. Received: frameCount=${frameCount}`);
  }
  if (!Number.isInteger(numFrames) || numFrames < 1) {
    throw new TesseraError(`sampleFrameIndices: numFrames must be an integer ≥ 1. Received: numFrames=${numFrames}`);
  }
  const out = new Int32Array(numFrames);
  for (let k = 0; k < numFrames; k++) out[k] = Math.min(frameCount - 1, Math.floor(((k + 0.5) * frameCount) / numFrames));
  return out;
}
