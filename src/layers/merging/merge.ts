/**
 * The base of the merge layers (Keras 3's Merge): called on a list of tensors, which broadcast
 * against each other; an input of lower rank gets new axes right after the batch axis first.
 * Masks follow Keras 3: the output mask is the OR of the inputs' masks (none when an input has
 * none), and Maximum/Minimum/Multiply ignore masked values where another input has one.
 */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { logicalOr } from '../../ops/elementwise/logical-or.js';
import { where } from '../../ops/elementwise/where.js';
import { broadcastTo } from '../../ops/shape/broadcast-to.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { Layer, isShapeList, type CallContext, type LayerArgs, type Mask, type ShapeArg } from '../layer.js';
import type { SymbolicShape } from '../symbolic.js';

export const fmtShape = (s: SymbolicShape): string => `[${s.map((d) => d ?? 'None').join(',')}]`;

/** The masks of a list call, one per input (a lone mask given for a list counts as none). */
export function masksOf(mask: Mask | Mask[], count: number): Mask[] {
  return Array.isArray(mask) ? Array.from({ length: count }, (_, i) => mask[i] ?? null) : new Array<Mask>(count).fill(null);
}

/** A per-step mask widened to x's full shape (trailing axes added, then broadcast). */
export function widenMask(mask: Tensor, x: Tensor): Tensor {
  let m = mask;
  while (m.rank < x.rank) m = expandDims(m, -1);
  return broadcastTo(m, x.shape);
}

/** Keras's rule for the non-batch output shape of an elementwise merge (trailing alignment). */
function elementwiseShape(layer: string, a: SymbolicShape, b: SymbolicShape): SymbolicShape {
  if (a.length < b.length) return elementwiseShape(layer, b, a);
  const lead = a.slice(0, a.length - b.length);
  const tail = b.map((j, k) => {
    const i = a[a.length - b.length + k]!;
    if (i === null || j === null) return null;
    if (i === 1) return j;
    if (j === 1 || i === j) return i;
    throw new OpError(layer, `inputs have incompatible shapes. Received: sample shapes ${fmtShape(a)} and ${fmtShape(b)}`);
  });
  return [...lead, ...tail];
}

export abstract class Merge extends Layer {
  /** Fewest and most inputs the layer takes. */
  protected readonly minInputs: number = 1;
  protected readonly maxInputs: number = Infinity;
  /** Whether lower-rank inputs gain axes after the batch before merging (not for Concatenate, Dot). */
  protected readonly alignRanks: boolean = true;

  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  /** Combines inputs of equal rank; `masks` holds one entry per input. */
  protected abstract mergeFunction(xs: Tensor[], masks: Mask[]): Tensor;

  /** Checks the list: count, batch sizes, and (by default) broadcastable sample shapes. */
  protected checkShapes(shapes: SymbolicShape[]): void {
    shapes.map((s): SymbolicShape => s.slice(1)).reduce((a, b) => elementwiseShape(this.name, a, b));
  }

  override build(inputShape: ShapeArg): void {
    if (!isShapeList(inputShape)) {
      throw new OpError(this.name, `is called on a list of tensors. Received: one input of shape ${fmtShape(inputShape)}`);
    }
    this.checkCount(inputShape.length);
    const batches = new Set(inputShape.map((s) => s[0]).filter((d) => d !== null && d !== undefined));
    if (batches.size > 1) {
      throw new OpError(this.name, `cannot merge tensors with different batch sizes. Received: shapes ${inputShape.map(fmtShape).join(', ')}`);
    }
    this.checkShapes(inputShape);
  }

  private checkCount(n: number): void {
    if (n >= this.minInputs && n <= this.maxInputs) return;
    const want = this.maxInputs === this.minInputs ? `exactly ${this.minInputs}` : `at least ${this.minInputs}`;
    throw new OpError(this.name, `is called on a list of ${want} tensors. Received: ${n} tensors`);
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    if (!Array.isArray(inputs)) {
      throw new OpError(this.name, `is called on a list of tensors. Received: one tensor of shape [${inputs.shape.join(',')}]`);
    }
    this.checkCount(inputs.length);
    const rank = Math.max(...inputs.map((x) => x.rank));
    // Keras: a lower-rank input gains axes after the batch ([B, d] with [B, T, d] → [B, 1, d]).
    const xs = !this.alignRanks ? inputs : inputs.map((x) => {
      let t = x;
      while (t.rank < rank) t = expandDims(t, 1);
      return t;
    });
    return this.mergeFunction(xs, masksOf(ctx.mask, inputs.length));
  }

  /**
   * Folds `op` over the inputs where masks say which values count: a masked value takes the
   * running result's (or the result takes the input's where only the input is valid). Keras's
   * `_apply_merge_op_and_or_mask`, for ops with no identity element (maximum, minimum).
   */
  protected foldWithMasks(op: (a: Tensor, b: Tensor) => Tensor, xs: Tensor[], masks: Mask[]): Tensor {
    let out = xs[0]!;
    let outMask = masks[0] ? widenMask(masks[0], out) : null;
    for (let i = 1; i < xs.length; i++) {
      const m = masks[i] ? widenMask(masks[i]!, xs[i]!) : null;
      const x = m ? where(m, xs[i]!, out) : xs[i]!;
      if (outMask) out = where(outMask, out, x);
      outMask = m && outMask ? logicalOr(outMask, m) : null;
      out = op(out, x);
    }
    return out;
  }

  override computeMask(inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask {
    const masks = masksOf(mask, Array.isArray(inputs) ? inputs.length : 1);
    if (masks.some((m) => m === null)) return null;
    return (masks as Tensor[]).reduce((a, b) => logicalOr(a, b));
  }
}
