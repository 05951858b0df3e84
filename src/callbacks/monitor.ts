/** What EarlyStopping, ReduceLROnPlateau and ModelCheckpoint share: a monitored log value and its best. */
import { TesseraError } from '../core/errors.js';
import type { Logs } from './callback.js';

export type MonitorMode = 'auto' | 'min' | 'max';

export class Monitor {
  readonly direction: 'min' | 'max';
  best: number;
  constructor(readonly owner: string, readonly key: string, mode: MonitorMode, readonly minDelta: number) {
    if (mode !== 'auto' && mode !== 'min' && mode !== 'max') throw new TesseraError(`${owner}: mode must be 'auto', 'min' or 'max'. Received: mode=${String(mode)}`);
    // Keras's 'auto': maximise accuracy-like values, minimise the rest.
    this.direction = mode !== 'auto' ? mode : /acc|auc|precision|recall|f1|fbeta/.test(key) ? 'max' : 'min';
    this.minDelta = Math.abs(minDelta);
    this.best = this.direction === 'min' ? Infinity : -Infinity;
  }
  reset(): void {
    this.best = this.direction === 'min' ? Infinity : -Infinity;
  }
  /** The monitored value, or undefined (with a warning naming what is available). */
  read(logs: Logs): number | undefined {
    const v = logs[this.key];
    if (v === undefined) console.warn(`${this.owner}: '${this.key}' is not in the logs (available: ${Object.keys(logs).join(', ')}); skipping`);
    return v;
  }
  isImprovement(current: number, reference = this.best): boolean {
    return this.direction === 'min' ? current < reference - this.minDelta : current > reference + this.minDelta;
  }
}
