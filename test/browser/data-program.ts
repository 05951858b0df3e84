/**
 * tsr.data in the page and in Node (the same code, tessera passed in, as mlp-program.ts): a seeded
 * shuffle+map+padded-batch pipeline, WAV encode/decode with MFCCs, a BPE tokenizer, CSV parsing.
 * Imports types only, so it bundles alone for the page.
 */
import type * as Tessera from '../../src/api.js';

type Tsr = typeof Tessera;

export interface DataResult {
  batches: number[][][];
  wavRate: number;
  mfccShape: number[];
  mfccFirst: number[];
  bpeIds: number[];
  bpeRoundTrip: string;
  csvRows: string[][];
}

export async function dataChecks(tsr: Tsr): Promise<DataResult> {
  const { data } = tsr;
  const seqs = [[1], [2, 2], [3, 3, 3], [4], [5, 5]].map((s) => Int32Array.from(s));
  const batches: number[][][] = [];
  for await (const b of data.fromArrays(seqs).shuffle(5, { seed: 3 }).map(async (s) => s.map((v) => v * 10)).batch(2, { padValue: -1 })) {
    batches.push((await b.array()) as number[][]);
  }
  const sr = 8000;
  const tone = Float32Array.from({ length: 2048 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / sr));
  const wav = data.audio.decodeWav(data.audio.encodeWav({ sampleRate: sr, channels: [tone] }));
  const mfcc = data.audio.mfcc(tsr.tensor(wav.channels[0]!), { nFft: 256, hopLength: 128, sampleRate: sr, numMelBins: 20, numMfcc: 5 });
  const mfccData = (await mfcc.data()) as Float32Array;
  const bpe = data.text.bpeTokenizer('low lower lowest newer newest wider widest '.repeat(5), { vocabSize: 270 });
  const text = 'the lowest newest 👋';
  const { rows } = data.parseCsv('a,b\n1,"x, y"\n2,z\n');
  return {
    batches, wavRate: wav.sampleRate, mfccShape: mfcc.shape as number[], mfccFirst: Array.from(mfccData.subarray(0, 5)),
    bpeIds: bpe.encode(text), bpeRoundTrip: bpe.decode(bpe.encode(text)), csvRows: rows,
  };
}
