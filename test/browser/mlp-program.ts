/**
 * One MLP training program for both sides of the browser test: the tessera module comes in as a
 * parameter (src/index.ts in Node, the dist-browser bundle in the page), so Node and Chromium run
 * the very same code, and only the ONNX Runtime build differs (onnxruntime-node vs -web).
 * Imports types only: bundled alone for the page, it has no runtime dependency.
 */
import type * as Tessera from '../../src/api.js';

type Tsr = typeof Tessera;
type Tensor = Tessera.Tensor;

export const MLP_STEPS = 30;
const POINTS = 64;
const HIDDEN = 16;
const LEARNING_RATE = 0.1;

export interface MlpResult {
  /** The loss before each SGD step (so losses[0] is at the initial parameters). */
  losses: number[];
  /** Class probabilities [POINTS, 2] after the last step, row-major. */
  predictions: number[];
  /** The backend that computed them. */
  backend: string;
}

/** A fixed linear congruential generator: the same numbers in every JS engine (no Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Two interleaved spiral arms, 32 points each, slightly jittered; labels one-hot. */
export function spiralData(): { x: number[][]; y: number[][] } {
  const rand = lcg(7);
  const x: number[][] = [];
  const y: number[][] = [];
  for (let i = 0; i < POINTS; i++) {
    const cls = i % 2;
    const t = Math.floor(i / 2) / (POINTS / 2);
    const r = 0.2 + 0.8 * t;
    const angle = 3 * t + cls * Math.PI + (rand() - 0.5) * 0.2;
    x.push([r * Math.cos(angle), r * Math.sin(angle)]);
    y.push(cls === 0 ? [1, 0] : [0, 1]);
  }
  return { x, y };
}

/** Glorot-uniform weights from the fixed generator, zero biases: [w1, b1, w2, b2]. */
function initParams(tsr: Tsr): Tensor[] {
  const rand = lcg(42);
  const glorot = (fanIn: number, fanOut: number): Tensor => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const values = Array.from({ length: fanIn * fanOut }, () => (2 * rand() - 1) * limit);
    return tsr.tensor(values, [fanIn, fanOut], 'float32');
  };
  return [glorot(2, HIDDEN), tsr.zeros([HIDDEN]), glorot(HIDDEN, 2), tsr.zeros([2])];
}

function forward(tsr: Tsr, [w1, b1, w2, b2]: Tensor[], x: Tensor): Tensor {
  const h = tsr.relu(tsr.matmul(x, w1!).add(b1!));
  return tsr.matmul(h, w2!).add(b2!);
}

/**
 * Full-batch SGD with softmax cross-entropy. Every step reads the loss (and computes the new
 * parameters with it), so every step runs on the current backend, not the reference interpreter.
 */
export async function trainMlp(tsr: Tsr, steps = MLP_STEPS): Promise<MlpResult> {
  const data = spiralData();
  const x = tsr.tensor(data.x, [POINTS, 2], 'float32');
  const y = tsr.tensor(data.y, [POINTS, 2], 'float32');
  const lossOf = (p: Tensor[]): Tensor => tsr.categoricalCrossentropy(y, forward(tsr, p, x), { fromLogits: true });
  const valueAndGrad = tsr.valueAndGrad(lossOf);
  let params = initParams(tsr);
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const [loss, grads] = valueAndGrad(params);
    params = params.map((p, i) => p.sub(grads[i]!.mul(LEARNING_RATE)));
    await tsr.realize([loss, ...params]); // one graph on the current backend
    losses.push((await loss.data())[0] as number);
  }
  const probs = tsr.softmax(forward(tsr, params, x));
  const predictions = Array.from(await probs.data() as Float32Array);
  return { losses, predictions, backend: tsr.getBackend().name };
}
