/**
 * speech-ctc: speech to text — log-mel features → Conv1D (stride 2) → bidirectional GRU → Dense
 * over the characters plus the CTC blank, trained with the CTC loss on (WAV, transcript) pairs.
 * The report adds the character error rate of greedy and beam-search decoding on the test clips.
 * 20% of the pairs are held out (seeded).
 */
import * as tsr from '../api.js';
import { exists, nodeFs } from '../io/node-fs.js';
import { MEL_BINS, SAMPLE_RATE, logMel } from './audio-features.js';
import type { Recipe, RecipeData } from './recipe.js';
import { splitRows } from './split.js';

/** Edit distance between two sequences (Levenshtein; substitutions, insertions, deletions cost 1). */
export function editDistance(a: readonly unknown[], b: readonly unknown[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

async function pairs(dir: string): Promise<{ wav: string; text: string }[]> {
  const fs = await nodeFs('speech-ctc');
  const out: { wav: string; text: string }[] = [];
  for (const wav of await tsr.data.listFiles(dir, ['wav'], 'speech-ctc')) {
    const txt = wav.slice(0, -4) + '.txt';
    if (!(await exists(fs, txt))) throw new tsr.TesseraError(`speech-ctc: '${wav}' has no transcript '${txt}'`);
    out.push({ wav, text: (await tsr.data.text.readUtf8('speech-ctc', txt)).trim().toLowerCase() });
  }
  if (out.length < 2) throw new tsr.TesseraError(`speech-ctc: '${dir}' needs at least 2 (name.wav, name.txt) pairs. Received: ${out.length}`);
  return out;
}

export const speechCtc: Recipe = {
  name: 'speech-ctc',
  description: 'log-mel 40 → Conv1D 128 (stride 2) → bidirectional GRU 128 → Dense, CTC loss, greedy/beam decoding',
  dataLayout: 'a folder of (name.wav, name.txt) pairs: audio and its transcript',
  expected: 'character error rate 1.4% greedy, 0.8% beam on two-digit strings spoken by espeak-ng',
  defaults: { epochs: 30, batchSize: 16 },
  async load(options): Promise<RecipeData> {
    if (!options.data) throw new tsr.TesseraError('speech-ctc: pass --data <folder of wav + txt pairs>');
    const items = (await pairs(options.data)).slice(0, options.limit);
    const alphabet = (options.saved?.['alphabet'] as string[] | undefined) ?? [...new Set(items.flatMap((p) => Array.from(p.text)))].sort();
    const waves = await Promise.all(items.map((p) => tsr.data.audio.loadWaveform(p.wav, SAMPLE_RATE)));
    // Every clip padded to the longest (rounded up to 0.1 s), so the batch has one frame count.
    const samples = (options.saved?.['samples'] as number | undefined) ?? Math.ceil(Math.max(...waves.map((w) => w.length)) / 1600) * 1600;
    const x = logMel(tsr.stack(waves.map((w) => tsr.tensor(tsr.data.audio.padOrTrim(w, samples)))));
    const maxLabel = Math.max(...items.map((p) => Array.from(p.text).length));
    const labels = new Int32Array(items.length * maxLabel).fill(-1);
    items.forEach((p, i) => Array.from(p.text).forEach((ch, k) => {
      const id = alphabet.indexOf(ch);
      if (id < 0) throw new tsr.TesseraError(`speech-ctc: the transcript of '${p.wav}' has '${ch}', which the trained model's alphabet lacks`);
      labels[i * maxLabel + k] = id + 1; // 0 is the CTC blank
    }));
    const y = tsr.tensor(labels, [items.length, maxLabel], 'int32');
    const [[xTrain, yTrain], [xTest, yTest]] = splitRows([x, y], 0.2, options.seed);
    return {
      train: { x: xTrain!, y: yTrain! },
      test: { x: xTest!, y: yTest! },
      description: `${options.data}: ${items.length} clips (${(samples / SAMPLE_RATE).toFixed(1)} s, ${x.shape[1]} frames), ${alphabet.length} characters`,
      metadata: { alphabet, samples },
    };
  },
  build(data) {
    const { alphabet } = data.metadata as { alphabet: string[] };
    const frames = ('x' in data.train ? (data.train.x as tsr.Tensor) : null)!.shape[1]!;
    const model = tsr.sequential([
      tsr.layers.conv1d({ filters: 128, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu', inputShape: [frames, MEL_BINS] }),
      tsr.layers.bidirectional({ layer: tsr.layers.gru({ units: 128, returnSequences: true }) }),
      tsr.layers.dense({ units: alphabet.length + 1 }),
    ], { name: 'speech_ctc' });
    model.compile({ optimizer: tsr.optimizers.adam({ learningRate: 1e-3, clipnorm: 5 }), loss: tsr.losses.ctc() });
    return model;
  },
  /** Character error rates of greedy and beam-search (width 8) decoding on the test clips. */
  async testMetrics(model, data): Promise<Record<string, number>> {
    if (!('x' in data.test)) return {};
    const logits = (await model.predict(data.test.x)) as tsr.Tensor;
    const truth = ((await data.test.y.array()) as number[][]).map((row) => row.filter((v) => v > 0));
    const total = truth.reduce((a, t) => a + t.length, 0);
    const greedy = tsr.losses.ctcGreedyDecode(logits);
    const beam = tsr.losses.ctcBeamSearchDecode(logits, { beamWidth: 8 }).paths.map((p) => p[0]!);
    const cer = (decoded: number[][]) => decoded.reduce((a, d, i) => a + editDistance(d, truth[i]!), 0) / total;
    return { cer_greedy: cer(greedy), cer_beam: cer(beam) };
  },
};
