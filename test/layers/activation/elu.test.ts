import { describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import * as L from '../../../src/layers/activation/index.js';
import { runLayerTest } from '../../helpers/layer-test.js';
import { cases, checkCase } from './torch-cases.js';

describe('eLU', () => {
  it('passes the layer test', async () => {
    await runLayerTest({ make: () => L.eLU({ alpha: 0.5, name: 'e' }), input: [2, 5], expectedOutputShape: [2, 5], expectedWeightShapes: [] });
  });

  it('computes alpha·(eˣ − 1) below 0 (hand values and PyTorch)', () => {
    tsr.setBackend('reference');
    const y = L.eLU({ alpha: 2 }).apply(tsr.tensor([[-2, 0, 3]])).dataSync();
    expect(Number(y[0])).toBeCloseTo(2 * (Math.exp(-2) - 1), 6);
    expect(Array.from(y as Float32Array).slice(1)).toEqual([0, 3]);
    for (const c of cases.filter((k) => k.layer === 'eLU')) checkCase(c);
    expect(L.eLU({ alpha: 2 }).getConfig()).toMatchObject({ alpha: 2 });
    expect(() => L.eLU({ alpha: NaN })).toThrow('eLU: alpha must be a finite number. Received: alpha=NaN');
  });
});
