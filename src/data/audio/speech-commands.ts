/**
 * The Speech Commands layout (Warden 2018): one folder per word of 1-second WAVs,
 * `validation_list.txt` and `testing_list.txt` naming files (relative paths, '/'-separated) of the
 * validation and test splits — everything else trains — and `_background_noise_/` holding long
 * noise clips for augmentation (not a class).
 */
import { TesseraError } from '../../core/errors.js';
import { fromData } from '../../core/tensor.js';
import { exists, joinPath, nodeFs } from '../../io/node-fs.js';
import { labelledFiles, listClassFolders, type ClassFolderListing, type LabelledFiles } from '../files.js';
import { padOrTrim } from './augment.js';
import { resample } from './resample.js';
import { readWav, toMono } from './wav.js';

export interface SpeechCommandsOptions {
  /** Resample every clip to this rate. Default 16000. */
  sampleRate?: number;
  /** Pad or trim every clip to this many samples. Default sampleRate (one second). */
  length?: number;
  /** Only these words, in this order (labels follow it). Default every word folder. */
  words?: readonly string[];
}

export interface SpeechCommands {
  classNames: string[];
  train: LabelledFiles;
  validation: LabelledFiles;
  test: LabelledFiles;
  /** The background-noise clips (mono, at sampleRate), for `mixBackground`. */
  backgroundNoise(): Promise<Float32Array[]>;
}

/** A WAV file as mono samples at `sampleRate`. */
export async function loadWaveform(path: string, sampleRate: number): Promise<Float32Array> {
  const audio = await readWav(path);
  const mono = toMono(audio);
  return audio.sampleRate === sampleRate ? mono : resample(mono, audio.sampleRate, sampleRate);
}

export async function loadSpeechCommands(dir: string, options: SpeechCommandsOptions = {}): Promise<SpeechCommands> {
  const sampleRate = options.sampleRate ?? 16000;
  const length = options.length ?? sampleRate;
  for (const [k, v] of [['sampleRate', sampleRate], ['length', length]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new TesseraError(`loadSpeechCommands: ${k} must be an integer ≥ 1. Received: ${k}=${v}`);
  }
  const listing = await listClassFolders(dir, { extensions: ['wav'], exclude: ['_background_noise_'], classNames: options.words });
  const fs = await nodeFs('loadSpeechCommands');
  const readList = async (name: string): Promise<Set<string>> => {
    const file = joinPath(dir, name);
    if (!(await exists(fs, file))) return new Set();
    const text = await fs.readFile(file, 'utf8');
    return new Set(text.split(/\r?\n/).map((l) => l.trim().replace(/\\/g, '/').replace(/^\.\//, '')).filter((l) => l.length > 0));
  };
  const [validationList, testList] = await Promise.all([readList('validation_list.txt'), readList('testing_list.txt')]);
  // The lists name files relative to dir with '/'; path.relative undoes listClassFolders' path.join
  // (which normalises './dir' to 'dir', so a prefix test would miss and put every file in train).
  const path = await import('node:path');
  const relative = (f: string): string => path.relative(dir, f).split(path.sep).join('/');
  const part = (keep: (rel: string) => boolean): ClassFolderListing => {
    const idx = listing.files.map((f, i) => [relative(f), i] as const).filter(([rel]) => keep(rel)).map(([, i]) => i);
    return { classNames: listing.classNames, files: idx.map((i) => listing.files[i]!), labels: Int32Array.from(idx, (i) => listing.labels[i]!) };
  };
  const decode = async (file: string) => {
    const samples = padOrTrim(await loadWaveform(file, sampleRate), length);
    return fromData(samples, [length], 'float32');
  };
  const wrap = (l: ClassFolderListing) => labelledFiles(l, decode, 'loadSpeechCommands');
  return {
    classNames: listing.classNames,
    train: wrap(part((r) => !validationList.has(r) && !testList.has(r))),
    validation: wrap(part((r) => validationList.has(r))),
    test: wrap(part((r) => testList.has(r))),
    async backgroundNoise() {
      const noiseDir = joinPath(dir, '_background_noise_');
      if (!(await exists(fs, noiseDir))) return [];
      const entries = await fs.readdir(noiseDir);
      const names = entries.filter((n) => n.toLowerCase().endsWith('.wav')).sort();
      if (names.length === 0) throw new TesseraError(`loadSpeechCommands: '${noiseDir}' holds no .wav files. Received: ${entries.length} other entries`);
      return Promise.all(names.map((n) => loadWaveform(joinPath(noiseDir, n), sampleRate)));
    },
  };
}
