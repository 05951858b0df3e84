/** tsr.data.video: frames through the system's ffmpeg, uniform sampling, the video-folder loader. */
export { probeVideo, type VideoInfo } from './probe.js';
export { readVideoFrames, type ReadVideoFramesOptions } from './frames.js';
export { sampleFrameIndices } from './sampling.js';
export { loadVideoFolder, VIDEO_EXTENSIONS, type VideoFolderOptions } from './folder.js';
export { ffmpegBinary, ffprobeBinary, type FfmpegOptions } from './ffmpeg.js';
