/**
 * Base of the callbacks that watch one logged quantity (EarlyStopping, ModelCheckpoint,
 * ReduceLROnPlateau): which direction is better, and whether a value improves on a reference.
 */
import { TesseraError } from '../core/errors.js';
import { Callback, type Logs } from './callback.js';

export type MonitorMode = 'auto' | 'min' | 'max';

// In 'auto' mode the direction comes from the name (Keras asks the model's metric objects; the
// names of Tessera's metrics say it as well): losses and errors go down, scores go up.
const MIN_NAMES = /(^|_)(loss|error|crossentropy|hinge|divergence|false_positives|false_negatives)(_|$)/;
const MAX_NAMES = /(^|_)(acc|accuracy|auc|precision|recall|f1_score|fbeta_score|iou|r2_score|true_positives|true_negatives)(_|$)/;

export function checkMode(who: string, mode: unknown): MonitorMode {
  if (mode !== 'auto' && mode !== 'min' && mode !== 'max') throw new TesseraError(`${who}: mode must be 'auto', 'min' or 'max'. Received: mode=${String(mode)}`);
  return mode;
}

export function checkNonNegative(who: string, name: string, v: unknown, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (integer && !Number.isInteger(v))) {
    throw new TesseraError(`${who}: ${name} must be ${integer ? 'an integer' : 'a number'} ≥ 0. Received: ${name}=${String(v)}`);
  }
  return v;
}

/** 'epoch' or a positive whole number of batches. */
export function checkSaveFreq(who: string, v: unknown): 'epoch' | number {
  if (v === 'epoch' || (typeof v === 'number' && Number.isInteger(v) && v >= 1)) return v;
  throw new TesseraError(`${who}: saveFreq must be 'epoch' or an integer ≥ 1. Received: saveFreq=${String(v)}`);
}

export abstract class MonitorCallback extends Callback {
  readonly monitor: string;
  readonly mode: MonitorMode;
  /** The absolute margin an improvement must clear. */
  readonly minDelta: number;
  /** 'min' or 'max', from mode or (auto) from the monitored name. */
  readonly direction: 'min' | 'max';
  /** The best value seen (or the threshold it starts from). */
  best: number | null = null;
  private warned = false;

  constructor(protected readonly who: string, opts: { monitor: unknown; mode: unknown; minDelta: unknown }) {
    super();
    if (typeof opts.monitor !== 'string' || !opts.monitor) throw new TesseraError(`${who}: monitor must name a logged quantity, e.g. 'val_loss'. Received: monitor=${String(opts.monitor)}`);
    this.monitor = opts.monitor;
    this.mode = checkMode(who, opts.mode);
    if (typeof opts.minDelta !== 'number' || !Number.isFinite(opts.minDelta)) throw new TesseraError(`${who}: minDelta must be a finite number. Received: minDelta=${String(opts.minDelta)}`);
    this.minDelta = Math.abs(opts.minDelta);
    this.direction = this.mode !== 'auto' ? this.mode : autoDirection(who, this.monitor);
  }

  /** True when `value` beats `reference` by more than minDelta (anything beats no reference). */
  protected isImprovement(value: number, reference: number | null): boolean {
    if (reference === null) return true;
    return this.direction === 'min' ? value + this.minDelta < reference : value - this.minDelta > reference;
  }

  /** The monitored value; when it is missing, undefined and (once per training) a warning. */
  protected monitorValue(logs: Logs, otherwise: string): number | undefined {
    const v = logs[this.monitor];
    if (v === undefined && !this.warned) {
      this.warned = true;
      console.warn(`${this.who}: '${this.monitor}' is not in the logs (available: ${Object.keys(logs).join(', ')}); ${otherwise}`);
    }
    return v;
  }

  override onTrainBegin(): void {
    this.warned = false;
  }
}

function autoDirection(who: string, monitor: string): 'min' | 'max' {
  const name = monitor.replace(/^val_/, '');
  if (MIN_NAMES.test(name)) return 'min';
  if (MAX_NAMES.test(name)) return 'max';
  throw new TesseraError(`${who}: cannot tell whether '${monitor}' should be minimised or maximised; pass mode: 'min' or 'max'. Received: monitor=${monitor}, mode=auto`);
}
