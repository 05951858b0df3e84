/**
 * Validation samples as the page shows them: images as PNG, spectrograms as PNG pictures (low
 * frequencies at the bottom), video as a strip of frames, audio as a playable WAV, text as text —
 * all as data: URLs inside the run's events, so a stored run reopens with its pictures. PNGs are
 * encoded with sharp (Node).
 */
import type { Tensor } from '../core/tensor.js';
import { TesseraError } from '../core/errors.js';
import { encodeWav } from '../data/audio/wav.js';

export type SampleKind = 'image' | 'spectrogram' | 'video' | 'text';

export interface SampleView {
  /** data: URL of a PNG (images, spectrograms, frame strips). */
  image?: string;
  /** data: URL of a WAV (audio with a play button). */
  audio?: string;
  text?: string;
  label: string;
}

/** Scales values to 0..255 bytes (min–max, unless already in [0, 1]). */
function toBytes(values: Float32Array | Float64Array | Int32Array | Uint8Array): Uint8Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo >= 0 && hi <= 1) [lo, hi] = [0, 1];
  const span = hi - lo || 1;
  return Uint8Array.from(values, (v) => Math.round(((v - lo) / span) * 255));
}

async function png(bytes: Uint8Array, width: number, height: number, channels: 1 | 3, scale = 1): Promise<string> {
  const sharp = (await import('sharp')).default;
  let img = sharp(bytes, { raw: { width, height, channels } });
  if (scale !== 1) img = img.resize(Math.round(width * scale), Math.round(height * scale), { kernel: 'nearest' });
  return `data:image/png;base64,${(await img.png().toBuffer()).toString('base64')}`;
}

/** A picture of one sample `x` (its batch axis removed) of the given kind. */
export async function renderSample(kind: SampleKind, x: Tensor, decodeText?: (ids: number[]) => string): Promise<Omit<SampleView, 'label'>> {
  const data = (await x.data()) as Float32Array;
  const s = x.shape;
  switch (kind) {
    case 'image': {
      const [h, w, c] = s.length === 2 ? [s[0]!, s[1]!, 1] : [s[0]!, s[1]!, s[2]!];
      if (c !== 1 && c !== 3) throw new TesseraError(`dashboard: an image sample needs 1 or 3 channels. Received: shape [${s.join(', ')}]`);
      return { image: await png(toBytes(data), w, h, c as 1 | 3, Math.max(1, Math.ceil(96 / w))) };
    }
    case 'spectrogram': {
      // [frames, bins] → bins as rows, lowest frequency at the bottom.
      const [frames, bins] = [s[0]!, s[1]!];
      const flipped = new Float32Array(frames * bins);
      for (let t = 0; t < frames; t++) for (let b = 0; b < bins; b++) flipped[(bins - 1 - b) * frames + t] = data[t * bins + b]!;
      return { image: await png(toBytes(flipped), frames, bins, 1, 2) };
    }
    case 'video': {
      // [frames, h, w, c]: up to 8 frames side by side.
      const [n, h, w, c] = [s[0]!, s[1]!, s[2]!, s[3]!];
      const picks = Array.from({ length: Math.min(8, n) }, (_, k) => Math.floor(((k + 0.5) * n) / Math.min(8, n)));
      const bytes = toBytes(data);
      const strip = new Uint8Array(h * w * picks.length * c);
      picks.forEach((f, k) => {
        for (let y = 0; y < h; y++) strip.set(bytes.subarray(((f * h + y) * w) * c, ((f * h + y) * w + w) * c), (y * w * picks.length + k * w) * c);
      });
      return { image: await png(strip, w * picks.length, h, c === 1 ? 1 : 3, h < 64 ? 2 : 1) };
    }
    case 'text': {
      const ids = Array.from(data, Number);
      return { text: decodeText ? decodeText(ids) : ids.filter((v) => v !== 0).join(' ') };
    }
  }
}

/** A mono waveform as a playable WAV data: URL. */
export function renderAudio(wave: Float32Array, sampleRate: number): string {
  const bytes = encodeWav({ sampleRate, channels: [wave] }, { bitDepth: 16 });
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:audio/wav;base64,${btoa(binary)}`;
}
