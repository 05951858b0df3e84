import * as tsr from '../../src/index.js';
import type { OpCase } from '../helpers/test-op.js';

/** A case input as the reference functions see it. */
type Ref = { data: number[]; shape: readonly number[] };

const F32 = Math.fround;

/** Applies `f` to every 1-D line of x along `axis`, writing the results back in place order. */
function mapAlong(x: Ref, axis: number, f: (line: number[]) => number[]): number[] {
  const a = axis < 0 ? axis + x.shape.length : axis;
  const n = x.shape[a]!;
  const inner = x.shape.slice(a + 1).reduce((p, d) => p * d, 1);
  const outer = x.data.length / (n * inner);
  const out = new Array<number>(x.data.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const idx = Array.from({ length: n }, (_, j) => o * n * inner + j * inner + i);
      const res = f(idx.map((p) => x.data[p]!));
      idx.forEach((p, j) => { out[p] = res[j]!; });
    }
  }
  return out;
}

/** Reduces every line along `axis` to one value (the result in row-major order of the other axes). */
function reduceAlong(x: Ref, axis: number, f: (line: number[]) => number): number[] {
  const a = axis < 0 ? axis + x.shape.length : axis;
  const n = x.shape[a]!;
  const inner = x.shape.slice(a + 1).reduce((p, d) => p * d, 1);
  const outer = x.data.length / (n * inner);
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) out.push(f(Array.from({ length: n }, (_, j) => x.data[o * n * inner + j * inner + i]!)));
  }
  return out;
}

const sumOf = (v: number[]): number => v.reduce((a, b) => a + b, 0);
const meanOf = (v: number[]): number => sumOf(v) / v.length;
const softmaxLine = (v: number[]): number[] => {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = sumOf(e);
  return e.map((x) => x / s);
};
const logSoftmaxLine = (v: number[]): number[] => {
  const m = Math.max(...v);
  const lse = m + Math.log(sumOf(v.map((x) => Math.exp(x - m))));
  return v.map((x) => x - lse);
};
/** Keras' probability clipping, in float32 as Keras computes it. */
const clipP = (p: number): number => Math.min(Math.max(p, F32(1e-7)), F32(1 - 1e-7));

/** Per-example cross-entropy from probabilities, Keras style: renormalise, clip, log. */
const probLogLine = (v: number[]): number[] => {
  const s = sumOf(v);
  return v.map((p) => Math.log(clipP(p / s)));
};

/** Plain attention over [B, L, d] inputs; keep(b, i, j) masks, add(b, i, j) is an additive bias. */
function attentionRef(q: Ref, k: Ref, v: Ref, opts: { keep?: (b: number, i: number, j: number) => boolean; add?: (b: number, i: number, j: number) => number; scale?: number } = {}): number[] {
  const [B, Lq, d] = q.shape as [number, number, number];
  const Lk = k.shape[1]!;
  const dv = v.shape[2]!;
  const scale = opts.scale ?? 1 / Math.sqrt(d);
  const out: number[] = [];
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < Lq; i++) {
      const s: number[] = [];
      for (let j = 0; j < Lk; j++) {
        let dot = 0;
        for (let c = 0; c < d; c++) dot += q.data[(b * Lq + i) * d + c]! * k.data[(b * Lk + j) * d + c]!;
        let x = dot * scale + (opts.add?.(b, i, j) ?? 0);
        if (opts.keep && !opts.keep(b, i, j)) x = -Infinity;
        s.push(x);
      }
      // A fully masked row gets uniform weights (documented behaviour).
      const w = s.every((x) => x === -Infinity) ? s.map(() => 1 / Lk) : softmaxLine(s);
      for (let c = 0; c < dv; c++) {
        let acc = 0;
        for (let j = 0; j < Lk; j++) acc += w[j]! * v.data[(b * Lk + j) * dv + c]!;
        out.push(acc);
      }
    }
  }
  return out;
}

const labels = (values: number[], shape?: number[]) => ({ values, dtype: 'int32' as const, ...(shape ? { shape } : {}) });
const probs = (shape: number[]) => ({ shape, range: [0.05, 1] as [number, number] });

export const compositeCases: OpCase[] = [
  // softmax / logSoftmax
  { name: 'softmax axis -1', fn: (x) => tsr.softmax(x), inputs: [[3, 5]], reference: (x) => mapAlong(x, -1, softmaxLine) },
  { name: 'softmax axis 0 [4,2,3]', fn: (x) => tsr.softmax(x, 0), inputs: [[4, 2, 3]], reference: (x) => mapAlong(x, 0, softmaxLine) },
  { name: 'softmax method, axis 1 of [2,3,2]', fn: (x) => x.softmax(1), inputs: [[2, 3, 2]], reference: (x) => mapAlong(x, 1, softmaxLine) },
  {
    name: 'softmax of ±1000 logits is finite',
    fn: (x) => tsr.softmax(x),
    inputs: [{ values: [[1000, 999, -1000], [-1000, -1001, -1000]] }],
    reference: (x) => mapAlong(x, -1, softmaxLine),
  },
  { name: 'logSoftmax axis -1', fn: (x) => tsr.logSoftmax(x), inputs: [[2, 4, 3]], reference: (x) => mapAlong(x, -1, logSoftmaxLine) },
  { name: 'logSoftmax method, axis 0', fn: (x) => x.logSoftmax(0), inputs: [[3, 4]], reference: (x) => mapAlong(x, 0, logSoftmaxLine) },
  {
    name: 'logSoftmax of ±1000 logits is finite',
    fn: (x) => tsr.logSoftmax(x),
    inputs: [{ values: [[1000, -1000, 0], [-1000, -999, -1000]] }],
    expected: [[0, -2000, -1000], [-1 - Math.log1p(2 * Math.exp(-1)), -Math.log1p(2 * Math.exp(-1)), -1 - Math.log1p(2 * Math.exp(-1))]],
    atol: 1e-4,
  },

  // sparse categorical cross-entropy
  {
    name: 'sparseCategoricalCrossentropy fromLogits',
    fn: (y, x) => tsr.sparseCategoricalCrossentropy(y, x, { fromLogits: true }),
    inputs: [labels([0, 3, 1]), [3, 4]],
    reference: (y, x) => [meanOf(y.data.map((c, r) => -logSoftmaxLine(x.data.slice(r * 4, r * 4 + 4))[c]!))],
  },
  {
    name: 'sparseCategoricalCrossentropy from probabilities (renormalised and clipped)',
    fn: (y, p) => tsr.sparseCategoricalCrossentropy(y, p),
    inputs: [labels([2, 0, 1, 1]), probs([4, 3])],
    reference: (y, p) => [meanOf(y.data.map((c, r) => -probLogLine(p.data.slice(r * 3, r * 3 + 3))[c]!))],
  },
  {
    name: 'sparseCategoricalCrossentropy axis 1, labels [2,1,4] with size-1 class axis, reduction none',
    fn: (y, x) => tsr.sparseCategoricalCrossentropy(y, x, { fromLogits: true, axis: 1, reduction: 'none' }),
    inputs: [labels([0, 2, 1, 1, 2, 0, 0, 1], [2, 1, 4]), [2, 3, 4]],
    expectedShape: [2, 4],
    reference: (y, x) => {
      const lp = mapAlong(x, 1, logSoftmaxLine);
      return y.data.map((c, p) => -lp[Math.floor(p / 4) * 12 + c * 4 + (p % 4)]!);
    },
  },
  {
    name: 'sparseCategoricalCrossentropy of ±1000 logits: finite loss, exact gradient (sum)',
    fn: (y, x) => tsr.sparseCategoricalCrossentropy(y, x, { fromLogits: true, reduction: 'sum' }),
    inputs: [labels([1, 0]), { values: [[1000, -1000, 0], [-1000, 1000, 999]] }],
    expected: 2000 + 2000 + Math.log1p(Math.exp(-1)),
    rtol: 1e-6,
  },
  {
    name: 'sparseCategoricalCrossentropy Keras docs example = 1.177',
    fn: (y, p) => tsr.sparseCategoricalCrossentropy(y, p),
    inputs: [labels([1, 2]), { values: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] }],
    expected: 1.1769392,
    grad: false,
  },

  // categorical cross-entropy
  {
    name: 'categoricalCrossentropy fromLogits with soft labels, reduction none',
    fn: (y, x) => tsr.categoricalCrossentropy(y, x, { fromLogits: true, reduction: 'none' }),
    inputs: [{ values: [[0.2, 0.8, 0], [0, 0, 1], [0.5, 0.25, 0.25]] }, [3, 3]],
    reference: (y, x) => [0, 1, 2].map((r) => -sumOf(logSoftmaxLine(x.data.slice(r * 3, r * 3 + 3)).map((l, c) => l * y.data[r * 3 + c]!))),
  },
  {
    name: 'categoricalCrossentropy from probabilities, axis 0, sum',
    fn: (y, p) => tsr.categoricalCrossentropy(y, p, { axis: 0, reduction: 'sum' }),
    inputs: [{ values: [[1, 0], [0, 0], [0, 1]] }, probs([3, 2])],
    reference: (y, p) => {
      const lp = mapAlong(p, 0, probLogLine);
      return [-sumOf(lp.map((l, i) => l * y.data[i]!))];
    },
  },
  {
    name: 'categoricalCrossentropy Keras docs example = 1.177 (a zero probability clipped)',
    fn: (y, p) => tsr.categoricalCrossentropy(y, p),
    inputs: [{ values: [[0, 1, 0], [0, 0, 1]] }, { values: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] }],
    expected: 1.1769392,
    grad: false,
  },
  {
    name: 'categoricalCrossentropy of ±1000 logits',
    fn: (y, x) => tsr.categoricalCrossentropy(y, x, { fromLogits: true }),
    inputs: [{ values: [[0, 1], [1, 0]] }, { values: [[1000, -1000], [1000, -1000]] }],
    expected: 1000,
  },

  // binary cross-entropy
  {
    name: 'binaryCrossentropy fromLogits [3,4]',
    fn: (z, x) => tsr.binaryCrossentropy(z, x, { fromLogits: true }),
    inputs: [{ shape: [3, 4], range: [0, 1] }, { shape: [3, 4], range: [-4, 4], avoid: [0] }],
    reference: (z, x) => [meanOf(x.data.map((v, i) => {
      const s = 1 / (1 + Math.exp(-v));
      return -(z.data[i]! * Math.log(s) + (1 - z.data[i]!) * Math.log(1 - s));
    }))],
  },
  {
    name: 'binaryCrossentropy fromLogits at x = 0 (gradient sigmoid(0) - z)',
    fn: (z, x) => tsr.binaryCrossentropy(z, x, { fromLogits: true, reduction: 'sum' }),
    inputs: [{ values: [1, 0, 0.3] }, { values: [0, 0, 0] }],
    expected: 3 * Math.LN2,
  },
  {
    name: 'binaryCrossentropy fromLogits ±1000: finite, exact gradient',
    fn: (z, x) => tsr.binaryCrossentropy(z, x, { fromLogits: true, reduction: 'none' }),
    inputs: [{ values: [[1, 0], [0, 1]] }, { values: [[1000, -1000], [1000, -1000]] }],
    expected: [0, 1000],
  },
  {
    name: 'binaryCrossentropy fromLogits Keras docs example = 0.865',
    fn: (z, x) => tsr.binaryCrossentropy(z, x, { fromLogits: true }),
    inputs: [{ values: [0, 1, 0, 0] }, { values: [-18.6, 0.51, 2.94, -12.8] }],
    expected: 0.865458,
    atol: 1e-6,
  },
  {
    name: 'binaryCrossentropy from probabilities Keras docs example = 0.815, reduction none',
    fn: (z, p) => tsr.binaryCrossentropy(z, p, { reduction: 'none' }),
    inputs: [{ values: [[0, 1], [0, 0]] }, { values: [[0.6, 0.4], [0.4, 0.6]] }],
    expected: [-Math.log(0.4), -(Math.log(0.4) + Math.log(0.6)) / 2],
  },
  {
    name: 'binaryCrossentropy from probabilities 0 and 1 clipped by 1e-7 as Keras (float32)',
    fn: (z, p) => tsr.binaryCrossentropy(z, p, { reduction: 'none' }),
    inputs: [{ values: [1, 0, 1, 0] }, { values: [0, 1, 1, 0] }],
    reference: (z, p) => p.data.map((v, i) => {
      const c = clipP(v);
      return -(z.data[i]! * Math.log(c) + (1 - z.data[i]!) * Math.log(F32(1 - c)));
    }),
    grad: false,
  },
  {
    name: 'binaryCrossentropy from probabilities [2,3,2], sum',
    fn: (z, p) => tsr.binaryCrossentropy(z, p, { reduction: 'sum' }),
    inputs: [{ shape: [2, 3, 2], range: [0, 1] }, { shape: [2, 3, 2], range: [0.05, 0.95] }],
    reference: (z, p) => [sumOf(reduceAlong({ data: p.data.map((v, i) => -(z.data[i]! * Math.log(v) + (1 - z.data[i]!) * Math.log(1 - v))), shape: p.shape }, -1, meanOf))],
  },

  // regression losses
  {
    name: 'meanSquaredError [3,4]',
    fn: (t, p) => tsr.meanSquaredError(t, p),
    inputs: [[3, 4], [3, 4]],
    reference: (t, p) => [meanOf(p.data.map((v, i) => (v - t.data[i]!) ** 2))],
  },
  {
    name: 'meanSquaredError Keras docs example, none / sum',
    fn: (t, p) => tsr.add(tsr.meanSquaredError(t, p, { reduction: 'none' }), tsr.meanSquaredError(t, p, { reduction: 'sum' })),
    inputs: [{ values: [[0, 1], [0, 0]] }, { values: [[1, 1], [1, 0]] }],
    expected: [1.5, 1.5],
  },
  {
    name: 'meanAbsoluteError [2,3,2], none',
    fn: (t, p) => tsr.meanAbsoluteError(t, p, { reduction: 'none' }),
    inputs: [[2, 3, 2], { shape: [2, 3, 2], range: [3, 5] }],
    expectedShape: [2, 3],
    reference: (t, p) => reduceAlong({ data: p.data.map((v, i) => Math.abs(v - t.data[i]!)), shape: p.shape }, -1, meanOf),
  },
  {
    name: 'meanAbsoluteError Keras docs example = 0.5',
    fn: (t, p) => tsr.meanAbsoluteError(t, p),
    inputs: [{ values: [[0, 1], [0, 0]] }, { values: [[1, 1], [1, 0]] }],
    expected: 0.5,
    grad: false,
  },
  {
    name: 'huber delta 0.7 on both sides of delta',
    fn: (t, p) => tsr.huber(t, p, { delta: 0.7, reduction: 'sum' }),
    inputs: [[4, 5], [4, 5]],
    reference: (t, p) => [sumOf(reduceAlong({
      data: p.data.map((v, i) => {
        const e = Math.abs(v - t.data[i]!);
        return e <= 0.7 ? 0.5 * e * e : 0.7 * e - 0.5 * 0.49;
      }),
      shape: p.shape,
    }, -1, meanOf))],
  },
  {
    name: 'huber Keras docs example, none = [0.18, 0.13]',
    fn: (t, p) => tsr.huber(t, p, { reduction: 'none' }),
    inputs: [{ values: [[0, 1], [0, 0]] }, { values: [[0.6, 0.4], [0.4, 0.6]] }],
    expected: [0.18, 0.13],
  },

  // normalisation
  { name: 'moments mean over [0,2]', fn: (x) => tsr.moments(x, [0, 2]).mean, inputs: [[2, 3, 4]], expectedShape: [3], reference: (x) => [0, 1, 2].map((c) => meanOf(x.data.filter((_, i) => Math.floor(i / 4) % 3 === c))) },
  {
    name: 'moments variance over axis 1, keepDims',
    fn: (x) => tsr.moments(x, 1, true).variance,
    inputs: [[3, 5]],
    expectedShape: [3, 1],
    reference: (x) => reduceAlong(x, 1, (l) => meanOf(l.map((v) => (v - meanOf(l)) ** 2))),
  },
  {
    name: 'layerNorm axis -1 with gamma and beta',
    fn: (x, g, b) => tsr.layerNorm(x, g, b),
    inputs: [[2, 3, 4], [4], [4]],
    reference: (x, g, b) => mapAlong(x, -1, (l) => {
      const m = meanOf(l);
      const v = meanOf(l.map((e) => (e - m) ** 2));
      return l.map((e, i) => ((e - m) / Math.sqrt(v + 1e-5)) * g.data[i]! + b.data[i]!);
    }),
    atol: 1e-4,
  },
  {
    name: 'layerNorm over axes [-2,-1], gamma [3,4], no beta, epsilon 0.1',
    fn: (x, g) => tsr.layerNorm(x, g, null, { axis: [-2, -1], epsilon: 0.1 }),
    inputs: [[2, 3, 4], [3, 4]],
    reference: (x, g) => [0, 1].flatMap((r) => {
      const l = x.data.slice(r * 12, r * 12 + 12);
      const m = meanOf(l);
      const v = meanOf(l.map((e) => (e - m) ** 2));
      return l.map((e, i) => ((e - m) / Math.sqrt(v + 0.1)) * g.data[i]!);
    }),
  },
  {
    name: 'layerNorm without parameters, axis 0',
    fn: (x) => tsr.layerNorm(x, undefined, undefined, { axis: 0 }),
    inputs: [[5, 2]],
    reference: (x) => mapAlong(x, 0, (l) => {
      const m = meanOf(l);
      const v = meanOf(l.map((e) => (e - m) ** 2));
      return l.map((e) => (e - m) / Math.sqrt(v + 1e-5));
    }),
    atol: 1e-4,
  },
  {
    name: 'batchNorm channels-last with offset and scale',
    fn: (x, m, v, o, s) => tsr.batchNorm(x, m, v, o, s),
    inputs: [[2, 3, 4], [4], { shape: [4], range: [0.5, 2] }, [4], [4]],
    reference: (x, m, v, o, s) => x.data.map((e, i) => {
      const c = i % 4;
      return ((e - m.data[c]!) * s.data[c]!) / Math.sqrt(v.data[c]! + 1e-3) + o.data[c]!;
    }),
    atol: 1e-4,
  },
  {
    name: 'batchNorm without offset/scale, [3,1] statistics, epsilon 0.01',
    fn: (x, m, v) => tsr.batchNorm(x, m, v, null, null, 0.01),
    inputs: [[3, 2], [3, 1], { shape: [3, 1], range: [0.5, 2] }],
    reference: (x, m, v) => x.data.map((e, i) => (e - m.data[Math.floor(i / 2)]!) / Math.sqrt(v.data[Math.floor(i / 2)]! + 0.01)),
    atol: 1e-4,
  },

  // attention
  {
    name: 'scaledDotProductAttention, no mask, Lq ≠ Lk',
    fn: (q, k, v) => tsr.scaledDotProductAttention(q, k, v),
    inputs: [[2, 3, 4], [2, 5, 4], [2, 5, 6]],
    expectedShape: [2, 3, 6],
    reference: (q, k, v) => attentionRef(q, k, v),
  },
  {
    name: 'scaledDotProductAttention, causal, scale 0.3',
    fn: (q, k, v) => tsr.scaledDotProductAttention(q, k, v, { causal: true, scale: 0.3 }),
    inputs: [[2, 4, 3], [2, 4, 3], [2, 4, 2]],
    reference: (q, k, v) => attentionRef(q, k, v, { keep: (_b, i, j) => j <= i, scale: 0.3 }),
  },
  {
    name: 'scaledDotProductAttention, bool padding mask [2,1,4] (one row fully masked)',
    fn: (q, k, v, m) => tsr.scaledDotProductAttention(q, k, v, { mask: m }),
    inputs: [[2, 3, 2], [2, 4, 2], [2, 4, 3], { values: [[[true, true, false, true]], [[false, false, false, false]]], shape: [2, 1, 4], dtype: 'bool' }],
    reference: (q, k, v, m) => attentionRef(q, k, v, { keep: (b, _i, j) => m.data[b * 4 + j] === 1 }),
  },
  {
    name: 'scaledDotProductAttention, additive float mask [3,4] and heads [2,2,3,5]',
    fn: (q, k, v, m) => tsr.scaledDotProductAttention(q, k, v, { mask: m }),
    inputs: [[2, 2, 3, 5], [2, 2, 4, 5], [2, 2, 4, 3], [3, 4]],
    reference: (q, k, v, m) => attentionRef(
      { data: q.data, shape: [4, 3, 5] }, { data: k.data, shape: [4, 4, 5] }, { data: v.data, shape: [4, 4, 3] },
      { add: (_b, i, j) => m.data[i * 4 + j]! },
    ),
  },
  {
    name: 'scaledDotProductAttention, causal and bool mask together, k/v shared over heads',
    fn: (q, k, v, m) => tsr.scaledDotProductAttention(q, k, v, { mask: m, causal: true }),
    inputs: [[2, 3, 3, 2], [1, 3, 2], [1, 3, 2], { values: [[true, false, true], [true, true, true], [false, true, true]], dtype: 'bool' }],
    expectedShape: [2, 3, 3, 2],
    reference: (q, k, v, m) => attentionRef(
      { data: q.data, shape: [6, 3, 2] },
      { data: Array.from({ length: 6 }, () => k.data).flat(), shape: [6, 3, 2] },
      { data: Array.from({ length: 6 }, () => v.data).flat(), shape: [6, 3, 2] },
      { keep: (_b, i, j) => j <= i && m.data[i * 3 + j] === 1 },
    ),
  },
];
