/**
 * speech-ctc end to end on speech synthesised with Debian's espeak-ng (apt-get install espeak-ng):
 * spoken digit strings and short phrases in several voices, speeds and pitches, as (wav, txt)
 * pairs. The CTC loss falls and the report carries greedy and beam-search character error rates.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { exportsToOnnx } from '../helpers/exported-onnx.js';
import type { TrainReport } from '../../src/cli/train.js';
import { editDistance } from '../../src/recipes/speech-ctc.js';

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const PHRASES = ['yes', 'no', 'go left', 'stop now', 'turn right'];

describe('speech-ctc on espeak-ng speech', () => {
  it('edit distance', () => {
    expect(editDistance([...'kitten'], [...'sitting'])).toBe(3);
    expect(editDistance([], [1, 2])).toBe(2);
  });

  it('trains: the CTC loss falls, CERs are reported, evaluate agrees', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-espeak-'));
    let k = 0;
    const voices = ['en-us', 'en', 'en-us+f3', 'en+m3'];
    for (let i = 0; i < 24; i++) {
      const text = i % 4 === 3 ? PHRASES[i % PHRASES.length]! : `${DIGITS[i % 10]} ${DIGITS[(i * 7 + 3) % 10]}`;
      const name = `clip${String(k++).padStart(3, '0')}`;
      execFileSync('espeak-ng', ['-v', voices[i % voices.length]!, '-s', String(140 + 15 * (i % 3)), '-p', String(35 + 10 * (i % 4)), '-w', join(dir, `${name}.wav`), text]);
      writeFileSync(join(dir, `${name}.txt`), text);
    }
    const outDir = join(mkdtempSync(join(tmpdir(), 'tessera-ctc-model-')), 'model');
    let out = '';
    let err = '';
    const io = { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } };
    const code = await runCli(['train', 'speech-ctc', '--data', dir, '--epochs', '8', '--batch', '8', '--out', outDir, '--json'], io);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as TrainReport;
    const loss = report.history['loss']!;
    expect(loss[loss.length - 1]!).toBeLessThan(loss[0]!);
    expect(report.test['cer_greedy']).toBeGreaterThanOrEqual(0);
    expect(report.test['cer_beam']).toBeGreaterThanOrEqual(0);
    out = '';
    expect(await runCli(['evaluate', outDir, '--data', dir, '--json'], io)).toBe(0);
    const again = JSON.parse(out) as TrainReport;
    expect(again.test['loss']).toBeCloseTo(report.test['loss']!, 4);
    expect(again.test['cer_greedy']).toBeCloseTo(report.test['cer_greedy']!, 6);
    await exportsToOnnx(outDir);
  });
});
