/**
 * Frame extraction: ffmpeg decodes only the sampled frames (the `select` filter), scales them
 * (`scale`) and writes raw RGB (`-f rawvideo -pix_fmt rgb24 pipe:1`), read back into a tensor
 * [frames, h, w, 3]. Node-only.
 */
import { TesseraError } from '../../core/errors.js';
import { fromData, type Tensor } from '../../core/tensor.js';
import { checkSize } from '../image/layout.js';
import { ffmpegBinary, runTool, type FfmpegOptions } from './ffmpeg.js';
import { probeVideo } from './probe.js';
import { sampleFrameIndices } from './sampling.js';

export interface ReadVideoFramesOptions extends FfmpegOptions {
  /** Frames to sample uniformly (see sampleFrameIndices); default every frame. */
  numFrames?: number;
  /** Scales each frame to [height, width] (stretching, bilinear); default the stream's size. */
  size?: number | readonly [number, number];
  /** 'float32' (default): values in [0, 1]; 'uint8'/'int32': integers 0..255 in an int32 tensor. */
  dtype?: 'float32' | 'int32' | 'uint8';
  /**
   * Most pixels (frames × height × width) a read may produce (default 2^26), checked against what
   * ffprobe reports before decoding: a small file can declare a huge or very long video.
   */
  maxPixels?: number;
}

/** The ffmpeg arguments that write frames `unique` (ascending) of `path` as raw RGB of [h, w]. */
export function frameArgs(path: string, unique: readonly number[], frameCount: number, h: number, w: number): string[] {
  const filters: string[] = [];
  // Commas inside a filter's expression are escaped; no shell is involved.
  if (unique.length < frameCount) filters.push(`select=${unique.map((i) => `eq(n\\,${i})`).join('+')}`);
  filters.push(`scale=${w}:${h}:flags=bilinear`);
  return ['-v', 'error', '-nostdin', '-noautorotate', '-i', path, '-map', '0:v:0', '-an', '-sn', '-vf', filters.join(','),
    '-vsync', '0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
}

/**
 * Reads `numFrames` frames sampled uniformly over the video at `path` into a tensor
 * [numFrames, h, w, 3] (RGB). Rotation metadata is ignored (frames come as stored).
 * Missing ffmpeg, an unreadable or corrupt file, or a decode past `timeoutMs` throw a
 * TesseraError naming the file, with ffmpeg's last stderr line.
 */
export async function readVideoFrames(path: string, options: ReadVideoFramesOptions = {}): Promise<Tensor> {
  const dtype = options.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'uint8') {
    throw new TesseraError(`readVideoFrames: dtype must be 'float32', 'int32' or 'uint8'. Received: dtype='${String(dtype)}'`);
  }
  if (options.numFrames !== undefined && !(Number.isInteger(options.numFrames) && options.numFrames >= 1)) {
    throw new TesseraError(`readVideoFrames: numFrames must be an integer ≥ 1. Received: numFrames=${options.numFrames}`);
  }
  const fixedSize = options.size === undefined ? null : checkSize('readVideoFrames', 'size', options.size);
  const info = await probeVideo(path, options);
  const [h, w] = fixedSize ?? [info.height, info.width];
  const indices = sampleFrameIndices(info.frameCount, options.numFrames ?? info.frameCount);
  const unique = [...new Set(indices)];
  const maxPixels = options.maxPixels ?? 2 ** 26;
  if (!Number.isInteger(maxPixels) || maxPixels < 1) throw new TesseraError(`readVideoFrames: maxPixels must be an integer ≥ 1. Received: maxPixels=${String(options.maxPixels)}`);
  if (indices.length * h * w > maxPixels) {
    throw new TesseraError(`readVideoFrames: '${path}' would give ${indices.length} frames of ${h}×${w}, more than maxPixels=${maxPixels} pixels (sample fewer frames with numFrames, set size, or raise maxPixels). Received: ${indices.length * h * w} pixels`);
  }
  const frameBytes = h * w * 3;
  // ffmpeg writes no more than the frames asked for; anything beyond them is not kept.
  const { stdout } = await runTool(ffmpegBinary(options), frameArgs(path, unique, info.frameCount, h, w), `readVideoFrames: '${path}'`, options.timeoutMs, unique.length * frameBytes);
  const got = Math.floor(stdout.length / frameBytes);
  if (got < unique.length) {
    throw new TesseraError(`readVideoFrames: '${path}' gave fewer frames than its stream declares (${info.frameCount}; the file may be truncated). Received: ${got} of the ${unique.length} frames asked for`);
  }
  const where = new Map(unique.map((frame, k) => [frame, k]));
  const out = dtype === 'float32' ? new Float32Array(indices.length * frameBytes) : new Int32Array(indices.length * frameBytes);
  const scale = dtype === 'float32' ? 1 / 255 : 1;
  indices.forEach((frame, k) => {
    const src = where.get(frame)! * frameBytes;
    const dst = k * frameBytes;
    for (let i = 0; i < frameBytes; i++) out[dst + i] = stdout[src + i]! * scale;
  });
  return fromData(out, [indices.length, h, w, 3], dtype === 'float32' ? 'float32' : 'int32');
}
