/**
 * Weight regularizers (Keras L1, L2, L1L2, OrthogonalRegularizer left out): a penalty added to the
 * training loss, computed inside the compiled step from the weight's current value.
 */
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { deserialize, describe, registerSerializable, type Config, type Serializable } from '../io/serialization.js';
import { abs } from '../ops/elementwise/abs.js';
import { add } from '../ops/elementwise/add.js';
import { mul } from '../ops/elementwise/mul.js';
import { square } from '../ops/elementwise/square.js';
import { sum } from '../ops/reduce/sum.js';

export abstract class Regularizer implements Serializable {
  abstract readonly className: string;
  /** The penalty for weight `w`, a float scalar. */
  abstract call(w: Tensor): Tensor;
  abstract getConfig(): Config;
}

function checkFactor(name: string, v: number): number {
  if (!(v >= 0) || !Number.isFinite(v)) throw new TesseraError(`${name} regularizer: the factor must be a finite number ≥ 0. Received: ${v}`);
  return v;
}

/** l1·Σ|w| + l2·Σw² (Keras L1L2; `l1()` and `l2()` are its one-term cases). */
export class L1L2 extends Regularizer {
  readonly className: string = 'L1L2';
  readonly l1: number;
  readonly l2: number;
  constructor({ l1 = 0, l2 = 0 }: { l1?: number; l2?: number } = {}) {
    super();
    this.l1 = checkFactor('l1l2', l1);
    this.l2 = checkFactor('l1l2', l2);
  }
  call(w: Tensor): Tensor {
    const l1Term = this.l1 ? mul(sum(abs(w)), this.l1) : null;
    const l2Term = this.l2 ? mul(sum(square(w)), this.l2) : null;
    if (l1Term && l2Term) return add(l1Term, l2Term);
    return l1Term ?? l2Term ?? mul(sum(w), 0);
  }
  getConfig(): Config {
    return { l1: this.l1, l2: this.l2 };
  }
}

export class L1 extends L1L2 {
  override readonly className = 'L1';
  constructor({ l1 = 0.01 }: { l1?: number } = {}) {
    super({ l1 });
  }
  override getConfig(): Config {
    return { l1: this.l1 };
  }
}

export class L2 extends L1L2 {
  override readonly className = 'L2';
  constructor({ l2 = 0.01 }: { l2?: number } = {}) {
    super({ l2 });
  }
  override getConfig(): Config {
    return { l2: this.l2 };
  }
}

registerSerializable('regularizer', 'L1L2', (c) => new L1L2(c as { l1?: number; l2?: number }));
registerSerializable('regularizer', 'L1', (c) => new L1(c as { l1?: number }));
registerSerializable('regularizer', 'L2', (c) => new L2(c as { l2?: number }));

export const l1 = (opts: { l1?: number } = {}): L1 => new L1(opts);
export const l2 = (opts: { l2?: number } = {}): L2 => new L2(opts);
export const l1l2 = (opts: { l1?: number; l2?: number } = {}): L1L2 => new L1L2(opts);

export type RegularizerIdentifier = 'l1' | 'l2' | 'l1l2' | Regularizer | { className: string; config?: Config };

export function getRegularizer(id: RegularizerIdentifier): Regularizer {
  if (id instanceof Regularizer) return id;
  if (id === 'l1') return l1();
  if (id === 'l2') return l2();
  if (id === 'l1l2') return l1l2({ l1: 0.01, l2: 0.01 });
  if (typeof id === 'object' && id !== null) return deserialize<Regularizer>('regularizer', { className: id.className, config: id.config ?? {} });
  throw new TesseraError(`getRegularizer: expected 'l1', 'l2', 'l1l2', a Regularizer or {className, config}. Received: ${describe(id)}`);
}
