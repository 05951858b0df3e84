/** PyTorch reference cases for the activation layers (test/fixtures/layers/activation/gen_activation_layers.py). */
import { readFileSync } from 'node:fs';
import * as tsr from '../../../src/index.js';
import { expectClose } from '../../helpers/test-op.js';
import * as L from '../../../src/layers/activation/index.js';

export interface ActivationCase { layer: 'pReLU' | 'eLU' | 'softmax'; args: Record<string, unknown>; x: unknown; weights: unknown[]; mask?: unknown; y: unknown }

export const cases = JSON.parse(readFileSync(new URL('../../fixtures/layers/activation/activation_layers.json', import.meta.url), 'utf8')) as ActivationCase[];

const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [Number(v)]);

export function checkCase(c: ActivationCase): void {
  tsr.setBackend('reference');
  const layer = (L[c.layer] as (a: Record<string, unknown>) => tsr.layers.Layer)(c.args);
  const x = tsr.tensor(c.x as never);
  layer.apply(x);
  if (c.weights.length) layer.setWeights(c.weights.map((w) => tsr.tensor(w as never)));
  const y = layer.apply(x, c.mask ? { mask: tsr.tensor(c.mask as never, undefined, 'bool') } : {});
  expectClose(y.dataSync(), flat(c.y), 1e-5, 1e-4, `${c.layer} ${JSON.stringify(c.args)}`);
}
