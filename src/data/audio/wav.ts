/**
 * WAV files: decoding through wavefile (PCM 8-bit unsigned, 16/24/32-bit signed, 32/64-bit float,
 * WAVE_FORMAT_EXTENSIBLE) to channels of float samples in [-1, 1], and encoding. wavefile reads a
 * truncated data chunk as a shorter signal without a word, so the RIFF chunk layout is checked
 * here first (sizes inside the file, fmt and data present): a cut-off file is an error, not a
 * silently shorter clip.
 */
import * as wavefileModule from 'wavefile';
import { TesseraError } from '../../core/errors.js';
import { fromData, type Tensor } from '../../core/tensor.js';
import { readFileBytes } from '../../io/node-fs.js';

export interface Audio {
  sampleRate: number;
  /** One Float32Array per channel, samples in [-1, 1]. */
  channels: Float32Array[];
}

// wavefile's CommonJS build (Node) has only a default export; its ES module (bundlers) names WaveFile.
type WaveFileClass = typeof import('wavefile').WaveFile;
// (Reflect.get: a plain `.default` on the ES module makes bundlers warn that it has no such export.)
const WaveFile: WaveFileClass = (wavefileModule as unknown as { WaveFile?: WaveFileClass }).WaveFile
  ?? (Reflect.get(wavefileModule, 'default') as { WaveFile: WaveFileClass }).WaveFile;

const FORMATS: Record<number, string> = { 1: 'PCM', 3: 'IEEE float', 0xfffe: 'extensible' };

function fourCC(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}

/** Walks the RIFF chunks: fmt and data must be there, and the data must fit in the file. */
function checkRiff(bytes: Uint8Array, name: string): void {
  const fail = (what: string): never => {
    throw new TesseraError(`decodeWav: ${name} is not a valid WAV file: ${what}`);
  };
  if (bytes.length < 12) fail(`expected a 12-byte RIFF header. Received: ${bytes.length} bytes`);
  if (fourCC(bytes, 0) !== 'RIFF' || fourCC(bytes, 8) !== 'WAVE') fail(`expected 'RIFF' … 'WAVE'. Received: '${fourCC(bytes, 0)}' … '${fourCC(bytes, 8)}'`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  let fmt: { format: number; channels: number; rate: number; bits: number } | null = null;
  let data = false;
  while (at + 8 <= bytes.length) {
    const id = fourCC(bytes, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) fail(`the fmt chunk is ${size} bytes; expected at least 16 inside the file`);
      fmt = { format: view.getUint16(body, true), channels: view.getUint16(body + 2, true), rate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
    } else if (id === 'data') {
      if (body + size > bytes.length) fail(`the data chunk declares ${size} bytes but only ${bytes.length - body} follow (truncated file?)`);
      data = true;
    }
    at = body + size + (size & 1); // chunks are padded to even sizes
  }
  if (!fmt) fail("no 'fmt ' chunk");
  if (!data) fail("no 'data' chunk");
  if (!(fmt!.format in FORMATS)) fail(`only PCM and IEEE float samples are supported (format 1, 3 or extensible). Received: format ${fmt!.format}`);
  if (fmt!.channels < 1) fail(`expected at least one channel. Received: ${fmt!.channels}`);
  if (fmt!.rate < 1) fail(`expected a positive sample rate. Received: ${fmt!.rate}`);
}

/** Decodes WAV bytes; `source` names the file in errors. */
export function decodeWav(bytes: Uint8Array, source = 'buffer'): Audio {
  checkRiff(bytes, source);
  let wav: InstanceType<WaveFileClass>;
  try {
    wav = new WaveFile(bytes);
  } catch (e) {
    throw new TesseraError(`decodeWav: ${source} is not a valid WAV file: ${(e as Error).message}`);
  }
  const fmt = wav.fmt as { numChannels: number; sampleRate: number };
  const depth = wav.bitDepth;
  const scale: Record<string, [number, number]> = { '8': [128, 1 / 128], '16': [0, 1 / 32768], '24': [0, 1 / 8388608], '32': [0, 1 / 2147483648], '32f': [0, 1], '64': [0, 1] };
  const s = scale[depth];
  if (!s) throw new TesseraError(`decodeWav: ${source} has ${depth}-bit samples; supported are 8, 16, 24, 32-bit integers and 32/64-bit floats`);
  let raw: Float64Array | Float64Array[];
  try {
    raw = wav.getSamples(false, Float64Array) as Float64Array | Float64Array[];
  } catch (e) {
    throw new TesseraError(`decodeWav: ${source} could not be decoded: ${(e as Error).message}`);
  }
  const list = fmt.numChannels === 1 ? [raw as Float64Array] : (raw as Float64Array[]);
  const channels = list.map((c) => Float32Array.from(c, (v) => (v - s[0]) * s[1]));
  return { sampleRate: fmt.sampleRate, channels };
}

/** Reads and decodes a WAV file (Node). */
export async function readWav(path: string): Promise<Audio> {
  return decodeWav(await readFileBytes('readWav', path), `'${path}'`);
}

/** WAV bytes of the channels (equal lengths): 16-bit PCM (default) or 32-bit float. */
export function encodeWav(audio: Audio, options: { bitDepth?: 16 | 24 | 32 | '32f' } = {}): Uint8Array {
  const depth = String(options.bitDepth ?? 16);
  const n = audio.channels[0]?.length ?? 0;
  if (audio.channels.length === 0 || audio.channels.some((c) => c.length !== n)) {
    throw new TesseraError(`encodeWav: expected one or more channels of equal length. Received: lengths ${audio.channels.map((c) => c.length).join(', ') || 'none'}`);
  }
  const full = depth === '32f' ? 1 : 2 ** (Number(depth) - 1);
  const samples = audio.channels.map((c) => Float64Array.from(c, (v) => (depth === '32f' ? v : Math.max(-full, Math.min(full - 1, Math.round(v * full))))));
  const w = new WaveFile();
  w.fromScratch(samples.length, audio.sampleRate, depth, samples);
  return w.toBuffer();
}

/** The average of the channels. */
export function toMono(audio: Audio): Float32Array {
  const n = audio.channels[0]?.length ?? 0;
  if (audio.channels.length === 1) return audio.channels[0]!;
  const out = new Float32Array(n);
  for (const c of audio.channels) for (let i = 0; i < n; i++) out[i]! += c[i]! / audio.channels.length;
  return out;
}

/** The samples as a tensor: [samples] for one channel (or `mono`), else [channels, samples]. */
export function audioToTensor(audio: Audio, options: { mono?: boolean } = {}): Tensor {
  if (options.mono || audio.channels.length === 1) {
    const m = toMono(audio);
    return fromData(m, [m.length], 'float32');
  }
  const n = audio.channels[0]!.length;
  const out = new Float32Array(audio.channels.length * n);
  audio.channels.forEach((c, i) => out.set(c, i * n));
  return fromData(out, [audio.channels.length, n], 'float32');
}
