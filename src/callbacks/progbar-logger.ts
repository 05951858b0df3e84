/**
 * Keras's progress bar. On a terminal one line is redrawn in place (at most every 100 ms):
 *   Epoch 3/10
 *   1500/1875 ━━━━━━━━━━━━━━━━────  2s 1ms/step 25000 samples/s - accuracy: 0.9123 - loss: 0.2817
 * ending with the epoch's total time and the validation values. Elsewhere (a pipe, a CI log,
 * verbose 2, a browser) it prints one line per epoch. Written by hand: the npm progress-bar
 * libraries draw their own formats and assume a Node TTY; Keras's line is a few string operations.
 */
import type { Logs } from './callback.js';
import { Callback } from './callback.js';

export interface ProgbarOptions {
  /** Where lines go (default: process.stdout in Node, console.log elsewhere). */
  stream?: { write(s: string): unknown; isTTY?: boolean };
  /** Clock in ms (tests inject one). */
  now?: () => number;
}

const WIDTH = 20;

function fmtValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(4) : v.toFixed(4);
}

function fmtTime(seconds: number): string {
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  return `${Math.round(seconds)}s`;
}

function fmtStep(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)}s/step` : ms >= 1 ? `${Math.round(ms)}ms/step` : `${Math.round(ms * 1000)}us/step`;
}

export function formatLogs(logs: Logs): string {
  return Object.keys(logs).filter((k) => k !== 'size').sort().map((k) => ` - ${k}: ${fmtValue(logs[k]!)}`).join('');
}

export class ProgbarLogger extends Callback {
  private readonly stream: { write(s: string): unknown; isTTY?: boolean };
  private readonly now: () => number;
  private epochStart = 0;
  private lastDraw = 0;
  private seen = 0;
  private samples = 0;
  private epoch = 0;

  constructor(opts: ProgbarOptions = {}) {
    super();
    const out = (globalThis as { process?: { stdout?: { write(s: string): unknown; isTTY?: boolean } } }).process?.stdout;
    this.stream = opts.stream ?? out ?? { write: (s: string) => console.log(s.replace(/\n$/, '')), isTTY: false };
    this.now = opts.now ?? (() => performance.now());
  }

  /** fit adds a logger only when verbose ≠ 0; one given explicitly prints (2: one line per epoch). */
  private get mode(): 1 | 2 {
    return this.params?.verbose === 2 ? 2 : 1;
  }

  private get live(): boolean {
    return !!this.stream.isTTY && this.mode === 1;
  }

  override onEpochBegin(epoch: number): void {
    this.epoch = epoch;
    this.epochStart = this.now();
    this.lastDraw = 0;
    this.seen = 0;
    this.samples = 0;
    if (this.mode === 1) this.stream.write(`Epoch ${epoch + 1}/${this.params?.epochs ?? '?'}\n`);
  }

  override onTrainBatchBegin(_batch: number, logs: Logs): void {
    this.samples += logs['size'] ?? 0;
  }

  override onTrainBatchEnd(batch: number, logs: Logs): void {
    this.seen = batch + 1;
    if (!this.live) return;
    const t = this.now();
    if (t - this.lastDraw < 100 && this.seen !== this.params?.steps) return;
    this.lastDraw = t;
    this.stream.write(`\r${this.line(logs, false)}\x1b[K`);
  }

  override onEpochEnd(_epoch: number, logs: Logs): void {
    const shown = Object.fromEntries(Object.entries(logs).filter(([k]) => k !== 'learning_rate'));
    if (this.mode === 2) {
      this.stream.write(`Epoch ${this.epoch + 1}/${this.params?.epochs ?? '?'} - ${this.line(shown, true)}\n`);
      return;
    }
    this.stream.write(`${this.live ? '\r' : ''}${this.line(shown, true)}${this.live ? '\x1b[K' : ''}\n`);
  }

  /** The bar line: steps, bar, time (ETA while running, total at the end), time per step, samples/s, logs. */
  private line(logs: Logs, done: boolean): string {
    const steps = this.params?.steps ?? null;
    const elapsed = (this.now() - this.epochStart) / 1000;
    const perStep = this.seen ? (elapsed * 1000) / this.seen : 0;
    const count = steps ? `${String(this.seen).padStart(String(steps).length)}/${steps}` : `${this.seen}`;
    const filled = steps ? Math.min(WIDTH, Math.round((this.seen / steps) * WIDTH)) : WIDTH;
    const bar = '━'.repeat(filled) + '─'.repeat(WIDTH - filled);
    const time = done || !steps ? fmtTime(elapsed) : fmtTime(perStep * (steps - this.seen) / 1000);
    const rate = elapsed > 0 && this.samples ? ` ${Math.round(this.samples / elapsed)} samples/s` : '';
    return `${count} ${bar} ${time} ${fmtStep(perStep)}${rate}${formatLogs(logs)}`;
  }
}
