/**
 * ctcLoss against PyTorch's F.ctc_loss (fixtures from test/fixtures/losses/gen_ctc.py): values and
 * gradients for mixed label/logit lengths, repeated labels, empty labels and a non-zero blank;
 * a float64 finite-difference check; the same numbers on ONNX Runtime and under jit.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import '../../src/backends/onnxruntime/node.js';
import { grad } from '../../src/autograd/grad.js';
import { setBackend } from '../../src/core/engine.js';
import { tensor, type Tensor } from '../../src/core/tensor.js';
import { jit } from '../../src/jit/jit.js';
import { ctcLoss } from '../../src/ops/composite/ctc-loss.js';
import { softmax } from '../../src/ops/composite/softmax.js';
import { mul } from '../../src/ops/elementwise/mul.js';
import { sum } from '../../src/ops/reduce/sum.js';
import { checkOpCase, expectClose } from '../helpers/test-op.js';

interface CtcCase {
  name: string;
  logits: number[];
  shape: [number, number, number];
  labels: number[][];
  labelLengths: number[];
  logitLengths: number[];
  blank: number;
  weights: number[];
  loss: number[];
  grad: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/losses/ctc.json', import.meta.url), 'utf8')) as { cases: CtcCase[] };

afterEach(() => setBackend('reference'));

const inputs = (c: CtcCase): { logits: Tensor; labels: Tensor; weights: Tensor } => ({
  logits: tensor(c.logits, c.shape),
  labels: tensor(c.labels.flat(), [c.labels.length, c.labels[0]!.length], 'int32'),
  weights: tensor(c.weights),
});

const weightedLoss = (c: CtcCase) => (logits: Tensor, labels: Tensor, weights: Tensor): Tensor =>
  sum(mul(ctcLoss(labels, logits, { labelLengths: c.labelLengths, logitLengths: c.logitLengths, blankIndex: c.blank }), weights));

describe('ctcLoss vs PyTorch', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: per-sample loss and gradient`, () => {
      const { logits, labels, weights } = inputs(c);
      const loss = ctcLoss(labels, logits, { labelLengths: c.labelLengths, logitLengths: c.logitLengths, blankIndex: c.blank });
      expect(loss.shape).toEqual([c.shape[0]]);
      expectClose(loss.dataSync() as Float32Array, c.loss, 1e-5, 1e-5, `${c.name}: loss`);
      const [g] = grad(weightedLoss(c), { argnums: [0] })(logits, labels, weights) as Tensor[];
      const gv = g!.dataSync() as Float32Array;
      expect(gv.every(Number.isFinite)).toBe(true);
      expectClose(gv, c.grad, 2e-6, 1e-4, `${c.name}: gradient`);
    });
  }

  it('counts label lengths from −1 padding when labelLengths is not given', () => {
    const c = fixture.cases[0]!;
    const { logits, labels } = inputs(c);
    const loss = ctcLoss(labels, logits, { logitLengths: c.logitLengths });
    expectClose(loss.dataSync() as Float32Array, c.loss, 1e-5, 1e-5, 'counted lengths');
    // Keras pads with 0 (= the blank): counted the same way.
    const zeroPadded = tensor(c.labels.flat().map((v) => (v < 0 ? 0 : v)), labels.shape, 'int32');
    expectClose(ctcLoss(zeroPadded, logits, { logitLengths: c.logitLengths }).dataSync() as Float32Array, c.loss, 1e-5, 1e-5, 'zero padding');
  });

  it('padding beyond the label length may hold any class', () => {
    const c = fixture.cases[0]!;
    const { logits } = inputs(c);
    const junk = tensor(c.labels.map((row, b) => row.map((v, i) => (i < c.labelLengths[b]! ? v : 3))).flat(), [4, 4], 'int32');
    const loss = ctcLoss(junk, logits, { labelLengths: c.labelLengths, logitLengths: c.logitLengths });
    expectClose(loss.dataSync() as Float32Array, c.loss, 1e-5, 1e-5, 'junk padding');
  });

  it('fromLogits: false takes probabilities', () => {
    const c = fixture.cases[1]!;
    const { logits, labels } = inputs(c);
    const loss = ctcLoss(labels, softmax(logits), { fromLogits: false });
    expectClose(loss.dataSync() as Float32Array, c.loss, 1e-5, 1e-5, 'from probabilities');
  });

  it('hand value: one frame per label, certain predictions', () => {
    // Frames certain of a, blank, a (log-probs 0 or −1e4): "aa" has one alignment of probability 1,
    // loss 0; every alignment of "a" needs a blank at frame 0 or 2, loss ≥ 1e4.
    const big = 1e4;
    const frames = [[0, big], [big, 0], [0, big]].map((f) => f.map((v) => v - big)); // [blank, a]
    const logits = tensor([frames], [1, 3, 2]);
    expect(ctcLoss(tensor([[1, 1]], [1, 2], 'int32'), logits).item()).toBeCloseTo(0, 4);
    expect(ctcLoss(tensor([[1, -1]], [1, 2], 'int32'), logits).item()).toBeGreaterThan(1e3);
    // An impossible alignment (3 labels "aaa" need 5 frames) is finite with finite gradients.
    const impossible = (x: Tensor): Tensor => ctcLoss(tensor([[1, 1, 1]], [1, 3], 'int32'), x);
    expect(impossible(logits).item()).toBeGreaterThan(1e29);
    const g = grad(impossible)(logits) as Tensor;
    expect(Array.from(g.dataSync() as Float32Array).every(Number.isFinite)).toBe(true);
  });

  it('gradient matches finite differences (float64)', () => {
    checkOpCase({
      name: 'ctcLoss tiny',
      fn: (logits, labels) => ctcLoss(labels!, logits!, { labelLengths: [2, 1], logitLengths: [4, 3] }),
      inputs: [{ shape: [2, 4, 3] }, { values: [[1, 1], [2, -1]], shape: [2, 2], dtype: 'int32' }],
      gradMaxElements: 24,
    });
  });

  it('rejects bad shapes and blank indices, naming what it received', () => {
    const logits = tensor(new Array(12).fill(0), [1, 4, 3]);
    expect(() => ctcLoss(tensor([[1]], [1, 1], 'int32'), tensor([1, 2, 3]))).toThrow(/logits must have shape \[batch, time, classes\]. Received: shape \[3\]/);
    expect(() => ctcLoss(tensor([[1]], [1, 1], 'int32'), logits, { blankIndex: 3 })).toThrow(/blankIndex must be an integer in \[0, 2\]. Received: blankIndex=3/);
    expect(() => ctcLoss(tensor([[1]], [1, 1], 'int32'), logits, { labelLengths: [2] })).toThrow(/labelLengths must be integers in \[0, 1\]. Received: 2/);
    expect(() => ctcLoss(tensor([[1], [1]], [2, 1], 'int32'), logits)).toThrow(/same batch size/);
    // Labels inside the length must be classes other than the blank; padding must come last.
    expect(() => ctcLoss(tensor([[1, 0]], [1, 2], 'int32'), logits, { labelLengths: [2] })).toThrow('ctcLoss: labels must be classes in [0, 2] other than the blank (0), padding after them. Received: 0 at sample 0, position 1 (label length 2)');
    expect(() => ctcLoss(tensor([[-1, 2]], [1, 2], 'int32'), logits)).toThrow(/Received: -1 at sample 0, position 0 \(label length 1\)/);
    expect(() => ctcLoss(tensor([[5]], [1, 1], 'int32'), logits)).toThrow(/Received: 5 at sample 0/);
  });
});

describe('ctcLoss on ONNX Runtime', () => {
  const c = fixture.cases[0]!;
  it('eager ops and their gradient give the reference numbers', async () => {
    setBackend('onnxruntime');
    const { logits, labels, weights } = inputs(c);
    const loss = ctcLoss(labels, logits, { labelLengths: c.labelLengths, logitLengths: c.logitLengths });
    expectClose((await loss.data()) as Float32Array, c.loss, 1e-5, 1e-5, 'onnxruntime loss');
    const [g] = grad(weightedLoss(c), { argnums: [0] })(logits, labels, weights) as Tensor[];
    expectClose((await g!.data()) as Float32Array, c.grad, 2e-6, 1e-4, 'onnxruntime gradient');
  });

  it('traces under jit (lengths as tensors), loss and gradient in one session', async () => {
    const step = jit((logits: Tensor, labels: Tensor, labelLengths: Tensor, logitLengths: Tensor, weights: Tensor) => {
      const f = (x: Tensor): Tensor => sum(mul(ctcLoss(labels, x, { labelLengths, logitLengths }), weights));
      return { loss: ctcLoss(labels, logits, { labelLengths, logitLengths }), grad: grad(f)(logits) as Tensor };
    });
    setBackend('onnxruntime');
    const { logits, labels, weights } = inputs(c);
    const out = await step(logits, labels, tensor(c.labelLengths, [4], 'int32'), tensor(c.logitLengths, [4], 'int32'), weights);
    expectClose((await out.loss.data()) as Float32Array, c.loss, 1e-5, 1e-5, 'jit loss');
    expectClose((await out.grad.data()) as Float32Array, c.grad, 2e-6, 1e-4, 'jit gradient');
  });
});
