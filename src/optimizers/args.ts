/**
 * Argument checks shared by the optimizers and schedules; `who` is the factory's name, as in
 * "exponentialDecay: decaySteps must be > 0. Received: decaySteps=0".
 */
import { TesseraError } from '../core/errors.js';
import { describe } from '../io/serialization.js';

/** A received value for an error message (numbers as JavaScript prints them: NaN, Infinity). */
export function received(v: unknown): string {
  return typeof v === 'number' ? String(v) : describe(v);
}

export function finiteNumber(who: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TesseraError(`${who}: ${name} must be a finite number. Received: ${name}=${received(v)}`);
  return v;
}

export function positiveNumber(who: string, name: string, v: unknown): number {
  if (finiteNumber(who, name, v) <= 0) throw new TesseraError(`${who}: ${name} must be > 0. Received: ${name}=${received(v)}`);
  return v as number;
}

export function nonNegativeNumber(who: string, name: string, v: unknown): number {
  if (finiteNumber(who, name, v) < 0) throw new TesseraError(`${who}: ${name} must be ≥ 0. Received: ${name}=${received(v)}`);
  return v as number;
}

export function booleanArg(who: string, name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new TesseraError(`${who}: ${name} must be true or false. Received: ${name}=${received(v)}`);
  return v;
}

/** Refuses option names the class does not know (a snake_case Keras name, a typo). */
export function checkKnownKeys(who: string, options: object, known: readonly string[]): void {
  const unknown = Object.keys(options).filter((k) => !known.includes(k) && (options as Record<string, unknown>)[k] !== undefined);
  if (unknown.length) {
    throw new TesseraError(`${who}: unknown option${unknown.length > 1 ? 's' : ''} (known: ${known.join(', ')}). Received: ${unknown.join(', ')}`);
  }
}

/** The step a schedule is evaluated at: a finite number ≥ 0. */
export function checkStep(who: string, step: number): number {
  if (typeof step !== 'number' || !(step >= 0) || !Number.isFinite(step)) {
    throw new TesseraError(`${who}: the step must be a finite number ≥ 0. Received: step=${received(step)}`);
  }
  return step;
}
