import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { maximum } from '../../ops/elementwise/maximum.js';
import { mul } from '../../ops/elementwise/mul.js';
import { rsqrt } from '../../ops/elementwise/rsqrt.js';
import { square } from '../../ops/elementwise/square.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { sum } from '../../ops/reduce/sum.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { reshape } from '../../ops/shape/reshape.js';
import { squeeze } from '../../ops/shape/squeeze.js';
import { transpose } from '../../ops/shape/transpose.js';
import type { LayerArgs, Mask } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { SymbolicShape } from '../symbolic.js';
import { Merge, fmtShape } from './merge.js';
import { shown } from '../core/layer-args.js';

export interface DotArgs extends LayerArgs {
  /** The axis contracted in both inputs, or one per input (never the batch axis 0; negative counts from the end). */
  axes: number | [number, number];
  /** L2-normalize both inputs along their axis first, giving cosine similarities. Default false. */
  normalize?: boolean;
}

/** Keras's epsilon², the floor of the squared norm (zero vectors stay finite, with a finite gradient). */
const NORM_FLOOR = 1e-14;

/** The two contracted axes for inputs of these ranks (Keras's `axes % rank` for negative ones). */
function resolveAxes(axes: number | [number, number], ranks: [number, number]): [number, number] {
  const pair = typeof axes === 'number' ? [axes, axes] : axes;
  return pair.map((a, i) => (a < 0 ? ((a % ranks[i]!) + ranks[i]!) % ranks[i]! : a)) as [number, number];
}

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/**
 * Keras's batch_dot: per sample, contracts x's axis a with y's axis b. The result holds x's other
 * axes then y's other axes ([B, 1] when both inputs are [B, n]). Done as one batched matmul:
 * x as [B, M, d] and y as [B, d, N].
 */
export function batchDot(x: Tensor, y: Tensor, [a, b]: [number, number]): Tensor {
  const xRest = x.shape.filter((_, k) => k !== 0 && k !== a);
  const yRest = y.shape.filter((_, k) => k !== 0 && k !== b);
  // [B, n]·[B, n]: an elementwise product and a sum is cheaper than B matmuls of 1×n by n×1.
  if (x.rank === 2 && y.rank === 2) return sum(mul(x, y), 1, true);
  const batch = x.shape[0]!;
  const d = x.shape[a]!;
  const xt = a === x.rank - 1 ? x : transpose(x, [...x.shape.keys()].filter((k) => k !== a).concat(a));
  const yt = b === 1 ? y : transpose(y, [0, b, ...[...y.shape.keys()].filter((k) => k !== 0 && k !== b)]);
  const x3 = reshape(xt, [batch, product(xRest), d]);
  const y3 = reshape(yt, [batch, d, product(yRest)]);
  const out = matmul(x3, y3);
  const shape = [batch, ...xRest, ...yRest];
  return shape.length === out.rank && shape.every((s, k) => s === out.shape[k]) ? out : reshape(out, shape);
}

/** Per-sample dot product of two inputs along `axes` (Keras Dot); `normalize` makes it a cosine. */
export class Dot extends Merge {
  readonly className = 'Dot';
  protected override readonly minInputs = 2;
  protected override readonly maxInputs = 2;
  protected override readonly alignRanks = false;
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(args: DotArgs) {
    super(args);
    const axes = args.axes;
    const okPair = Array.isArray(axes) && axes.length === 2 && axes.every((v) => Number.isInteger(v));
    if (!Number.isInteger(axes) && !okPair) {
      throw new OpError('dot', `axes must be an integer or a list of two integers. Received: axes=${shown(axes)}`);
    }
    if (args.normalize !== undefined && typeof args.normalize !== 'boolean') {
      throw new OpError('dot', `normalize must be a boolean. Received: normalize=${shown(args.normalize)}`);
    }
    this.axes = Array.isArray(axes) ? [axes[0], axes[1]] : axes;
    this.normalize = args.normalize ?? false;
  }

  protected override checkShapes([s1, s2]: SymbolicShape[]): void {
    const shapes = `${fmtShape(s1!)} and ${fmtShape(s2!)}`;
    if (s1!.length < 2 || s2!.length < 2) throw new OpError(this.name, `needs inputs of rank ≥ 2 (batch first). Received: shapes ${shapes}`);
    const [a, b] = resolveAxes(this.axes, [s1!.length, s2!.length]);
    if (a === 0 || b === 0 || a >= s1!.length || b >= s2!.length) {
      throw new OpError(this.name, `axes must name a non-batch axis of each input. Received: axes=${shown(this.axes)} for shapes ${shapes}`);
    }
    const d1 = s1![a]!, d2 = s2![b]!;
    if (d1 !== null && d2 !== null && d1 !== d2) {
      throw new OpError(this.name, `contracted axes differ in size: ${d1} (axis ${a}) vs ${d2} (axis ${b}). Received: shapes ${shapes}`);
    }
  }

  protected mergeFunction([x0, y0]: Tensor[]): Tensor {
    let x = x0!, y = y0!;
    this.checkShapes([x.shape, y.shape]);
    const [a, b] = resolveAxes(this.axes, [x.rank, y.rank]);
    if (this.normalize) {
      x = mul(x, rsqrt(maximum(sum(square(x), a, true), NORM_FLOOR)));
      y = mul(y, rsqrt(maximum(sum(square(y), b, true), NORM_FLOOR)));
    }
    return batchDot(x, y, [a, b]);
  }

  override computeMask(): Mask {
    return null;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), axes: Array.isArray(this.axes) ? [...this.axes] : this.axes, normalize: this.normalize };
  }
}

registerLayer('Dot', Dot);
