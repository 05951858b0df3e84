/**
 * Merge layers: called on a list of tensors (broadcasting like the ops), with masks combined as
 * Keras does (Concatenate joins them along its axis; the others AND them).
 */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { add } from '../../ops/elementwise/add.js';
import { div } from '../../ops/elementwise/div.js';
import { logicalAnd } from '../../ops/elementwise/logical-and.js';
import { maximum } from '../../ops/elementwise/maximum.js';
import { minimum } from '../../ops/elementwise/minimum.js';
import { mul } from '../../ops/elementwise/mul.js';
import { sub } from '../../ops/elementwise/sub.js';
import { Layer, type LayerArgs, type Mask } from '../layer.js';
import { registerLayer } from '../registry.js';

export abstract class Merge extends Layer {
  protected readonly minInputs: number = 2;
  protected readonly maxInputs: number = Infinity;
  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }
  protected abstract merge(xs: Tensor[]): Tensor;
  call(inputs: Tensor | Tensor[]): Tensor {
    const xs = Array.isArray(inputs) ? inputs : [inputs];
    if (xs.length < this.minInputs || xs.length > this.maxInputs) {
      const want = this.maxInputs === this.minInputs ? `exactly ${this.minInputs}` : `at least ${this.minInputs}`;
      throw new OpError(this.name, `is called on a list of ${want} tensors. Received: ${Array.isArray(inputs) ? `${xs.length} tensors` : 'one tensor'}`);
    }
    return this.merge(xs);
  }
  override computeMask(_inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask {
    const masks = (Array.isArray(mask) ? mask : [mask]).filter((m): m is Tensor => m !== null);
    return masks.length ? masks.reduce((a, b) => logicalAnd(a, b)) : null;
  }
}

const reducer = (className: string, op: (a: Tensor, b: Tensor) => Tensor, opts: { min?: number; max?: number; post?: (t: Tensor, n: number) => Tensor } = {}) => {
  const C = class extends Merge {
    readonly className = className;
    protected override readonly minInputs = opts.min ?? 2;
    protected override readonly maxInputs = opts.max ?? Infinity;
    protected merge(xs: Tensor[]): Tensor {
      const r = xs.reduce((a, b) => op(a, b));
      return opts.post ? opts.post(r, xs.length) : r;
    }
  };
  registerLayer(className, C);
  return C;
};

export const Add = reducer('Add', add);
export const Subtract = reducer('Subtract', sub, { min: 2, max: 2 });
export const Multiply = reducer('Multiply', mul);
export const Average = reducer('Average', add, { post: (t, n) => div(t, n) });
export const Maximum = reducer('Maximum', maximum);
export const Minimum = reducer('Minimum', minimum);

