/**
 * Kill-and-resume: a child process trains (test/train/fixtures/resume-child.ts: a tsr.data Dataset
 * shuffled each epoch, dropout, Adam, a backup after every batch); the test SIGKILLs it at random
 * points (seeded), starts it again on the same backup folder each time, and the run that finally
 * completes ends with exactly the weights of an uninterrupted run (computed here, in process).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/data/random.js';
import { TUNED_MALLOC_ENV } from '../../src/node/tuned-malloc.js';
import { BATCHES_PER_EPOCH, EPOCHS, trainRun } from '../train/fixtures/resume-child.js';

const CHILD = resolve('test/train/fixtures/resume-child.ts');
const root = mkdtempSync(join(tmpdir(), 'tessera-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface ChildRun { code: number | null; signal: NodeJS.Signals | null; steps: number; stderr: string }

interface Child {
  /** Starts training; with `killAfter`, SIGKILLs the child once it has reported that many steps (plus `delayMs`). */
  run(killAfter: number | null, delayMs: number): Promise<ChildRun>;
  kill(): void;
}

/**
 * Starts a child that loads the library and waits for its turn to train (loading takes most of a
 * child's time: the next child loads while the current one trains).
 */
function startChild(backupDir: string, out: string): Child {
  // The tuned-malloc variables are set so nothing relaunches: the pid is the process that trains.
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, backupDir, out, 'dataset', 'wait'], { env: { ...process.env, ...TUNED_MALLOC_ENV }, stdio: ['pipe', 'pipe', 'pipe'] });
  let steps = 0;
  let stderr = '';
  let buffered = '';
  let killAfter: number | null = null;
  let delayMs = 0;
  let started = false;
  let ready = false;
  const start = (): void => {
    if (started && ready) child.stdin.write('go\n');
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    if (lines.includes('ready')) {
      ready = true;
      start();
    }
    steps += lines.filter((l) => l.startsWith('step ')).length;
    if (killAfter !== null && steps >= killAfter && !child.killed) {
      // The kill lands somewhere in the next step or its backup (a save in progress included).
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const closed = new Promise<ChildRun>((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, steps, stderr }));
  });
  return {
    run(k, d) {
      [killAfter, delayMs, started] = [k, d, true];
      start();
      return closed;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

describe('kill and resume (child process)', () => {
  it('SIGKILLed at 3 random points and resumed each time, the run ends with the uninterrupted weights bit for bit', async () => {
    const backupDir = join(root, 'backup');
    const out = join(root, 'weights.json');
    const random = mulberry32(2024);
    const reference = trainRun({ kind: 'dataset' }); // in process, while the children run
    const total = EPOCHS * BATCHES_PER_EPOCH;
    let done = 0;
    let next = startChild(backupDir, out);
    const started: Child[] = [next];
    try {
      for (let k = 0; k < 3; k++) {
        // Kill after 1-8 more steps, 0-5 ms later (mid-step or mid-save).
        const killAfter = 1 + Math.floor(random() * 8);
        const current = next;
        next = startChild(backupDir, out); // loads while the current one trains
        started.push(next);
        const run = await current.run(killAfter, Math.floor(random() * 6));
        expect(run.signal, run.stderr).toBe('SIGKILL');
        expect(run.steps).toBeGreaterThanOrEqual(killAfter);
        done += run.steps;
        expect(existsSync(join(backupDir, 'state.json'))).toBe(true);
      }
      expect(done).toBeLessThan(total);
      const last = await next.run(null, 0);
      expect(last.code, last.stderr).toBe(0);
      // The last run did only what was left: the killed runs' backed-up steps were not repeated
      // (a kill between a step and its backup repeats that one step).
      expect(last.steps).toBeLessThanOrEqual(total - done + 3);
      expect(last.steps).toBeGreaterThanOrEqual(total - done);
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(await reference);
    } finally {
      for (const c of started) c.kill(); // after a failure, none is left waiting
    }
    expect(existsSync(backupDir)).toBe(false); // a finished run deletes its backup
  }, 60_000);
});
