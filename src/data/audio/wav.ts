/**
 * WAV files: decoding to channels of float samples in [-1, 1] (PCM 8-bit unsigned, 16/24/32-bit
 * signed, 32/64-bit IEEE float, and WAVE_FORMAT_EXTENSIBLE holding either), and encoding.
 *
 * wavefile reads the header; the rest is checked and converted here, because wavefile alone
 * (v11, measured) gives silently wrong results on legal and corrupt files alike: it reads a
 * truncated data chunk as a shorter clip, extensible float as integers, mu-law-in-extensible,
 * 16/24-bit "float" and 64-bit integer PCM as if they were supported, and pads a partial frame with
 * an invented zero. Its sample conversion (getSamples) also costs ~4 ms per 1-second 16-bit clip,
 * ~10× the typed loop below, which matters for a data set of 100,000 clips decoded every epoch.
 */
import * as wavefileModule from 'wavefile';
import { TesseraError } from '../../core/errors.js';
import { fromData, type Tensor } from '../../core/tensor.js';
import { readFileBytes } from '../../io/node-fs.js';

export interface Audio {
  sampleRate: number;
  /** One Float32Array per channel, samples in [-1, 1] (float files are passed through unclipped). */
  channels: Float32Array[];
}

// wavefile's CommonJS build (Node) has only a default export; its ES module (bundlers) names WaveFile.
type WaveFileClass = typeof import('wavefile').WaveFile;
// (Reflect.get: a plain `.default` on the ES module makes bundlers warn that it has no such export.)
const WaveFile: WaveFileClass = (wavefileModule as unknown as { WaveFile?: WaveFileClass }).WaveFile
  ?? (Reflect.get(wavefileModule, 'default') as { WaveFile: WaveFileClass }).WaveFile;

const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;
/** The 12 bytes after the format code in the standard KSDATAFORMAT_SUBTYPE_* GUIDs (…-0000-0010-8000-00aa00389b71). */
const GUID_TAIL = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

interface WavLayout {
  /** The data chunk's body: where it starts and its declared size in bytes. */
  dataOffset: number;
  dataSize: number;
  /** The fmt chunk's body (its SubFormat GUID is read from here). */
  fmtOffset: number;
  fmtSize: number;
}

function fourCC(b: Uint8Array, at: number): string {
  return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
}

function invalid(name: string, what: string): never {
  throw new TesseraError(`decodeWav: ${name} is not a valid WAV file: ${what}`);
}

/**
 * Walks the RIFF chunks: 'fmt ' and 'data' must be there and inside the file. The RIFF size field
 * itself is not trusted (streaming writers leave it 0 or too large); chunks after the data chunk
 * that overrun the file are ignored (trailing junk does not spoil the samples before it).
 */
function walkRiff(bytes: Uint8Array, name: string): WavLayout {
  if (bytes.length < 12) invalid(name, `expected a 12-byte RIFF header. Received: ${bytes.length} bytes`);
  if (fourCC(bytes, 0) !== 'RIFF' || fourCC(bytes, 8) !== 'WAVE') {
    invalid(name, `expected 'RIFF' … 'WAVE'. Received: '${fourCC(bytes, 0)}' … '${fourCC(bytes, 8)}'`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: [number, number] | null = null;
  let data: [number, number] | null = null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = fourCC(bytes, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    const overruns = body + size > bytes.length;
    if (id === 'fmt ' && !fmt) {
      if (size < 16 || overruns) invalid(name, `the fmt chunk must hold at least 16 bytes inside the file. Received: a ${size}-byte fmt chunk with ${bytes.length - body} bytes left`);
      fmt = [body, size];
    } else if (id === 'data' && !data) {
      if (overruns) invalid(name, `the data chunk declares ${size} bytes but only ${bytes.length - body} follow (truncated file?)`);
      data = [body, size];
    } else if (overruns && !data) {
      invalid(name, `the ${JSON.stringify(id)} chunk declares ${size} bytes but only ${bytes.length - body} follow, before any data chunk`);
    }
    at = body + size + (size & 1); // chunks are padded to even sizes
  }
  if (!fmt) invalid(name, "no 'fmt ' chunk");
  if (!data) invalid(name, "no 'data' chunk");
  return { fmtOffset: fmt[0], fmtSize: fmt[1], dataOffset: data[0], dataSize: data[1] };
}

interface SampleFormat {
  kind: 'uint8' | 'int' | 'float';
  bits: number;
  channels: number;
  sampleRate: number;
}

/** Reads the header with wavefile and checks it is a sample format this decoder handles exactly. */
function readFormat(bytes: Uint8Array, layout: WavLayout, name: string): SampleFormat {
  const wav = new WaveFile();
  try {
    wav.fromBuffer(bytes, false); // header only: the samples are converted below
  } catch (e) {
    invalid(name, (e as Error).message);
  }
  const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; blockAlign: number; bitsPerSample: number; cbSize: number };
  let code = fmt.audioFormat;
  if (code === EXTENSIBLE) {
    // The real format is the first two bytes of the SubFormat GUID (fmt bytes 24..40).
    if (layout.fmtSize < 40) invalid(name, `an extensible fmt chunk needs 40 bytes (with its SubFormat GUID). Received: ${layout.fmtSize} bytes`);
    const guid = bytes.subarray(layout.fmtOffset + 24, layout.fmtOffset + 40);
    code = guid[0]! | (guid[1]! << 8);
    const standard = guid[2] === 0 && guid[3] === 0 && GUID_TAIL.every((b, i) => guid[4 + i] === b);
    if (!standard) invalid(name, `only PCM and IEEE float samples are supported. Received: an extensible SubFormat GUID that is neither (${hex(guid)})`);
  }
  const { numChannels: channels, sampleRate, bitsPerSample: bits, blockAlign } = fmt;
  const where = fmt.audioFormat === EXTENSIBLE ? ' (in WAVE_FORMAT_EXTENSIBLE)' : '';
  let kind: SampleFormat['kind'];
  if (code === PCM && [8, 16, 24, 32].includes(bits)) kind = bits === 8 ? 'uint8' : 'int';
  else if (code === IEEE_FLOAT && (bits === 32 || bits === 64)) kind = 'float';
  else if (code === PCM || code === IEEE_FLOAT) {
    invalid(name, `${code === PCM ? 'PCM samples must be 8, 16, 24 or 32 bits' : 'float samples must be 32 or 64 bits'}${where}. Received: ${bits} bits`);
  } else {
    invalid(name, `only PCM (format 1) and IEEE float (format 3) samples are supported, not compressed codecs${where}. Received: format ${code}`);
  }
  if (channels < 1) invalid(name, `expected at least one channel. Received: ${channels}`);
  if (sampleRate < 1) invalid(name, `expected a positive sample rate. Received: ${sampleRate}`);
  if (blockAlign !== (channels * bits) / 8) {
    // A frame size that disagrees with channels × bytes means the interleaving cannot be trusted.
    invalid(name, `blockAlign must be channels × bytes per sample = ${(channels * bits) / 8}. Received: blockAlign=${blockAlign}`);
  }
  return { kind: kind!, bits, channels, sampleRate };
}

function hex(b: Uint8Array): string {
  return Array.from(b, (v) => v.toString(16).padStart(2, '0')).join('');
}

/**
 * Decodes WAV bytes; `source` names the file in errors. A partial frame at the end of the data
 * chunk (a writer cut short mid-frame) is dropped, as libsndfile does.
 */
export function decodeWav(bytes: Uint8Array, source = 'buffer'): Audio {
  const layout = walkRiff(bytes, source);
  const { kind, bits, channels: count, sampleRate } = readFormat(bytes, layout, source);
  const width = bits / 8;
  const frames = Math.floor(layout.dataSize / (width * count));
  const view = new DataView(bytes.buffer, bytes.byteOffset + layout.dataOffset, frames * width * count);
  const channels = Array.from({ length: count }, () => new Float32Array(frames));
  for (let c = 0; c < count; c++) {
    const out = channels[c]!;
    const stride = width * count;
    let at = c * width;
    if (kind === 'uint8') for (let i = 0; i < frames; i++, at += stride) out[i] = (view.getUint8(at) - 128) / 128;
    else if (bits === 16) for (let i = 0; i < frames; i++, at += stride) out[i] = view.getInt16(at, true) / 32768;
    else if (bits === 24) {
      for (let i = 0; i < frames; i++, at += stride) {
        out[i] = ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16))) / 8388608;
      }
    } else if (kind === 'int') for (let i = 0; i < frames; i++, at += stride) out[i] = view.getInt32(at, true) / 2147483648;
    else {
      for (let i = 0; i < frames; i++, at += stride) {
        // (fround: a finite float64 sample beyond float32's range would become an infinity here.)
        const v = bits === 32 ? view.getFloat32(at, true) : Math.fround(view.getFloat64(at, true));
        // A NaN or infinity would poison every feature and gradient computed from the clip.
        if (!Number.isFinite(v)) invalid(source, `float samples must be finite. Received: ${v} at frame ${i} of channel ${c}`);
        out[i] = v;
      }
    }
  }
  return { sampleRate, channels };
}

/** Reads and decodes a WAV file (Node). */
export async function readWav(path: string): Promise<Audio> {
  return decodeWav(await readFileBytes('readWav', path), `'${path}'`);
}

export type WavBitDepth = 8 | 16 | 24 | 32 | '32f' | '64f';

/** WAV bytes of the channels (equal lengths): 16-bit PCM (default), 8/24/32-bit PCM, or 32/64-bit float. */
export function encodeWav(audio: Audio, options: { bitDepth?: WavBitDepth } = {}): Uint8Array {
  const depth = options.bitDepth ?? 16;
  if (![8, 16, 24, 32, '32f', '64f'].includes(depth)) {
    throw new TesseraError(`encodeWav: bitDepth must be 8, 16, 24, 32, '32f' or '64f'. Received: bitDepth=${JSON.stringify(depth)}`);
  }
  const n = audio.channels[0]?.length ?? 0;
  if (audio.channels.length === 0 || audio.channels.some((c) => c.length !== n)) {
    throw new TesseraError(`encodeWav: expected one or more channels of equal length. Received: lengths ${audio.channels.map((c) => c.length).join(', ') || 'none'}`);
  }
  if (!(Number.isInteger(audio.sampleRate) && audio.sampleRate > 0)) {
    throw new TesseraError(`encodeWav: sampleRate must be a positive integer. Received: sampleRate=${audio.sampleRate}`);
  }
  const float = typeof depth === 'string';
  const full = float ? 1 : 2 ** (depth - 1);
  // 8-bit WAV is unsigned (offset 128); the others are signed.
  const offset = depth === 8 ? 128 : 0;
  const samples = audio.channels.map((c) => Float64Array.from(c, (v) => (float ? v : offset + Math.max(-full, Math.min(full - 1, Math.round(v * full))))));
  const w = new WaveFile();
  w.fromScratch(samples.length, audio.sampleRate, depth === '64f' ? '64' : String(depth), samples);
  const fmt = w.fmt as { audioFormat: number; subformat: number[] };
  // wavefile writes more than two channels as extensible with a PCM SubFormat, float data included.
  if (float && fmt.audioFormat === EXTENSIBLE) fmt.subformat[0] = IEEE_FLOAT;
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
