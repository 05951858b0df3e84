/** What ffprobe says about a video's first video stream. Node-only. */
import { TesseraError } from '../../core/errors.js';
import { ffprobeBinary, runTool, type FfmpegOptions } from './ffmpeg.js';

export interface VideoInfo {
  /** Frames in the stream (counted by demuxing: packets, not container metadata). */
  frameCount: number;
  /** Seconds (the stream's, else the container's; NaN when neither is known). */
  duration: number;
  /** Frames per second (the average rate; the nominal rate when the average is unknown). */
  fps: number;
  width: number;
  height: number;
  /** ffprobe's codec name, e.g. 'h264'. */
  codec: string;
}

function rate(text: unknown): number {
  if (typeof text !== 'string') return NaN;
  const [num, den] = text.split('/').map(Number);
  return den === undefined ? num! : den === 0 ? NaN : num! / den;
}

/** Frame count, duration, fps and size of the video at `path` (ffprobe JSON). */
export async function probeVideo(path: string, options: FfmpegOptions = {}): Promise<VideoInfo> {
  if (typeof path !== 'string' || path.length === 0) throw new TesseraError(`probeVideo: expected a file path. Received: ${JSON.stringify(path)}`);
  const args = ['-v', 'error', '-select_streams', 'v:0', '-count_packets',
    '-show_entries', 'stream=codec_name,width,height,r_frame_rate,avg_frame_rate,duration,nb_frames,nb_read_packets:format=duration', '-of', 'json', path];
  const { stdout } = await runTool(ffprobeBinary(options), args, `probeVideo: '${path}'`, options.timeoutMs);
  let parsed: { streams?: Record<string, unknown>[]; format?: Record<string, unknown> };
  try {
    parsed = JSON.parse(stdout.toString()) as typeof parsed;
  } catch {
    throw new TesseraError(`probeVideo: ffprobe printed no JSON for '${path}'. Received: '${stdout.toString().slice(0, 200)}'`);
  }
  const s = parsed.streams?.[0];
  if (!s) throw new TesseraError(`probeVideo: '${path}' has no video stream. Received: ${parsed.streams?.length ?? 0} video streams`);
  const frameCount = Number(s['nb_read_packets'] ?? s['nb_frames']);
  const avg = rate(s['avg_frame_rate']);
  const fps = Number.isFinite(avg) && avg > 0 ? avg : rate(s['r_frame_rate']);
  const duration = Number(s['duration'] ?? parsed.format?.['duration'] ?? NaN);
  if (!Number.isInteger(frameCount) || frameCount < 1) {
    throw new TesseraError(`probeVideo: '${path}' has no decodable video frames. Received: frame count ${String(s['nb_read_packets'] ?? s['nb_frames'])}`);
  }
  const width = Number(s['width']);
  const height = Number(s['height']);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new TesseraError(`probeVideo: '${path}' declares no valid frame size. Received: width ${String(s['width'])}, height ${String(s['height'])}`);
  }
  return { frameCount, duration, fps, width, height, codec: String(s['codec_name'] ?? '') };
}
