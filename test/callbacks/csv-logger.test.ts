import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvLogger, CSVLogger } from '../../src/callbacks/index.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import { fakeFit, valLosses } from './fake-fit.js';
import { FakeModel } from './fake-model.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const read = (f: string): string => readFileSync(f, 'utf8');

// Epoch losses of the fake fit (2 batches): (1 + 1/1.5)/2 and (1/2 + 1/2.5)/2; numbers as Python's str() writes them.
describe('csvLogger', () => {
  it('writes a header (epoch, then the log names sorted) and one row per epoch', async () => {
    const filename = join(dir, 'basic.csv');
    await fakeFit(new FakeModel({ learningRate: 0.5 }), { epochs: 2, steps: 2, callbacks: [csvLogger({ filename })], validation: valLosses([1, 0.25]) });
    expect(read(filename)).toBe('epoch,learning_rate,loss,val_loss\n0,0.5,0.8333333333333333,1.0\n1,0.5,0.45,0.25\n');
  });

  it('without validation in the first epoch, keeps val_ columns as NA (Keras), with no val_learning_rate', async () => {
    const filename = join(dir, 'noval.csv');
    await fakeFit(new FakeModel({ learningRate: 1e-5 }), { epochs: 2, steps: 2, callbacks: [csvLogger({ filename })], validation: (e) => (e === 1 ? { val_loss: 2 } : null) });
    expect(read(filename)).toBe('epoch,learning_rate,loss,val_loss\n0,1e-05,0.8333333333333333,NA\n1,1e-05,0.45,2.0\n');
  });

  it('append adds rows after an existing file without a second header; otherwise the file is replaced', async () => {
    const filename = join(dir, 'append.csv');
    await fakeFit(new FakeModel(), { epochs: 1, steps: 1, callbacks: [csvLogger({ filename })], batchLoss: () => 0.5, validation: valLosses([0.75]) });
    await fakeFit(new FakeModel(), { epochs: 1, steps: 1, callbacks: [csvLogger({ filename, append: true })], batchLoss: () => NaN, validation: valLosses([Infinity]) });
    expect(read(filename)).toBe('epoch,learning_rate,loss,val_loss\n0,0.5,0.5,0.75\n0,0.5,nan,inf\n');
    await fakeFit(new FakeModel(), { epochs: 1, steps: 1, callbacks: [csvLogger({ filename })], batchLoss: () => 3, validation: valLosses([1e16]) });
    expect(read(filename)).toBe('epoch,learning_rate,loss,val_loss\n0,0.5,3.0,1e+16\n');
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await fakeFit(new FakeModel(), { epochs: 1, steps: 1, callbacks: [csvLogger({ filename: empty, append: true })], batchLoss: () => 3, validation: valLosses([1]) });
    expect(read(empty)).toBe('epoch,learning_rate,loss,val_loss\n0,0.5,3.0,1.0\n'); // an empty file gets its header
  });

  it('uses the separator, quoting cells that contain it', async () => {
    const filename = join(dir, 'sep.csv');
    const named = { 'val_a;b': 0.125 };
    await fakeFit(new FakeModel(), { epochs: 1, steps: 1, callbacks: [csvLogger({ filename, separator: ';' })], batchLoss: () => 1, validation: () => named });
    expect(read(filename)).toBe('epoch;learning_rate;loss;"val_a;b"\n0;0.5;1.0;0.125\n');
  });

  it('rejects bad arguments and round-trips its config', () => {
    expect(() => csvLogger({} as never)).toThrow('csvLogger: filename must be a non-empty path. Received: filename=undefined');
    expect(() => csvLogger({ filename: 'x.csv', separator: '::' })).toThrow('csvLogger: separator must be one character other than a quote or a line break. Received: separator="::"');
    const back = deserialize<CSVLogger>('callback', JSON.parse(JSON.stringify(serialize(csvLogger({ filename: 'log.csv', separator: '\t', append: true })))));
    expect(back).toBeInstanceOf(CSVLogger);
    expect(back.getConfig()).toEqual({ filename: 'log.csv', separator: '\t', append: true });
  });
});
