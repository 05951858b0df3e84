/**
 * The optimizer base (Keras 3 semantics). An optimizer works in two ways:
 *  - functional: `applyFunctional(params, grads, slots, scalars)` is a pure function of tensors,
 *    traced into the compiled training step that `fit` builds. Everything that changes between
 *    steps (the learning rate, Adam's bias correction) comes in as scalar tensors computed on the
 *    host by `hostScalars(t)`, so the step is compiled once;
 *  - eager: `applyGradients([[grad, variable], ...])` for custom loops, keeping each variable's
 *    state in Variables and counting `iterations`.
 * Both run the same code, so they give the same numbers.
 */
import { full, scalar } from '../core/creation.js';
import { isFloat, type DType } from '../core/dtype.js';
import { TesseraError, fmtShape } from '../core/errors.js';
import { Tensor, Variable } from '../core/tensor.js';
import { serialize, type Config, type ConfigValue, type Serializable } from '../io/serialization.js';
import { cast } from '../ops/elementwise/cast.js';
import { mul } from '../ops/elementwise/mul.js';
import { sub } from '../ops/elementwise/sub.js';
import { clipByGlobalNorm, clipByNorm, clipByValue } from './clipping.js';
import { LearningRateSchedule, getSchedule } from './schedules/index.js';
import { checkKnownKeys, received } from './args.js';

export interface OptimizerOptions {
  learningRate?: number | LearningRateSchedule;
  /** Clip each gradient tensor to this L2 norm. */
  clipnorm?: number;
  /** Clip each gradient element to [-v, v]. */
  clipvalue?: number;
  /** Clip all gradients jointly by their global norm. */
  globalClipnorm?: number;
  /** Keras 3 decoupled weight decay: p -= lr·wd·p before the update (AdamW's default 0.004). */
  weightDecay?: number;
  name?: string;
}

/** The option names every optimizer accepts. */
export const BASE_OPTION_KEYS = ['learningRate', 'clipnorm', 'clipvalue', 'globalClipnorm', 'weightDecay', 'name'] as const;

/** A parameter's new value and new state, from `updateParam`. */
export interface ParamUpdate {
  param: Tensor;
  slots: Tensor[];
}

export abstract class Optimizer implements Serializable {
  abstract readonly className: string;
  /** Names of the per-parameter state tensors (Adam: ['m', 'v']); used to save optimizer state. */
  abstract readonly slotNames: readonly string[];
  /** Updates applied so far (host counter). `fit` counts its compiled steps here too. */
  iterations = 0;
  readonly name: string;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly weightDecay: number | null;
  /** The factory's name, used in error messages ('adam'). */
  protected readonly who: string;
  private lr: number | LearningRateSchedule;
  /** Eager state: each variable's slots, created at its first update. */
  private readonly eagerSlots = new Map<Variable, Variable[]>();

  /**
   * @param who the factory's name, for error messages.
   * @param knownKeys the option names of the subclass, beyond the base ones.
   */
  protected constructor(who: string, options: OptimizerOptions, defaultLearningRate: number, knownKeys: readonly string[] = []) {
    this.who = who;
    const opts = options ?? {};
    if (typeof opts !== 'object') throw new TesseraError(`${who}: options must be an object. Received: ${received(opts)}`);
    checkKnownKeys(who, opts, [...BASE_OPTION_KEYS, ...knownKeys]);
    this.lr = this.checkLearningRate(opts.learningRate ?? defaultLearningRate);
    this.clipnorm = this.optionalNumber('clipnorm', opts.clipnorm, 'positive');
    this.clipvalue = this.optionalNumber('clipvalue', opts.clipvalue, 'positive');
    this.globalClipnorm = this.optionalNumber('globalClipnorm', opts.globalClipnorm, 'positive');
    this.weightDecay = this.optionalNumber('weightDecay', opts.weightDecay, 'nonNegative');
    if (opts.name !== undefined && (typeof opts.name !== 'string' || opts.name === '')) {
      throw new TesseraError(`${who}: name must be a non-empty string. Received: name=${received(opts.name)}`);
    }
    this.name = opts.name ?? who;
  }

  /** A number ≥ 0 or a LearningRateSchedule; settable (ReduceLROnPlateau sets a number). */
  get learningRate(): number | LearningRateSchedule {
    return this.lr;
  }

  set learningRate(value: number | LearningRateSchedule) {
    this.lr = this.checkLearningRate(value);
  }

  /** The learning rate at step `step` (0-based count of updates applied, as Keras schedules take it). */
  learningRateAt(step: number): number {
    if (typeof this.lr === 'number') return this.lr;
    const value = this.lr.at(step);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TesseraError(`${this.who}: the learning-rate schedule ${this.lr.className} must give a finite number. Received: ${received(value)} at step ${step}`);
    }
    return value;
  }

  /** The learning rate the next update uses (a schedule evaluated at `iterations`). */
  currentLearningRate(): number {
    return this.learningRateAt(this.iterations);
  }

  /** Fresh state for one parameter, in slotNames order (zeros unless the optimizer says otherwise). */
  initSlots(param: Tensor): Tensor[] {
    return this.slotNames.map((name) => full(param.shape, this.initialSlotValue(name), param.dtype));
  }

  /** The value a slot starts from (Adagrad's initialAccumulatorValue); 0 by default. */
  protected initialSlotValue(_slotName: string): number {
    return 0;
  }

  /**
   * Scalars the next update needs, computed on the host for update number t = iterations + 1
   * (1-based): always `lr` (the schedule at step t − 1); subclasses add theirs (Adam's `alpha`).
   */
  hostScalars(t: number): Record<string, number> {
    if (!Number.isInteger(t) || t < 1) throw new TesseraError(`${this.who}: hostScalars takes the 1-based update number t = iterations + 1. Received: t=${received(t)}`);
    return { lr: this.learningRateAt(t - 1) };
  }

  /**
   * One parameter's update, pure: the new value and state from the (clipped) gradient, the slots
   * (slotNames order) and the host scalars as tensors of the parameter's dtype.
   */
  protected abstract updateParam(param: Tensor, grad: Tensor, slots: readonly Tensor[], scalars: Readonly<Record<string, Tensor>>): ParamUpdate;

  /**
   * Pure: clipping (clipvalue → clipnorm → globalClipnorm), weight decay, then each parameter's
   * update. Parameters whose gradient is null or undefined are returned unchanged with their
   * slots. Reads no tensor values (it runs while a training step is traced).
   */
  applyFunctional(params: readonly Tensor[], grads: readonly (Tensor | null | undefined)[], slots: readonly Tensor[][],
                  scalars: Readonly<Record<string, Tensor>>): { params: Tensor[]; slots: Tensor[][] } {
    if (grads.length !== params.length || slots.length !== params.length) {
      throw new TesseraError(`${this.who}: applyFunctional needs one gradient and one slot list per parameter. Received: ${params.length} params, ${grads.length} grads, ${slots.length} slot lists`);
    }
    const active: number[] = [];
    params.forEach((p, i) => {
      const g = grads[i];
      if (g === null || g === undefined) return;
      this.checkGrad(g, p, `parameter ${i}`);
      const s = slots[i]!;
      if (!Array.isArray(s) || s.length !== this.slotNames.length) {
        throw new TesseraError(`${this.who}: parameter ${i} needs ${this.slotNames.length} slots (${this.slotNames.join(', ') || 'none'}). Received: ${Array.isArray(s) ? s.length : received(s)}`);
      }
      active.push(i);
    });
    const hostScalars = this.checkScalars(scalars);
    const clipped = this.clipGradients(active.map((i) => cast(grads[i]!, params[i]!.dtype)));
    const newParams = [...params];
    const newSlots = slots.map((s) => [...s]);
    active.forEach((i, k) => {
      const sc = hostScalars(params[i]!.dtype);
      let p = params[i]!;
      if (this.weightDecay) p = sub(p, mul(mul(p, this.weightDecay), sc['lr']!));
      const out = this.updateParam(p, clipped[k]!, slots[i]!, sc);
      newParams[i] = out.param;
      newSlots[i] = out.slots;
    });
    return { params: newParams, slots: newSlots };
  }

  /**
   * Eager: updates the variables in place for update number iterations + 1, keeping each
   * variable's slots in Variables (see `getSlots`), then increments `iterations`. Pairs whose
   * gradient is null are skipped.
   */
  applyGradients(gradsAndVars: readonly (readonly [Tensor | null | undefined, Variable])[]): void {
    if (!Array.isArray(gradsAndVars)) throw new TesseraError(`${this.who}: applyGradients takes a list of [gradient, variable] pairs. Received: ${received(gradsAndVars)}`);
    const pairs: [Tensor, Variable][] = [];
    const seen = new Set<Variable>();
    gradsAndVars.forEach((pair, i) => {
      const [g, v] = (Array.isArray(pair) ? pair : []) as [Tensor | null | undefined, unknown];
      if (!(v instanceof Variable)) throw new TesseraError(`${this.who}: applyGradients: entry ${i} must be [gradient, variable]. Received: ${received(pair)}`);
      if (seen.has(v)) throw new TesseraError(`${this.who}: applyGradients: variable '${v.name}' appears twice. Received: ${gradsAndVars.length} pairs`);
      seen.add(v);
      if (g === null || g === undefined) return;
      this.checkGrad(g, v, `variable '${v.name}'`);
      pairs.push([g, v]);
    });
    if (pairs.length === 0) throw new TesseraError(`${this.who}: applyGradients got no gradient for any variable. Received: ${gradsAndVars.length} pairs`);
    const slotVars = pairs.map(([, v]) => this.slotVariables(v));
    // float32 scalars as `fit` feeds them; float64 ones when some parameter is float64 (no rounding of the rate).
    const dtype = pairs.some(([, v]) => v.dtype === 'float64') ? 'float64' : 'float32';
    const scalars = Object.fromEntries(Object.entries(this.hostScalars(this.iterations + 1)).map(([k, x]) => [k, scalar(x, dtype)]));
    const out = this.applyFunctional(pairs.map(([, v]) => v), pairs.map(([g]) => g), slotVars, scalars);
    pairs.forEach(([, v], k) => {
      v.assign(out.params[k]!);
      slotVars[k]!.forEach((s, j) => s.assign(out.slots[k]![j]!));
    });
    this.iterations++;
  }

  /** The slot Variables of `variable` in slotNames order, once `applyGradients` has updated it. */
  getSlots(variable: Variable): readonly Variable[] | undefined {
    return this.eagerSlots.get(variable);
  }

  getConfig(): Config {
    return {
      name: this.name,
      learningRate: typeof this.lr === 'number' ? this.lr : (serialize(this.lr) as unknown as ConfigValue),
      weightDecay: this.weightDecay,
      clipnorm: this.clipnorm,
      globalClipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
    };
  }

  // -------------------------------------------------------------------------------------------

  private slotVariables(v: Variable): Variable[] {
    let s = this.eagerSlots.get(v);
    if (!s) {
      const init = this.initSlots(v);
      s = this.slotNames.map((name, j) => new Variable(init[j]!, { name: `${this.name}/${v.name}/${name}`, trainable: false }));
      this.eagerSlots.set(v, s);
    }
    return s;
  }

  private clipGradients(grads: Tensor[]): Tensor[] {
    let gs = grads;
    if (this.clipvalue !== null) gs = gs.map((g) => clipByValue(g, this.clipvalue!));
    if (this.clipnorm !== null) gs = gs.map((g) => clipByNorm(g, this.clipnorm!));
    if (this.globalClipnorm !== null) gs = clipByGlobalNorm(gs, this.globalClipnorm);
    return gs;
  }

  private checkGrad(grad: unknown, param: Tensor, label: string): void {
    if (!(grad instanceof Tensor)) throw new TesseraError(`${this.who}: the gradient of ${label} must be a tensor. Received: ${received(grad)}`);
    if (!isFloat(param.dtype)) throw new TesseraError(`${this.who}: ${label} must have a float dtype to be trained. Received: dtype=${param.dtype}`);
    if (grad.shape.length !== param.shape.length || grad.shape.some((d, j) => d !== param.shape[j])) {
      throw new TesseraError(`${this.who}: the gradient of ${label} must have its shape ${fmtShape(param.shape)}. Received: ${fmtShape(grad.shape)}`);
    }
  }

  /** Checks the scalar inputs and returns them per parameter dtype (cast once per dtype). */
  private checkScalars(scalars: Readonly<Record<string, Tensor>>): (dtype: DType) => Record<string, Tensor> {
    const needed = Object.keys(this.hostScalars(this.iterations + 1));
    const given = scalars && typeof scalars === 'object' ? Object.keys(scalars) : [];
    for (const name of needed) {
      const s = scalars?.[name];
      if (!(s instanceof Tensor) || s.rank !== 0 || !isFloat(s.dtype)) {
        throw new TesseraError(`${this.who}: applyFunctional needs the scalars ${needed.join(', ')} of hostScalars(t) as float scalar tensors. Received: ${name}=${s instanceof Tensor ? `${fmtShape(s.shape)} ${s.dtype}` : received(s)} (given: ${given.join(', ') || 'none'})`);
      }
    }
    const byDtype = new Map<DType, Record<string, Tensor>>();
    return (dtype) => {
      let r = byDtype.get(dtype);
      if (!r) byDtype.set(dtype, (r = Object.fromEntries(needed.map((n) => [n, cast(scalars[n]!, dtype)]))));
      return r;
    };
  }

  private checkLearningRate(value: unknown): number | LearningRateSchedule {
    if (value instanceof LearningRateSchedule) return value;
    if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
      throw new TesseraError(`${this.who}: learningRate must be a finite number ≥ 0 or a LearningRateSchedule. Received: learningRate=${received(value)}`);
    }
    return value;
  }

  /** An optional option: null when absent (as Keras writes unset options in configs). */
  protected optionalNumber(name: string, value: unknown, rule: 'positive' | 'nonNegative'): number | null {
    if (value === undefined || value === null) return null;
    const ok = typeof value === 'number' && Number.isFinite(value) && (rule === 'positive' ? value > 0 : value >= 0);
    if (!ok) throw new TesseraError(`${this.who}: ${name} must be a finite number ${rule === 'positive' ? '> 0' : '≥ 0'}. Received: ${name}=${received(value)}`);
    return value as number;
  }

  /** A number option with bounds, for the subclasses' hyperparameters. */
  protected numberIn(name: string, value: unknown, min: number, max: number, maxOpen = false): number {
    const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && (maxOpen ? value < max : value <= max);
    if (!ok) {
      const range = max === Infinity ? `finite number ≥ ${min}` : `number in [${min}, ${max}${maxOpen ? ')' : ']'}`;
      throw new TesseraError(`${this.who}: ${name} must be a ${range}. Received: ${name}=${received(value)}`);
    }
    return value as number;
  }

  protected flag(name: string, value: unknown): boolean {
    if (typeof value !== 'boolean') throw new TesseraError(`${this.who}: ${name} must be true or false. Received: ${name}=${received(value)}`);
    return value;
  }
}

/**
 * Options from a stored config: nulls (unset options, as Keras writes them) become undefined and
 * a serialized learning-rate schedule becomes the schedule.
 */
export function optimizerOptionsFromConfig(config: Config): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config ?? {})) {
    if (v === null) continue;
    out[k] = k === 'learningRate' && typeof v === 'object' ? getSchedule(v) : v;
  }
  return out;
}
