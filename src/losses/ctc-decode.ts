/**
 * CTC decoders, on the host: best path (greedy) and prefix beam search. Input [batch, time,
 * classes] logits or probabilities; a decoded sequence merges repeated classes and drops blanks.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';

export interface CtcDecodeOptions {
  /** The class index of the CTC blank. */
  blankIndex?: number;
  /** Valid time steps per sample (default: all). */
  logitLengths?: readonly number[] | Tensor;
}

export interface CtcBeamSearchOptions extends CtcDecodeOptions {
  /** Prefixes kept after each time step. */
  beamWidth?: number;
  /** Number of most probable sequences returned per sample. */
  topPaths?: number;
  /** The input holds logits (log-softmax is applied per frame); false: probabilities. */
  fromLogits?: boolean;
}

export interface CtcBeamSearchResult {
  /** paths[b][k]: the k-th most probable label sequence of sample b. */
  paths: number[][][];
  /** logProbs[b][k]: its log-probability (summed over the alignments the beam kept). */
  logProbs: number[][];
}

interface Frames {
  batch: number;
  time: number;
  classes: number;
  data: Float64Array;
  lengths: number[];
}

function readFrames(op: string, x: Tensor, opts: CtcDecodeOptions): Frames & { blank: number } {
  if (x.rank !== 3) throw new TesseraError(`${op}: expected [batch, time, classes] scores. Received: shape [${x.shape.join(',')}]`);
  const [batch, time, classes] = x.shape as [number, number, number];
  const blank = opts.blankIndex ?? 0;
  if (!(Number.isInteger(blank) && blank >= 0 && blank < classes)) throw new TesseraError(`${op}: blankIndex must be an integer in [0, ${classes - 1}]. Received: blankIndex=${blank}`);
  const given = opts.logitLengths;
  const lengths = given === undefined ? new Array<number>(batch).fill(time) : Array.from(Array.isArray(given) ? given : ((given as Tensor).dataSync() as ArrayLike<number>), Number);
  if (lengths.length !== batch || lengths.some((n) => !(Number.isInteger(n) && n >= 0 && n <= time))) {
    throw new TesseraError(`${op}: logitLengths must hold ${batch} integers in [0, ${time}]. Received: [${lengths.join(', ')}]`);
  }
  return { batch, time, classes, blank, lengths, data: Float64Array.from(x.dataSync() as ArrayLike<number>, Number) };
}

/** Best path: the most probable class of each frame, repeats merged, blanks dropped. */
export function ctcGreedyDecode(probsOrLogits: Tensor, opts: CtcDecodeOptions = {}): number[][] {
  const { batch, time, classes, blank, lengths, data } = readFrames('ctcGreedyDecode', probsOrLogits, opts);
  const out: number[][] = [];
  for (let b = 0; b < batch; b++) {
    const seq: number[] = [];
    let prev = -1;
    for (let t = 0; t < lengths[b]!; t++) {
      const row = (b * time + t) * classes;
      let best = 0;
      for (let c = 1; c < classes; c++) if (data[row + c]! > data[row + best]!) best = c;
      if (best !== prev && best !== blank) seq.push(best);
      prev = best;
    }
    out.push(seq);
  }
  return out;
}

const logAdd = (a: number, b: number): number => {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
};

interface Beam {
  prefix: number[];
  /** log P(prefix, alignment ends in a blank) and log P(prefix, ends in its last label). */
  blank: number;
  label: number;
}

/**
 * Prefix beam search: keeps the `beamWidth` most probable label prefixes, each with the
 * probability of its alignments ending in a blank and in its last label (so "a_a" and "aa" stay
 * apart), and returns the `topPaths` best sequences per sample with their log-probabilities.
 */
export function ctcBeamSearchDecode(probsOrLogits: Tensor, opts: CtcBeamSearchOptions = {}): CtcBeamSearchResult {
  const { beamWidth = 16, topPaths = 1, fromLogits = true } = opts;
  if (!(Number.isInteger(beamWidth) && beamWidth >= 1)) throw new TesseraError(`ctcBeamSearchDecode: beamWidth must be an integer ≥ 1. Received: beamWidth=${beamWidth}`);
  if (!(Number.isInteger(topPaths) && topPaths >= 1 && topPaths <= beamWidth)) {
    throw new TesseraError(`ctcBeamSearchDecode: topPaths must be an integer in [1, beamWidth=${beamWidth}]. Received: topPaths=${topPaths}`);
  }
  const { batch, time, classes, blank, lengths, data } = readFrames('ctcBeamSearchDecode', probsOrLogits, opts);
  const result: CtcBeamSearchResult = { paths: [], logProbs: [] };
  const lp = new Float64Array(classes);
  for (let b = 0; b < batch; b++) {
    let beams: Beam[] = [{ prefix: [], blank: 0, label: -Infinity }];
    for (let t = 0; t < lengths[b]!; t++) {
      const row = (b * time + t) * classes;
      frameLogProbs(data, row, classes, fromLogits, lp);
      const next = new Map<string, Beam>();
      const at = (prefix: number[]): Beam => {
        const key = prefix.join(',');
        let beam = next.get(key);
        if (!beam) next.set(key, (beam = { prefix, blank: -Infinity, label: -Infinity }));
        return beam;
      };
      for (const beam of beams) {
        const total = logAdd(beam.blank, beam.label);
        const same = at(beam.prefix);
        same.blank = logAdd(same.blank, total + lp[blank]!);
        const last = beam.prefix.length ? beam.prefix[beam.prefix.length - 1]! : -1;
        for (let c = 0; c < classes; c++) {
          if (c === blank) continue;
          const extended = at([...beam.prefix, c]);
          if (c === last) {
            // A repeat extends the prefix only after a blank; otherwise it merges into the last label.
            extended.label = logAdd(extended.label, beam.blank + lp[c]!);
            same.label = logAdd(same.label, beam.label + lp[c]!);
          } else {
            extended.label = logAdd(extended.label, total + lp[c]!);
          }
        }
      }
      beams = [...next.values()].sort((x, y) => logAdd(y.blank, y.label) - logAdd(x.blank, x.label)).slice(0, beamWidth);
    }
    const best = beams.slice(0, topPaths);
    result.paths.push(best.map((x) => x.prefix));
    result.logProbs.push(best.map((x) => logAdd(x.blank, x.label)));
  }
  return result;
}

/** One frame's log-probabilities: log-softmax of logits, or the log of probabilities. */
function frameLogProbs(data: Float64Array, row: number, classes: number, fromLogits: boolean, out: Float64Array): void {
  if (!fromLogits) {
    for (let c = 0; c < classes; c++) out[c] = Math.log(data[row + c]!);
    return;
  }
  let m = -Infinity;
  for (let c = 0; c < classes; c++) m = Math.max(m, data[row + c]!);
  let s = 0;
  for (let c = 0; c < classes; c++) s += Math.exp(data[row + c]! - m);
  const lse = m + Math.log(s);
  for (let c = 0; c < classes; c++) out[c] = data[row + c]! - lse;
}
