/** ONNX lowering helpers shared by the slicing ops (slice, sliceTranspose, pad). */
import type { DType } from '../../core/dtype.js';
import type { OnnxContext } from '../../core/op.js';
import type { Shape } from '../../core/shape.js';

/** ONNX Slice clamps ends; a negative-step slice that runs through index 0 needs an end below -n. */
const BEFORE_START = -(2 ** 53 - 1);

/** A normalised slice (our begin/end/strides, end = -1 meaning "through 0" for negative steps). */
export function lowerSlice(ctx: OnnxContext, x: string, begin: readonly number[], end: readonly number[], strides: readonly number[]): string {
  const axes = begin.map((_, i) => i);
  const ends = end.map((e, i) => (strides[i]! < 0 && e === -1 ? BEFORE_START : e));
  return ctx.node('Slice', [x, ctx.ints(begin), ctx.ints(ends), ctx.ints(axes), ctx.ints(strides)]);
}

/** Constant padding: `pads` as ONNX wants them, all befores then all afters (negative crops). */
export function lowerPad(ctx: OnnxContext, x: string, befores: readonly number[], afters: readonly number[], value: number, dtype: DType): string {
  if ([...befores, ...afters].every((p) => p === 0)) return x;
  return ctx.node('Pad', [x, ctx.ints([...befores, ...afters]), ctx.constant([value], [], dtype)], { mode: 'constant' });
}

/**
 * sliceTranspose: scatters g into zeros of `shape` where the slice read. Per axis, a negative step
 * is a reversal; a step s > 1 spreads the n values s apart (interleaving s−1 zeros with a Pad and
 * Reshape); a final Pad places the block at its first index. Unit steps only cost the final Pad.
 */
export function lowerSliceTranspose(ctx: OnnxContext, g: string, gShape: Shape, dtype: DType, shape: Shape,
  begin: readonly number[], strides: readonly number[]): string {
  const rank = shape.length;
  const cur = [...gShape];
  let v = g;
  const lowest: number[] = [];
  for (let i = 0; i < rank; i++) {
    const n = cur[i]!;
    const s = strides[i]!;
    const step = Math.abs(s);
    lowest.push(s < 0 ? begin[i]! + (n - 1) * s : begin[i]!);
    if (n === 0) continue;
    if (s < 0 && n > 1) v = ctx.node('Slice', [v, ctx.ints([-1]), ctx.ints([BEFORE_START]), ctx.ints([i]), ctx.ints([-1])]);
    if (step > 1 && n > 1) {
      const split = [...cur.slice(0, i), n, 1, ...cur.slice(i + 1)];
      v = ctx.node('Reshape', [v, ctx.ints(split)], { allowzero: 1 });
      const before = split.map(() => 0);
      const after = split.map((_, j) => (j === i + 1 ? step - 1 : 0));
      v = lowerPad(ctx, v, before, after, 0, dtype);
      cur[i] = n * step;
      v = ctx.node('Reshape', [v, ctx.ints(cur)], { allowzero: 1 });
      // Drop the zeros after the last value.
      cur[i] = (n - 1) * step + 1;
      v = ctx.node('Slice', [v, ctx.ints([0]), ctx.ints([cur[i]!]), ctx.ints([i]), ctx.ints([1])]);
    }
  }
  if (cur.some((d) => d === 0)) return ctx.node('Expand', [ctx.constant([0], [], dtype), ctx.ints(shape)]);
  return lowerPad(ctx, v, lowest, shape.map((d, i) => d - lowest[i]! - cur[i]!), 0, dtype);
}
