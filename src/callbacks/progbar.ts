/**
 * Keras's progress bar (keras/src/utils/progbar.py), line for line in format:
 *   `1500/1875 ━━━━━━━━━━━━━━━━━━━━ 2s 1ms/step 48000 samples/s - accuracy: 0.9123 - loss: 0.2817`
 * Written by hand rather than with a progress-bar package: Keras's layout (count, bar of '━',
 * ETA then elapsed time, time per step, ' - name: value' pairs with Python's number formats) is
 * not what those packages draw, it must also run in browsers (no process.stdout), and this is
 * about a hundred lines.
 */
import { pyExponential, pyFixed } from './python-format.js';

/** Where the bar is written: process.stdout, or anything with `write` (tests, a log file). */
export interface ProgbarStream {
  write(text: string): unknown;
  /** A terminal: the bar is redrawn in place with '\r'. Otherwise one line at the end of a pass. */
  isTTY?: boolean;
}

export interface ProgbarOptions {
  /** Steps expected; null when unknown (a dataset without a length). */
  target: number | null;
  width?: number;
  /** 0 silent, 1 a bar, 2 one line at the end. */
  verbose?: 0 | 1 | 2;
  /** Minimum time between redraws on a terminal, in seconds. */
  interval?: number;
  unitName?: string;
  stream?: ProgbarStream;
  /** The clock, in milliseconds (injectable for tests). */
  now?: () => number;
}

const BOLD = '\x1b[1m', GREEN = '\x1b[32m', WHITE = '\x1b[37m', RESET = '\x1b[0m';

export class Progbar {
  target: number | null;
  readonly width: number;
  readonly verbose: 0 | 1 | 2;
  private readonly interval: number;
  private readonly unitName: string;
  private readonly stream: ProgbarStream;
  private readonly now: () => number;
  private readonly start: number;
  private lastUpdate = 0;
  private timeAfterFirstStep: number | null = null;
  private prevWidth = 0;
  private readonly values = new Map<string, number>();

  constructor(opts: ProgbarOptions) {
    this.target = opts.target;
    this.width = opts.width ?? 20;
    this.verbose = opts.verbose ?? 1;
    this.interval = (opts.interval ?? 0.05) * 1000;
    this.unitName = opts.unitName ?? 'step';
    this.stream = opts.stream ?? defaultStream();
    this.now = opts.now ?? defaultNow;
    this.start = this.now();
  }

  /**
   * Shows progress at `current` steps done, with the latest values (shown as given: fit's logs
   * already hold epoch-so-far means). `samples` seen so far adds a samples/s rate.
   */
  update(current: number, values: Iterable<[string, number]> = [], opts: { finalize?: boolean; samples?: number } = {}): void {
    const finalize = opts.finalize ?? (this.target !== null && current >= this.target);
    for (const [k, v] of values) this.values.set(k, v); // a Map keeps first-seen order, as Keras's _values_order
    const now = this.now();
    const timePerUnit = this.estimateStepDuration(current, now);
    const elapsed = (now - this.start) / 1000;
    const rate = opts.samples && elapsed > 0 ? ` ${Math.round(opts.samples / elapsed)} samples/s` : '';
    const known = this.target !== null && this.target > 0;
    if (this.verbose === 1) {
      if (now - this.lastUpdate < this.interval && !finalize) return;
      const tty = this.stream.isTTY === true;
      // Without a terminal '\r' cannot redraw, and each redraw would be a new line: only the final state is written.
      if (tty || finalize) this.draw(current, finalize, timePerUnit, elapsed, rate, known, tty);
    } else if (this.verbose === 2 && finalize && known) {
      let line = `${this.count(current)} - ${pyFixed(elapsed, 0)}s -${formatTime(timePerUnit, this.unitName)}${rate ? ` -${rate}` : ''}`;
      // Keras compares the value (not its magnitude) with 1e-3 here, so negative values get the exponent form.
      for (const [k, v] of this.values) line += ` - ${k}: ${v > 1e-3 ? pyFixed(v, 4) : pyExponential(v, 4)}`;
      this.stream.write(`${line}\n`);
    }
    this.lastUpdate = now;
  }

  private draw(current: number, finalize: boolean, timePerUnit: number, elapsed: number, rate: string, known: boolean, tty: boolean): void {
    const style = (code: string, text: string): string => (tty ? `${code}${text}${RESET}` : text);
    let bar: string;
    let barWidth: number;
    if (known) {
      const count = this.count(current);
      const done = Math.min(this.width, Math.floor((this.width * current) / this.target!));
      bar = `${style(BOLD, count)} ${done > 0 ? style(GREEN, '━'.repeat(done)) : ''}${style(WHITE, '━'.repeat(this.width - done))}`;
      barWidth = count.length + 1 + this.width;
    } else {
      bar = `${String(current).padStart(7)}/Unknown`;
      barWidth = bar.length;
    }
    const time = known && !finalize ? formatEta(timePerUnit * (this.target! - current)) : `${pyFixed(elapsed, 0)}s`;
    let rest = `${formatTime(timePerUnit, this.unitName)}${rate}`;
    for (const [k, v] of this.values) rest += ` - ${k}: ${progbarValue(v)}`;
    const width = barWidth + 1 + time.length + rest.length;
    let message = `${tty ? '\r' : ''}${bar} ${style(BOLD, time)}${rest}`;
    if (tty && this.prevWidth > width) message += ' '.repeat(this.prevWidth - width); // cover a longer previous line
    if (finalize) message += '\n';
    this.stream.write(message);
    this.prevWidth = width;
  }

  /** '  7/100': the count padded to the target's width. */
  private count(current: number): string {
    return `${String(current).padStart(String(this.target).length)}/${this.target}`;
  }

  /** Seconds per step, leaving out the first step (often slow: compilation) once there are more (Keras's rule). */
  private estimateStepDuration(current: number, now: number): number {
    if (!current) return 0;
    const perUnit = this.timeAfterFirstStep !== null && current > 1
      ? (now - this.timeAfterFirstStep) / (current - 1)
      : (now - this.start) / current;
    if (current === 1) this.timeAfterFirstStep = now;
    return perUnit / 1000;
  }
}

/** How Keras's bar shows a value: 4 decimals, or the exponent form when |x| ≤ 1e-3. */
export function progbarValue(x: number): string {
  return Math.abs(x) > 1e-3 ? pyFixed(x, 4) : pyExponential(x, 4);
}

/** ' 12ms/step', ' 3s/step', ' 250us/step' (from seconds). */
export function formatTime(seconds: number, unit: string): string {
  if (seconds >= 1 || seconds === 0) return ` ${pyFixed(seconds, 0)}s/${unit}`;
  if (seconds >= 1e-3) return ` ${pyFixed(seconds * 1e3, 0)}ms/${unit}`;
  return ` ${pyFixed(seconds * 1e6, 0)}us/${unit}`;
}

/** The time left as Keras shows it: '42s', '3:07', '1:02:03' (from seconds; parts truncated, as Python's %d). */
export function formatEta(seconds: number): string {
  const two = (n: number): string => String(Math.trunc(n)).padStart(2, '0');
  if (seconds > 3600) return `${Math.trunc(seconds / 3600)}:${two((seconds % 3600) / 60)}:${two(seconds % 60)}`;
  if (seconds > 60) return `${Math.trunc(seconds / 60)}:${two(seconds % 60)}`;
  return `${Math.trunc(seconds)}s`;
}

function defaultNow(): number {
  return globalThis.performance.now();
}

interface MaybeProcess { process?: { stdout?: ProgbarStream } }

/** process.stdout in Node; in a browser, console.log once per completed line (no redraws there). */
export function defaultStream(): ProgbarStream {
  const stdout = (globalThis as MaybeProcess).process?.stdout;
  if (stdout && typeof stdout.write === 'function') return stdout;
  return consoleStream();
}

/** Collects writes and logs each finished line with console.log. */
export function consoleStream(log: (line: string) => void = (line) => console.log(line)): ProgbarStream {
  let pending = '';
  return {
    isTTY: false,
    write(text: string) {
      pending += text;
      let i: number;
      while ((i = pending.indexOf('\n')) >= 0) {
        log(pending.slice(0, i));
        pending = pending.slice(i + 1);
      }
    },
  };
}
