/**
 * Forward values and gradients of the conv family against PyTorch (test/fixtures/conv.json,
 * written by test/fixtures/gen_conv.py; no Python needed to run this test).
 */
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { expectClose } from '../helpers/test-op.js';

interface Arr { shape: number[]; data: number[] }
interface FixtureCase {
  name: string;
  op: 'conv' | 'convTranspose' | 'maxPool' | 'avgPool' | 'resize';
  opts: Record<string, unknown> & { size?: number[] };
  inputs: Arr[];
  y: Arr;
  gy: Arr;
  grads: Arr[];
  outputSpatial?: number[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/conv.json', import.meta.url), 'utf8')) as { cases: FixtureCase[] };

function apply(c: FixtureCase, xs: tsr.Tensor[]): tsr.Tensor {
  const o = c.opts as never;
  switch (c.op) {
    case 'conv': return tsr.conv(xs[0]!, xs[1]!, o);
    case 'convTranspose': return tsr.convTranspose(xs[0]!, xs[1]!, o);
    case 'maxPool': return tsr.maxPool(xs[0]!, o);
    case 'avgPool': return tsr.avgPool(xs[0]!, o);
    case 'resize': return tsr.resize(xs[0]!, c.opts.size!, o);
  }
}

describe('conv family vs PyTorch', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const inputs = c.inputs.map((a) => tsr.tensor(a.data, a.shape, 'float64'));
      const y = apply(c, inputs);
      expectClose(y.dataSync() as Float64Array, c.y.data, 1e-6, 1e-6, `${c.name}: forward`);
      const gy = tsr.tensor(c.gy.data, c.gy.shape, 'float64');
      const grads = tsr.grad((...xs: tsr.Tensor[]) => tsr.sum(tsr.mul(apply(c, xs), gy)))(...inputs) as tsr.Tensor | tsr.Tensor[];
      const list = Array.isArray(grads) ? grads : [grads];
      list.forEach((g, i) => expectClose(g.dataSync() as Float64Array, c.grads[i]!.data, 1e-6, 1e-6, `${c.name}: gradient of input ${i}`));
      // float32, as users run it, within 1e-4.
      const y32 = apply(c, c.inputs.map((a) => tsr.tensor(a.data, a.shape, 'float32')));
      expectClose(y32.dataSync() as Float32Array, c.y.data, 1e-4, 1e-4, `${c.name}: forward float32`);
    });
  }
});
