/**
 * The seed MNIST CNN: Conv2D 32 3×3 relu → MaxPool 2 → Conv2D 64 3×3 relu → MaxPool 2 → Flatten →
 * Dense 64 relu → Dense 10 (logits), as Keras layers (`seedCnn`, used by `npm start` and the fit
 * benchmarks) and written directly with ops (the rest, used by the op-level benchmarks).
 */
import * as tsr from '../src/index.js';
import type { Tensor, Variable } from '../src/index.js';

// The Keras-layer version is the mnist-cnn recipe's.
export { seedCnn } from '../src/recipes/mnist-cnn.js';

function glorotUniform(shape: number[], fanIn: number, fanOut: number, key: tsr.RandomKey): Variable {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tsr.variable(tsr.randomUniform(shape, { minval: -limit, maxval: limit, key }));
}

/** Parameters in Keras layouts: conv kernels [kh, kw, in, out], dense kernels [in, out]. */
export function makeParams(seed = 0): Variable[] {
  const keys = tsr.splitKey(tsr.randomKey(seed), 4);
  return [
    glorotUniform([3, 3, 1, 32], 9, 9 * 32, keys[0]!), tsr.variable(tsr.zeros([32])),
    glorotUniform([3, 3, 32, 64], 9 * 32, 9 * 64, keys[1]!), tsr.variable(tsr.zeros([64])),
    glorotUniform([1600, 64], 1600, 64, keys[2]!), tsr.variable(tsr.zeros([64])),
    glorotUniform([64, 10], 64, 10, keys[3]!), tsr.variable(tsr.zeros([10])),
  ];
}

/** Logits [n, 10] for images [n, 28, 28, 1]. */
export function forward(p: readonly Tensor[], x: Tensor): Tensor {
  let h = tsr.relu(tsr.add(tsr.conv2d(x, p[0]!), p[1]!));
  h = tsr.maxPool2d(h, { poolSize: 2 });
  h = tsr.relu(tsr.add(tsr.conv2d(h, p[2]!), p[3]!));
  h = tsr.maxPool2d(h, { poolSize: 2 });
  h = tsr.reshape(h, [h.shape[0]!, -1]);
  h = tsr.relu(tsr.add(tsr.matmul(h, p[4]!), p[5]!));
  return tsr.add(tsr.matmul(h, p[6]!), p[7]!);
}

/** Adam (Keras defaults), written with ops; returns a function applying one update. */
export function makeAdam(params: readonly Variable[], lr = 1e-3, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7) {
  const m = params.map((p) => tsr.variable(tsr.zerosLike(p)));
  const v = params.map((p) => tsr.variable(tsr.zerosLike(p)));
  let t = 0;
  return (grads: readonly Tensor[]): void => {
    t++;
    const alpha = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    params.forEach((p, i) => {
      const g = grads[i]!;
      m[i]!.assign(tsr.add(tsr.mul(m[i]!, beta1), tsr.mul(g, 1 - beta1)));
      v[i]!.assign(tsr.add(tsr.mul(v[i]!, beta2), tsr.mul(tsr.square(g), 1 - beta2)));
      p.assign(tsr.sub(p, tsr.div(tsr.mul(m[i]!, alpha), tsr.add(tsr.sqrt(v[i]!), epsilon))));
    });
  };
}

/** One training step: loss, gradients, Adam update; returns the loss. */
export function trainStep(params: readonly Variable[], adam: (g: readonly Tensor[]) => void, x: Tensor, y: Tensor): number {
  const { value, grads } = tsr.variableGrads(
    () => tsr.sparseCategoricalCrossentropy(y, forward(params, x), { fromLogits: true }),
    params,
  );
  adam(grads);
  params.forEach((p) => p.dataSync()); // compute the update now, so the graph does not pile up
  return value.item();
}

/** Adam's moment estimates, one per parameter (the state a functional step carries). */
export interface AdamState {
  m: Tensor[];
  v: Tensor[];
}

export function initAdam(params: readonly Tensor[]): AdamState {
  return { m: params.map((p) => tsr.zerosLike(p)), v: params.map((p) => tsr.zerosLike(p)) };
}

/** Adam's step size at step t (1-based) with bias correction; fed to the jitted step as a tensor. */
export function adamAlpha(t: number, lr = 1e-3, beta1 = 0.9, beta2 = 0.999): number {
  return (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
}

/**
 * The whole training step as a pure function (parameters and optimizer state in, new ones out),
 * for `tsr.jit`: one ONNX Runtime session computes loss, gradients and the Adam update.
 */
export function functionalTrainStep(params: readonly Tensor[], state: AdamState, x: Tensor, y: Tensor, alpha: Tensor,
  beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7): { params: Tensor[]; state: AdamState; loss: Tensor } {
  const [loss, grads] = tsr.valueAndGrad((p: Tensor[]) => tsr.sparseCategoricalCrossentropy(y, forward(p, x), { fromLogits: true }))([...params]);
  const m = state.m.map((mi, i) => tsr.add(tsr.mul(mi, beta1), tsr.mul(grads[i]!, 1 - beta1)));
  const v = state.v.map((vi, i) => tsr.add(tsr.mul(vi, beta2), tsr.mul(tsr.square(grads[i]!), 1 - beta2)));
  const next = params.map((p, i) => tsr.sub(p, tsr.div(tsr.mul(m[i]!, alpha), tsr.add(tsr.sqrt(v[i]!), epsilon))));
  return { params: next, state: { m, v }, loss };
}

/**
 * A compiled trainer: parameters and Adam state stay in buffers that the session writes and the
 * next step reads (donated), so a step copies no parameters. Returns the step's loss.
 */
export function makeJitTrainer(initial: readonly Tensor[]): { step(x: Tensor, y: Tensor): Promise<number>; params(): Tensor[] } {
  const compiled = tsr.jit(functionalTrainStep, { donate: [0, 1] });
  let params = initial.map((p) => p._resolve());
  let state = initAdam(params);
  let t = 0;
  return {
    async step(x, y) {
      const out = await compiled(params, state, x, y, tsr.scalar(adamAlpha(++t)), 0.9, 0.999, 1e-7);
      params = out.params;
      state = out.state;
      return (out.loss.dataSync() as Float32Array)[0]!;
    },
    params: () => params,
  };
}

/** Accuracy of the model over `x`, `y` in batches (computed on the current backend). */
export async function accuracy(params: readonly Tensor[], x: Tensor, y: Tensor, batch = 250): Promise<number> {
  const n = x.shape[0]!;
  let correct = 0;
  for (let i = 0; i < n; i += batch) {
    const size = Math.min(batch, n - i);
    const xb = tsr.slice(x, [i, 0, 0, 0], [size, -1, -1, -1]);
    const yb = tsr.slice(y, [i], [size]);
    const hits = tsr.sum(tsr.cast(tsr.equal(tsr.argmax(forward(params, xb), -1), yb), 'int32'));
    correct += (await hits.data() as Int32Array)[0]!;
  }
  return correct / n;
}
