/**
 * The CTC loss class (labels padded with −1, every frame used) against PyTorch's fixture, and the
 * host-side decoders on hand-made distributions: greedy best path, and prefix beam search where it
 * finds the more probable sequence that greedy misses, checked against brute-force enumeration.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../src/backends/reference/index.js';
import { grad } from '../../src/autograd/grad.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import { ctc, ctcBeamSearchDecode, ctcGreedyDecode, getLoss, CTC } from '../../src/losses/index.js';
import { expectClose } from '../helpers/test-op.js';

interface CtcCase { name: string; logits: number[]; shape: [number, number, number]; labels: number[][]; loss: number[]; logitLengths: number[] }
const fixture = JSON.parse(readFileSync(new URL('../fixtures/losses/ctc.json', import.meta.url), 'utf8')) as { cases: CtcCase[] };

describe('CTC loss class', () => {
  const c = fixture.cases.find((x) => x.name === 'full lengths')!;
  const logits = tensor(c.logits, c.shape);
  const labels = tensor(c.labels.flat(), [c.labels.length, c.labels[0]!.length]);

  it('per-sample values equal PyTorch, reduced the Keras way', () => {
    expect(c.logitLengths.every((n) => n === c.shape[1])).toBe(true);
    expectClose(ctc({ reduction: 'none' }).call(labels, logits).dataSync() as Float32Array, c.loss, 1e-5, 1e-5, 'per sample');
    expectClose(ctc().call(labels, logits).dataSync() as Float32Array, [(c.loss[0]! + c.loss[1]!) / 2], 1e-5, 1e-5, 'mean');
    expectClose(getLoss('ctc').call(labels, logits, tensor([2, 0])).dataSync() as Float32Array, [c.loss[0]!], 1e-5, 1e-5, 'weighted');
  });

  it('has finite gradients with respect to the logits', () => {
    const g = grad((x: Tensor) => ctc().call(labels, x))(logits) as Tensor;
    const v = g.dataSync() as Float32Array;
    expect(v.every(Number.isFinite)).toBe(true);
    // Each frame's gradient of a log-softmax loss sums to 0 over the classes.
    for (let f = 0; f < v.length / c.shape[2]; f++) {
      const s = Array.from(v.subarray(f * c.shape[2], (f + 1) * c.shape[2])).reduce((a, b) => a + b, 0);
      expect(Math.abs(s)).toBeLessThan(1e-6);
    }
  });

  it('is a Keras-named, registered class', () => {
    expect(getLoss('ctc')).toBeInstanceOf(CTC);
    expect(ctc().name).toBe('ctc');
  });
});

/** Frames of probabilities [T][C] as a [1, T, C] tensor of logits (their logs). */
const asLogits = (frames: number[][]): Tensor => tensor([frames.map((f) => f.map(Math.log))]);
const asProbs = (frames: number[][]): Tensor => tensor([frames]);

/** Exact probability of every label sequence: all C^T alignments, collapsed. */
function bruteForce(frames: number[][], blank = 0): Map<string, number> {
  const T = frames.length, C = frames[0]!.length;
  const out = new Map<string, number>();
  for (let code = 0; code < C ** T; code++) {
    let p = 1, prev = -1, rest = code;
    const seq: number[] = [];
    for (let t = 0; t < T; t++) {
      const k = rest % C;
      rest = Math.floor(rest / C);
      p *= frames[t]![k]!;
      if (k !== prev && k !== blank) seq.push(k);
      prev = k;
    }
    out.set(seq.join(','), (out.get(seq.join(',')) ?? 0) + p);
  }
  return out;
}

describe('ctcGreedyDecode', () => {
  it('takes the best class per frame, merges repeats, drops blanks', () => {
    const frames = [[0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.1, 0.7, 0.2], [0.1, 0.1, 0.8], [0.1, 0.1, 0.8]];
    expect(ctcGreedyDecode(asProbs(frames))).toEqual([[1, 1, 2]]);
    expect(ctcGreedyDecode(asLogits(frames))).toEqual([[1, 1, 2]]);
    expect(ctcGreedyDecode(asProbs(frames), { blankIndex: 2 })).toEqual([[1, 0, 1]]);
    expect(ctcGreedyDecode(asProbs(frames), { logitLengths: [3] })).toEqual([[1]]);
  });

  it('decodes each sample of a batch up to its length', () => {
    const x = tensor([[[0, 5], [5, 0], [0, 5]], [[5, 0], [0, 5], [0, 5]]]);
    expect(ctcGreedyDecode(x, { logitLengths: tensor([3, 1], [2], 'int32') })).toEqual([[1, 1], []]);
  });
});

describe('ctcBeamSearchDecode', () => {
  it('finds the sequence greedy misses (many alignments beat one best path)', () => {
    // Each frame: blank 0.6, a 0.4. Best path "__" → "" (0.36); "a" has a_, _a, aa: 0.64.
    const frames = [[0.6, 0.4], [0.6, 0.4]];
    expect(ctcGreedyDecode(asProbs(frames))).toEqual([[]]);
    const r = ctcBeamSearchDecode(asProbs(frames), { fromLogits: false, topPaths: 2 });
    expect(r.paths).toEqual([[[1], []]]);
    expectClose(r.logProbs[0]!, [Math.log(0.64), Math.log(0.36)], 1e-7, 1e-6, 'log-probabilities (float32 inputs)');
  });

  it('keeps "aa" (a blank between) apart from "a" and matches brute force', () => {
    const frames = [[0.3, 0.5, 0.2], [0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.4, 0.2, 0.4]];
    const exact = [...bruteForce(frames).entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
    const r = ctcBeamSearchDecode(asLogits(frames), { beamWidth: 64, topPaths: 4 });
    expect(r.paths[0]!.map((p) => p.join(','))).toEqual(exact.map(([k]) => k));
    expectClose(r.logProbs[0]!, exact.map(([, p]) => Math.log(p)), 1e-7, 1e-6, 'log-probabilities (float32 inputs)');
    expect(exact.map(([k]) => k)).toContain('1,1');
    expect(exact[0]![0]).not.toBe(ctcGreedyDecode(asLogits(frames))[0]!.join(','));
  });

  it('a beam of width 1 is greedy on prefixes; logit lengths cut each sample', () => {
    const frames = [[0.6, 0.4], [0.6, 0.4]];
    const two = tensor([frames.map((f) => f.map(Math.log)), frames.map((f) => f.map(Math.log))]);
    const r = ctcBeamSearchDecode(two, { logitLengths: [2, 1] });
    expect(r.paths).toEqual([[[1]], [[]]]);
    expectClose([r.logProbs[0]![0]!, r.logProbs[1]![0]!], [Math.log(0.64), Math.log(0.6)], 1e-7, 1e-6, 'log-probabilities (float32 inputs)');
    expect(ctcBeamSearchDecode(two, { beamWidth: 1 }).paths[0]).toEqual([[]]);
  });

  it('rejects bad options, naming what it received', () => {
    const x = tensor([[[0, 1]]]);
    expect(() => ctcBeamSearchDecode(x, { beamWidth: 0 })).toThrow('ctcBeamSearchDecode: beamWidth must be an integer ≥ 1. Received: beamWidth=0');
    expect(() => ctcBeamSearchDecode(x, { beamWidth: 2, topPaths: 3 })).toThrow('topPaths must be an integer in [1, beamWidth=2]. Received: topPaths=3');
    expect(() => ctcGreedyDecode(x, { blankIndex: 2 })).toThrow('ctcGreedyDecode: blankIndex must be an integer in [0, 1]. Received: blankIndex=2');
    expect(() => ctcGreedyDecode(tensor([0, 1]))).toThrow('ctcGreedyDecode: expected [batch, time, classes] scores. Received: shape [2]');
    expect(() => ctcGreedyDecode(x, { logitLengths: [2] })).toThrow('logitLengths must hold 1 integers in [0, 1]. Received: [2]');
  });
});
