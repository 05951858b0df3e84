/**
 * The video recipes end to end on MP4s made here with ffmpeg (two classes: a moving bright square
 * vs a still dark frame), through the CLI. Needs Debian's ffmpeg: `npm run test:system`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { exportsToOnnx } from '../helpers/exported-onnx.js';
import type { TrainReport } from '../../src/cli/train.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-video-recipes-'));
for (const cls of ['dark', 'moving']) {
  mkdirSync(join(dir, cls));
  for (let i = 0; i < 5; i++) {
    const source = cls === 'dark'
      ? `color=c=0x${(16 + 8 * i).toString(16).padStart(2, '0')}2020:s=32x32:r=8:d=2`
      : `testsrc=s=32x32:r=8:d=2`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', join(dir, cls, `${i}.mp4`)]);
  }
}

async function train(recipe: string): Promise<TrainReport> {
  let out = '';
  let err = '';
  const model = join(mkdtempSync(join(tmpdir(), 'tessera-video-model-')), recipe);
  const code = await runCli(['train', recipe, '--data', dir, '--epochs', '4', '--batch', '4', '--image-size', '16', '--out', model, '--json'],
    { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  expect(err).toBe('');
  expect(code).toBe(0);
  await exportsToOnnx(model);
  return JSON.parse(out) as TrainReport;
}

describe('video recipes on MP4 folders', () => {
  for (const recipe of ['video-conv3d', 'video-convlstm']) {
    it(`${recipe}: the loss falls and the report has a confusion matrix`, async () => {
      const report = await train(recipe);
      const loss = report.history['loss']!;
      expect(loss[loss.length - 1]!).toBeLessThan(loss[0]!);
      expect(report.classNames).toEqual(['dark', 'moving']);
      expect(report.confusionMatrix!.flat().reduce((a, b) => a + b, 0)).toBe(2);
    });
  }
});
