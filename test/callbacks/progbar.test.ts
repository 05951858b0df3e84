import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CallbackList, consoleStream, defaultStream, Progbar, progbarLogger, ProgbarLogger } from '../../src/callbacks/index.js';
import { deserialize, serialize } from '../../src/io/serialization.js';
import { fakeFit, valLosses } from './fake-fit.js';
import { FakeModel } from './fake-model.js';

interface FixtureCase {
  name: string;
  start: number;
  target: number | null;
  verbose: 1 | 2;
  steps: [number, number, [string, number | 'nan'][], boolean][];
  expected: string;
}
const cases = JSON.parse(readFileSync(new URL('./fixtures/progbar.json', import.meta.url), 'utf8')) as FixtureCase[];

/** A stream that records what is written. */
function recorder(isTTY: boolean): { stream: { write: (s: string) => void; isTTY: boolean }; out: string[] } {
  const out: string[] = [];
  return { stream: { write: (s: string) => { out.push(s); }, isTTY }, out };
}

const B = '\x1b[1m', G = '\x1b[32m', W = '\x1b[37m', R = '\x1b[0m';
const bar = (done: number): string => `${done ? `${G}${'━'.repeat(done)}${R}` : ''}${W}${'━'.repeat(20 - done)}${R}`;

describe('Progbar (the output of Keras 3 progbar.py for the same updates and clock)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { stream, out } = recorder(true);
    let clock = c.start;
    const p = new Progbar({ target: c.target, verbose: c.verbose, stream, now: () => clock * 1000 });
    for (const [t, current, values, finalize] of c.steps) {
      clock = t;
      p.update(current, values.map(([k, v]) => [k, v === 'nan' ? NaN : v]), { finalize });
    }
    expect(out.join('')).toBe(c.expected);
  });
});

describe('progbarLogger', () => {
  // The fake fit runs 2 epochs of 2 batches of 32; each step takes 100 ms on the fake clock.
  const run = async (opts: { isTTY: boolean; verbose?: 0 | 1 | 2; unknownSteps?: boolean; epochs?: number }): Promise<string[]> => {
    const { stream, out } = recorder(opts.isTTY);
    let clock = 0;
    const cb = progbarLogger({ stream, now: () => clock, verbose: opts.verbose });
    await fakeFit(new FakeModel(), { epochs: opts.epochs ?? 2, steps: 2, batchSize: 32, callbacks: [cb], validation: valLosses([0.5, 0.25]), afterStep: () => { clock += 100; }, unknownSteps: opts.unknownSteps });
    return out;
  };

  it('non-TTY: the epoch header and one final line per epoch, no redraws', async () => {
    // loss is the running mean of 1/(1 + epoch + batch/2): epoch 0 (1 + 2/3)/2, epoch 1 (1/2 + 2/5)/2.
    expect(await run({ isTTY: false })).toEqual([
      'Epoch 1/2\n',
      `2/2 ${'━'.repeat(20)} 0s 100ms/step 320 samples/s - loss: 0.8333 - val_loss: 0.5000\n`,
      'Epoch 2/2\n',
      `2/2 ${'━'.repeat(20)} 0s 100ms/step 320 samples/s - loss: 0.4500 - val_loss: 0.2500\n`,
    ]);
  });

  it('TTY: the bar is redrawn in place after each batch, then finished with the epoch values', async () => {
    expect(await run({ isTTY: true, epochs: 1 })).toEqual([
      `\r${B}1/2${R} ${bar(10)} ${B}0s${R} 100ms/step 320 samples/s - loss: 1.0000`,
      `\r${B}2/2${R} ${bar(20)} ${B}0s${R} 100ms/step 320 samples/s - loss: 0.8333`,
      `\r${B}2/2${R} ${bar(20)} ${B}0s${R} 100ms/step 320 samples/s - loss: 0.8333 - val_loss: 0.5000\n`,
    ]);
  });

  it('verbose 2: one summary line per epoch', async () => {
    expect(await run({ isTTY: true, verbose: 2 })).toEqual([
      'Epoch 1/2\n',
      '2/2 - 0s - 100ms/step - 320 samples/s - loss: 0.8333 - val_loss: 0.5000\n',
      'Epoch 2/2\n',
      '2/2 - 0s - 100ms/step - 320 samples/s - loss: 0.4500 - val_loss: 0.2500\n',
    ]);
    expect(await run({ isTTY: false, verbose: 0 })).toEqual([]);
  });

  it('an unknown number of steps is counted in the first epoch and known after', async () => {
    const out = await run({ isTTY: true, unknownSteps: true });
    expect(out.slice(0, 2)).toEqual([
      'Epoch 1/2\n',
      `\r      1/Unknown ${B}0s${R} 100ms/step 320 samples/s - loss: 1.0000`,
    ]);
    expect(out[3]).toBe(`\r${B}2/2${R} ${bar(20)} ${B}0s${R} 100ms/step 320 samples/s - loss: 0.8333 - val_loss: 0.5000\n`);
    expect(out[5]).toBe(`\r${B}1/2${R} ${bar(10)} ${B}0s${R} 100ms/step 320 samples/s - loss: 0.5000`);
  });

  it('shows evaluate progress when not inside fit; inside fit validation stays silent', async () => {
    const { stream, out } = recorder(false);
    let clock = 0;
    const cb = progbarLogger({ stream, now: () => clock });
    const list = new CallbackList([cb], { model: new FakeModel(), params: { epochs: 1, steps: 2, verbose: 0, initialEpoch: 0 } });
    const evaluate = async (): Promise<void> => {
      await list.onTestBegin({});
      for (const b of [0, 1]) {
        await list.onTestBatchBegin(b, { size: 10 });
        clock += 50;
        await list.onTestBatchEnd(b, { loss: 2 - b, accuracy: 0.5 });
      }
      await list.onTestEnd({ loss: 1.5, accuracy: 0.5 });
    };
    await evaluate();
    expect(out).toEqual([`2/2 ${'━'.repeat(20)} 0s 50ms/step 200 samples/s - accuracy: 0.5000 - loss: 1.5000\n`]);
    await list.onTrainBegin({});
    await evaluate();
    expect(out.length).toBe(1);
  });

  it('in a browser (no process.stdout) each finished line goes to console.log', () => {
    const lines: string[] = [];
    const s = consoleStream((l) => lines.push(l));
    s.write('Epoch 1/2\n');
    s.write('\r1/2 partial');
    s.write('\r2/2 done\n');
    expect(lines).toEqual(['Epoch 1/2', '\r1/2 partial\r2/2 done']);
    expect(s.isTTY).toBe(false);
    expect(defaultStream()).toBe(process.stdout);
  });

  it('rejects a bad verbose and round-trips its config', () => {
    expect(() => progbarLogger({ verbose: 3 as never })).toThrow('progbarLogger: verbose must be 0, 1 or 2. Received: verbose=3');
    const back = deserialize<ProgbarLogger>('callback', JSON.parse(JSON.stringify(serialize(progbarLogger({ verbose: 2 })))));
    expect(back).toBeInstanceOf(ProgbarLogger);
    expect(back.getConfig()).toEqual({ verbose: 2 });
  });
});
