import { describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import type { Tensor } from '../../src/index.js';

const close = (a: Tensor, b: Tensor): void => {
  const x = a.dataSync(), y = b.dataSync();
  expect(x.length).toBe(y.length);
  x.forEach((v, i) => expect(Number(v)).toBeCloseTo(Number(y[i]), 5));
};

describe('functional model', () => {
  it('computes a multi-input, multi-output graph as the layers composed by hand', () => {
    tsr.setBackend('reference');
    const a = tsr.input({ shape: [3], name: 'a' });
    const b = tsr.input({ shape: [2], name: 'b' });
    const da = tsr.layers.dense({ units: 4, activation: 'relu', name: 'da' });
    const db = tsr.layers.dense({ units: 4, name: 'db' });
    const head1 = tsr.layers.dense({ units: 1, name: 'head1' });
    const head2 = tsr.layers.dense({ units: 2, activation: 'softmax', name: 'head2' });
    const ha = da.apply(a);
    const hb = db.apply(b);
    expect(ha.shape).toEqual([null, 4]);
    const o1 = head1.apply(ha);
    const o2 = head2.apply(hb);
    const m = tsr.model({ inputs: [a, b], outputs: [o1, o2], name: 'two' });
    expect(m.inputNames).toEqual(['a', 'b']);
    expect(m.outputNames).toEqual(['head1', 'head2']);
    expect(m.layers.map((l) => l.name)).toEqual(['a', 'b', 'da', 'head1', 'db', 'head2']);
    const xa = tsr.randomNormal([5, 3]), xb = tsr.randomNormal([5, 2]);
    const [y1, y2] = m.apply([xa, xb]) as Tensor[];
    close(y1!, head1.apply(da.apply(xa)));
    close(y2!, head2.apply(db.apply(xb)));
  });

  it('shares a layer applied twice, and rebuilds the sharing from its config', () => {
    tsr.setBackend('reference');
    const x1 = tsr.input({ shape: [3] });
    const x2 = tsr.input({ shape: [3] });
    const shared = tsr.layers.dense({ units: 2 });
    const m = tsr.model({ inputs: [x1, x2], outputs: [shared.apply(x1), shared.apply(x2)] });
    expect(m.weights.length).toBe(2);
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    const m2 = tsr.deserialize<tsr.Functional>('layer', json);
    expect(m2.weights.length).toBe(2);
    expect(m2.getConfig()).toEqual(m.getConfig());
    m2.setWeights(m.getWeights());
    const xs = [tsr.randomNormal([2, 3]), tsr.randomNormal([2, 3])];
    const ya = m.apply(xs) as Tensor[], yb = m2.apply(xs) as Tensor[];
    ya.forEach((t, i) => close(t, yb[i]!));
  });

  it('nests a model as a layer and infers shapes through it', () => {
    tsr.setBackend('reference');
    const inner = tsr.sequential([tsr.layers.dense({ units: 5, inputShape: [4], activation: 'tanh' }), tsr.layers.dense({ units: 3 })]);
    const x = tsr.input({ shape: [4] });
    const y = tsr.layers.dense({ units: 1 }).apply(inner.apply(x));
    expect(y.shape).toEqual([null, 1]);
    const outer = tsr.model({ inputs: x, outputs: y });
    expect(outer.weights.length).toBe(6);
    const json = JSON.parse(JSON.stringify(outer.toJSON()));
    const copy = tsr.deserialize<tsr.Functional>('layer', json);
    copy.setWeights(outer.getWeights());
    const xs = tsr.randomNormal([3, 4]);
    close(copy.apply(xs) as Tensor, outer.apply(xs) as Tensor);
  });

  it('gives clear errors for wrong inputs', () => {
    const x = tsr.input({ shape: [3] });
    const m = tsr.model({ inputs: x, outputs: tsr.layers.dense({ units: 1 }).apply(x) });
    expect(() => m.apply(tsr.zeros([2, 4]))).toThrow(/expects shape \[None,3\]. Received: \[2,4\]/);
    const other = tsr.input({ shape: [3] });
    expect(() => tsr.model({ inputs: x, outputs: tsr.layers.dense({ units: 1 }).apply(other) })).toThrow(/not among the model's inputs/);
    expect(() => tsr.input({ shape: [-2] })).toThrow(/Received: shape=\[,-2\]|integers ≥ 0/);
  });
});

describe('sequential model', () => {
  it('builds from inputShape and prints the Keras summary', () => {
    const m = tsr.sequential([
      tsr.layers.dense({ units: 32, activation: 'relu', inputShape: [784], name: 'hidden' }),
      tsr.layers.dense({ units: 10, activation: 'softmax', name: 'out' }),
    ]);
    const lines: string[] = [];
    m.summary((l) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toContain('hidden (Dense)');
    expect(text).toContain('(None, 32)');
    expect(text).toContain('25,120');
    expect(text).toContain('330');
    expect(text).toContain('Total params: 25,450');
    expect(text).toContain('Trainable params: 25,450');
    expect(text).toContain('Non-trainable params: 0');
  });

  it('builds on first call when no input shape is given, and round-trips its config', () => {
    tsr.setBackend('reference');
    const m = tsr.sequential();
    m.add(tsr.layers.dense({ units: 3 }));
    m.add(tsr.layers.dense({ units: 2 }));
    expect(m.weights.length).toBe(0);
    const x = tsr.randomNormal([4, 6]);
    const y = m.apply(x) as Tensor;
    expect(y.shape).toEqual([4, 2]);
    expect(m.weights.map((w) => w.shape)).toEqual([[6, 3], [3], [3, 2], [2]]);
    const copy = tsr.deserialize<tsr.Sequential>('layer', JSON.parse(JSON.stringify(m.toJSON())));
    copy.setWeights(m.getWeights());
    close(copy.apply(x) as Tensor, y);
  });
});

describe('subclassed model', () => {
  class TwoLayer extends tsr.Model {
    hidden = tsr.layers.dense({ units: 8, activation: 'relu' });
    out = tsr.layers.dense({ units: 1 });
    override call(x: Tensor | Tensor[]): Tensor {
      return this.out.apply(this.hidden.apply(x as Tensor));
    }
  }
  it('tracks the layers it holds as properties', () => {
    tsr.setBackend('reference');
    const m = new TwoLayer();
    const y = m.apply(tsr.randomNormal([3, 5])) as Tensor;
    expect(y.shape).toEqual([3, 1]);
    expect(m.weights.map((w) => w.shape)).toEqual([[5, 8], [8], [8, 1], [1]]);
    expect(m.layers.length).toBe(2);
  });
});
