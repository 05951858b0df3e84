/**
 * Runs an op case on the reference backend and on ONNX Runtime and compares them: the forward
 * output, and the gradient of ⟨fn(x), c⟩ for a fixed random cotangent c (which exercises the
 * lowering of every op the VJPs use). Tolerance: 1e-5 relative, where an element far smaller
 * than the tensor's largest is held to 1e-5 of a tenth of that largest instead: such elements come
 * from cancellation, where float32 summation order alone moves them by more than 1e-5 of their own
 * size (in the attention case with a fully masked row, the reference's own float32 gradient is
 * 1.6e-4 off the float64 value at its smallest element, ONNX Runtime's 0.8e-4).
 */
import * as tsr from '../../src/index.js';
import '../../src/backends/onnxruntime/node.js';
import type { Tensor } from '../../src/index.js';
import { makeInput, rng, type OpCase } from './test-op.js';

const RTOL = 1e-5;

function compare(ref: ArrayLike<number | bigint>, got: ArrayLike<number | bigint>, what: string, rtol: number): void {
  if (ref.length !== got.length) throw new Error(`${what}: ${got.length} values, reference has ${ref.length}`);
  let scale = 0;
  for (let i = 0; i < ref.length; i++) {
    const r = Number(ref[i]);
    if (Number.isFinite(r)) scale = Math.max(scale, Math.abs(r));
  }
  for (let i = 0; i < ref.length; i++) {
    const r = Number(ref[i]);
    const g = Number(got[i]);
    if (Number.isNaN(r) ? Number.isNaN(g) : !Number.isFinite(r) ? r === g : Math.abs(r - g) <= rtol * (Math.abs(r) + 0.1 * scale + 1e-6)) continue;
    throw new Error(`${what}[${i}]: reference ${r}, onnxruntime ${g}`);
  }
}

/** The values `make()` computes on each backend: reference first, then ONNX Runtime. */
async function onBoth(make: () => Tensor[]): Promise<[ArrayLike<number | bigint>[], ArrayLike<number | bigint>[]]> {
  tsr.setBackend('reference');
  const ref = make().map((t) => t.dataSync());
  tsr.setBackend('onnxruntime');
  try {
    const outs = make();
    const got = await Promise.all(outs.map((t) => t.data()));
    return [ref, got];
  } finally {
    tsr.setBackend('reference');
  }
}

export async function checkCrossBackend(c: OpCase, seed = 1234, rtol = RTOL): Promise<void> {
  const rand = rng(seed);
  const inputs = c.inputs.map((s) => makeInput(s, rand));
  const [[refOut], [gotOut]] = await onBoth(() => [c.fn(...inputs)]);
  compare(refOut!, gotOut!, `${c.name}: forward`, rtol);
  if (c.grad === false) return;
  const skip = new Set(c.gradSkip ?? []);
  const argnums = inputs.map((_, i) => i).filter((i) => !skip.has(i) && (inputs[i]!.dtype === 'float32' || inputs[i]!.dtype === 'float64'));
  if (!argnums.length) return;
  const probe = c.fn(...inputs);
  const cot = makeInput({ shape: probe.shape, dtype: probe.dtype }, rng(seed + 1));
  const gradFn = tsr.grad((...xs: Tensor[]) => c.fn(...xs).mul(cot).sum(), { argnums }) as (...xs: Tensor[]) => Tensor[];
  const [refGrads, gotGrads] = await onBoth(() => gradFn(...inputs));
  argnums.forEach((arg, i) => compare(refGrads[i]!, gotGrads[i]!, `${c.name}: gradient of input ${arg}`, rtol));
}
