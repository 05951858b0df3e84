/**
 * Ctrl-C during `tessera train`: the child stops after the batch, saves a checkpoint, prints where
 * it is and the command that resumes, and exits with 130, without a stack trace; `--resume` then
 * ends with the weights of an uninterrupted run, byte for byte. A second Ctrl-C exits at once,
 * leaving a loadable checkpoint.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { runCli } from '../../src/cli/main.js';
import { decodeSafetensors } from '../../src/io/safetensors.js';
import { TUNED_MALLOC_ENV } from '../../src/node/tuned-malloc.js';

const root = mkdtempSync(join(tmpdir(), 'tessera-sigint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** 64 rows, 4 features, label a + b > 0 (the split holds out 13: 51 training rows, 7 batches of 8). */
function writeCsv(): string {
  const file = join(root, 'data.csv');
  const rows = ['a,b,c,d,label'];
  for (let i = 0; i < 64; i++) {
    const [a, b, c, d] = [Math.sin(i * 1.3), Math.cos(i * 0.7), Math.sin(i * 0.31), ((i * 13) % 7) / 7].map((v) => v.toFixed(3));
    rows.push(`${a},${b},${c},${d},${Number(a) + Number(b) > 0 ? 1 : 0}`);
  }
  writeFileSync(file, rows.join('\n'));
  return file;
}

const EPOCHS = '12';

interface Interrupted { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs `tessera train` in a child and sends it a SIGINT once epoch `epoch` has begun (`count` 2: another once it reacted). */
function trainAndInterrupt(data: string, out: string, epoch: number, count: number): Promise<Interrupted> {
  const args = ['--import', 'tsx', resolve('src/cli/bin.ts'), 'train', 'tabular-mlp', '--data', data, '--epochs', EPOCHS, '--batch', '8', '--checkpoint-every', '1000', '--out', out];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...TUNED_MALLOC_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    let again = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && stdout.includes(`Epoch ${epoch}/`)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Signals of one kind that arrive together merge into one: the second Ctrl-C follows the first's message.
      if (count === 2 && stderr.includes('stopping after this batch') && !again) {
        again = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: { write: (s: string) => (out += s) }, err: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe('tessera train and Ctrl-C', () => {
  it('stops after the batch with a checkpoint and exit code 130; --resume ends equal to an uninterrupted run; a second Ctrl-C exits at once', async () => {
    const data = writeCsv();
    const out = join(root, 'interrupted');
    const twice = join(root, 'twice');
    // Both children at once (they spend most of their time loading); the uninterrupted run in process meanwhile.
    const [once, again, straight] = await Promise.all([
      trainAndInterrupt(data, out, 3, 1),
      trainAndInterrupt(data, twice, 2, 2),
      cli('train', 'tabular-mlp', '--data', data, '--epochs', EPOCHS, '--batch', '8', '--out', join(root, 'straight'), '--json'),
    ]);
    expect(straight.code, straight.err).toBe(0);

    expect(once.code, once.stderr).toBe(130);
    expect(once.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const checkpoint = join(out, 'checkpoint');
    expect(once.stderr).toContain(`interrupted: checkpoint saved in ${checkpoint}\n`);
    expect(once.stderr).toContain(`resume with: tessera train tabular-mlp --data ${data} --epochs ${EPOCHS} --batch 8 --seed 0 --out ${out} --checkpoint-every 1000 --resume\n`);
    expect(existsSync(join(out, 'model.weights.safetensors'))).toBe(false); // not a finished model
    const state = JSON.parse(readFileSync(join(checkpoint, 'state.json'), 'utf8')) as { epoch: number; batch: number | null; folder: string };
    // Stopped in epoch 3 or soon after (it began before the signal arrived), after some batch: a mid-epoch checkpoint.
    expect(state.epoch).toBeGreaterThanOrEqual(1);
    expect(state.batch).not.toBeNull();
    const saved = await tsr.loadModel(join(checkpoint, state.folder)); // loadable
    expect(saved.optimizer!.iterations).toBe((state.epoch + 1) * 7 + state.batch! + 1);

    const resumed = await cli('train', 'tabular-mlp', '--data', data, '--epochs', EPOCHS, '--batch', '8', '--out', out, '--resume', '--json');
    expect(resumed.code, resumed.err).toBe(0);
    // The weights and the optimizer's state, value for value (the names hold layer names, numbered per process).
    for (const file of ['model.weights.safetensors', 'optimizer.safetensors']) {
      const values = (dir: string) => {
        const { tensors, metadata } = decodeSafetensors(readFileSync(join(dir, file)));
        return { metadata, values: [...tensors.values()].map((t) => Array.from(t.dataSync() as Float32Array)) };
      };
      expect(values(out), file).toEqual(values(join(root, 'straight')));
    }
    expect(existsSync(checkpoint)).toBe(false); // removed once the final model is saved

    // Twice: out at once, with the last complete checkpoint (epoch 1's end) or the new one intact.
    expect(again.code, again.stderr).toBe(130);
    // (If the first stop and its save finished before the second signal came, the process had ended: still 130.)
    expect(again.stderr).toMatch(/tessera train: interrupted again; exiting without saving|interrupted: checkpoint saved in/);
    const twiceState = JSON.parse(readFileSync(join(twice, 'checkpoint', 'state.json'), 'utf8')) as { folder: string };
    await expect(tsr.loadModel(join(twice, 'checkpoint', twiceState.folder))).resolves.toBeDefined();
  }, 60_000);
});
