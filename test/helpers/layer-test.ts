/**
 * The one layer-test helper: output shape (eager and symbolic), weight shapes, a training step
 * (finite, non-zero gradients; one SGD step lowers a loss), the config round-trip through JSON (the
 * rebuilt layer with the same weights computes the same output), and ONNX Runtime against the
 * reference backend.
 */
import { expect } from 'vitest';
import * as tsr from '../../src/index.js';
import '../../src/backends/onnxruntime/node.js';
import type { DType, Tensor } from '../../src/index.js';
import { deserialize } from '../../src/io/serialization.js';
import type { Layer } from '../../src/layers/layer.js';
import { makeInput, rng, type InputSpec } from './test-op.js';

export interface LayerTestSpec {
  /** A fresh layer (called several times: each call must give an equivalent layer). */
  make: () => Layer;
  /** Input shape(s) with the batch dimension, or full input specs; a list of them for multi-input layers. */
  input: readonly number[] | InputSpec | readonly (readonly number[] | InputSpec)[];
  inputDtype?: DType;
  /** Expected output shape(s), batch included. */
  expectedOutputShape: readonly number[] | readonly (readonly number[])[];
  /** Expected weight shapes, in `layer.weights` order. */
  expectedWeightShapes?: readonly (readonly number[])[];
  expectedTrainableCount?: number;
  /** Check gradients and an SGD step (default: when the layer has trainable weights). */
  train?: boolean;
  /** Compare ONNX Runtime with the reference backend (default true). */
  crossBackend?: boolean;
  /** The symbolic input shapes (default: expected shapes with the batch unknown). */
  symbolicInputShape?: readonly (number | null)[] | readonly (readonly (number | null)[])[];
  rtol?: number;
}

const isList = <T>(x: unknown): x is T[] => Array.isArray(x) && x.length > 0 && (Array.isArray(x[0]) || typeof x[0] === 'object');

function makeInputs(spec: LayerTestSpec, seed = 7): Tensor | Tensor[] {
  const rand = rng(seed);
  const one = (s: readonly number[] | InputSpec): Tensor => makeInput(Array.isArray(s) ? { shape: s as number[], dtype: spec.inputDtype } : (s as InputSpec), rand);
  return isList<readonly number[] | InputSpec>(spec.input) ? spec.input.map(one) : one(spec.input as readonly number[] | InputSpec);
}

const outputsOf = (out: Tensor | Tensor[]): Tensor[] => (Array.isArray(out) ? out : [out]);

function shapesOf(expected: LayerTestSpec['expectedOutputShape']): number[][] {
  return (Array.isArray(expected[0]) ? expected : [expected]) as number[][];
}

function closeTo(a: ArrayLike<number | bigint>, b: ArrayLike<number | bigint>, rtol: number, what: string): void {
  expect(a.length, `${what}: length`).toBe(b.length);
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(Number(b[i])));
  for (let i = 0; i < a.length; i++) {
    const x = Number(a[i]);
    const y = Number(b[i]);
    if (!(Math.abs(x - y) <= rtol * (Math.abs(y) + 0.1 * scale) + 1e-6)) throw new Error(`${what}[${i}]: ${x} vs ${y}`);
  }
}

export async function runLayerTest(spec: LayerTestSpec): Promise<void> {
  tsr.setBackend('reference');
  tsr.setSeed(1);
  const rtol = spec.rtol ?? 1e-4;
  const inputs = makeInputs(spec);
  const layer = spec.make();
  const out = outputsOf(layer.apply(inputs as Tensor));
  const expectedShapes = shapesOf(spec.expectedOutputShape);
  expect(out.map((t) => [...t.shape]), `${layer.className}: eager output shape`).toEqual(expectedShapes);
  const values = out.map((t) => t.dataSync());
  for (const v of values) for (const x of v) expect(Number.isFinite(Number(x)), `${layer.className}: finite outputs`).toBe(true);
  if (spec.expectedWeightShapes) {
    expect(layer.weights.map((w) => [...w.shape]), `${layer.className}: weight shapes`).toEqual(spec.expectedWeightShapes.map((s) => [...s]));
  }
  if (spec.expectedTrainableCount !== undefined) expect(layer.trainableWeights.length).toBe(spec.expectedTrainableCount);

  // Symbolic application infers the same shapes with the batch unknown.
  const symLayer = spec.make();
  const inList = Array.isArray(inputs) ? inputs : [inputs];
  const symShapes = spec.symbolicInputShape
    ? (Array.isArray(spec.symbolicInputShape[0]) ? spec.symbolicInputShape : [spec.symbolicInputShape]) as (number | null)[][]
    : inList.map((t) => [null, ...t.shape.slice(1)]);
  const symIn = symShapes.map((s, i) => tsr.layers.input({ batchInputShape: s, dtype: inList[i]!.dtype }));
  const symOut = symLayer.apply(Array.isArray(inputs) ? symIn : symIn[0]!);
  const symList = Array.isArray(symOut) ? symOut : [symOut];
  expect(symList.map((s) => s.shape.slice(1)), `${layer.className}: symbolic output shape`).toEqual(expectedShapes.map((s) => s.slice(1)));

  // Config round trip: the rebuilt layer with the same weights computes the same values.
  const json = JSON.parse(JSON.stringify(layer.toJSON()));
  const clone = deserialize<Layer>('layer', json);
  expect(clone.getConfig(), `${layer.className}: config round trip`).toEqual(layer.getConfig());
  clone.apply(inputs as Tensor); // builds the clone's weights
  clone.setWeights(layer.getWeights());
  outputsOf(clone.apply(inputs as Tensor)).forEach((t, i) => closeTo(t.dataSync(), values[i]!, 1e-6, `${layer.className}: clone output ${i}`));

  // ONNX Runtime computes what the reference backend computes.
  if (spec.crossBackend !== false) {
    tsr.setBackend('onnxruntime');
    try {
      const got = await Promise.all(outputsOf(layer.apply(inputs as Tensor)).map((t) => t.data()));
      got.forEach((g, i) => closeTo(g, values[i]!, rtol, `${layer.className}: onnxruntime output ${i}`));
    } finally {
      tsr.setBackend('reference');
    }
  }

  // A training step: gradients flow to every trainable weight and an SGD step lowers a loss.
  const train = spec.train ?? layer.trainableWeights.length > 0;
  if (train) {
    const targets = out.map((t, i) => makeInput({ shape: t.shape, range: [-1, 1] }, rng(100 + i)));
    const lossOf = (): Tensor => {
      tsr.setSeed(3);
      const o = outputsOf(layer.apply(inputs as Tensor, { training: true }));
      return o.map((t, i) => tsr.mean(tsr.square(tsr.sub(tsr.cast(t, 'float32'), targets[i]!)))).reduce((a, b) => tsr.add(a, b));
    };
    const vars = layer.trainableWeights;
    const { value, grads } = tsr.variableGrads(lossOf, vars);
    const before = value.item();
    let anyNonZero = false;
    grads.forEach((g, i) => {
      const d = g.dataSync();
      for (const x of d) expect(Number.isFinite(Number(x)), `${layer.className}: finite gradient of ${vars[i]!.name}`).toBe(true);
      if (d.some((x) => Number(x) !== 0)) anyNonZero = true;
    });
    expect(anyNonZero, `${layer.className}: some gradient is non-zero`).toBe(true);
    let norm2 = 0;
    for (const g of grads) for (const x of g.dataSync()) norm2 += Number(x) ** 2;
    const lr = 1e-2 / Math.max(1, Math.sqrt(norm2));
    vars.forEach((v, i) => v.assign(tsr.sub(v, tsr.mul(grads[i]!, lr))));
    const after = lossOf().item();
    expect(after, `${layer.className}: loss after one SGD step (${before} before)`).toBeLessThan(before);
  }
}
