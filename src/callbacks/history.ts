/** Records every epoch's logs; `fit` returns it. */
import { Callback, type Logs } from './callback.js';

export class History extends Callback {
  /** The epochs run (0-based), in order. */
  epoch: number[] = [];
  /** Each logged quantity per epoch, e.g. history.loss[i] for epoch[i]. */
  history: Record<string, number[]> = {};

  override onTrainBegin(): void {
    this.epoch = [];
    this.history = {};
  }

  override onEpochEnd(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [k, v] of Object.entries(logs)) (this.history[k] ??= []).push(v);
  }
}
