/**
 * TimeDistributed wrapper (Keras TimeDistributed): applies a layer to every time step of
 * [batch, time, ...] independently, with the same weights. Time is folded into the batch
 * ([batch·time, ...]), so the wrapped layer runs once (one matmul or one convolution for all steps)
 * rather than once per step, and the result is unfolded to [batch, time, ...out].
 * The input mask passes through (the output keeps the time axis); the wrapped layer sees none.
 */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { deserialize, serialize, type Config, type ConfigValue, type SerializedObject } from '../../io/serialization.js';
import { reshape } from '../../ops/shape/reshape.js';
import { Layer, isShapeList, type CallContext, type LayerArgs, type Mask, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { SymbolicShape } from '../symbolic.js';

export interface TimeDistributedArgs extends LayerArgs {
  /** The layer applied at every time step (or its `{className, config}`). */
  layer: Layer | SerializedObject;
}

const fmt = (s: SymbolicShape): string => `[${s.map((d) => d ?? 'None').join(',')}]`;

export class TimeDistributed extends Layer {
  readonly className = 'TimeDistributed';
  readonly layer: Layer;

  constructor(args: TimeDistributedArgs) {
    super(args);
    const inner = args.layer instanceof Layer ? args.layer
      : args.layer && typeof args.layer === 'object' && typeof args.layer.className === 'string' ? deserialize<Layer>('layer', args.layer) : null;
    if (!inner) {
      throw new OpError('timeDistributed', `layer must be a Layer or its {className, config}. Received: ${args.layer === undefined ? 'undefined' : typeof args.layer}`);
    }
    this.layer = inner;
    this.supportsMasking = true;
  }

  private checkShape(shape: SymbolicShape): void {
    if (shape.length < 3) {
      throw new OpError(this.name, `expected inputs [batch, time, ...] (rank ≥ 3). Received: input shape ${fmt(shape)}`);
    }
  }

  override build(inputShape: ShapeArg): void {
    if (isShapeList(inputShape)) throw new OpError(this.name, `takes one input tensor. Received: a list of ${inputShape.length} shapes`);
    this.checkShape(inputShape);
    const [b, t] = inputShape as [number | null, number | null];
    this.layer.maybeBuild([b !== null && t !== null ? b * t : null, ...inputShape.slice(2)]);
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor {
    if (Array.isArray(inputs) && inputs.length !== 1) throw new OpError(this.name, `takes one input tensor. Received: a list of ${inputs.length}`);
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    this.checkShape(x.shape);
    const [batch, time] = x.shape as [number, number];
    const y = this.layer.apply(reshape(x, [batch * time, ...x.shape.slice(2)]), { training: ctx.training, mask: null });
    if (Array.isArray(y)) throw new OpError(this.name, `the wrapped layer must return one tensor. Received: a list of ${y.length}`);
    return reshape(y, [batch, time, ...y.shape.slice(1)]);
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask {
    return (Array.isArray(mask) ? mask[0] : mask) ?? null;
  }

  override getConfig(): Config {
    return { ...super.getConfig(), layer: serialize(this.layer) as unknown as ConfigValue };
  }
}

registerLayer('TimeDistributed', TimeDistributed);
