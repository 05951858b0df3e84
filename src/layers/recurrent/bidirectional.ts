/**
 * Bidirectional wrapper (Keras Bidirectional): a forward copy of an RNN layer and a backward one
 * (goBackwards) read the same sequence; their outputs are merged ('concat' on the last axis,
 * 'sum', 'mul', 'ave', or null for the list [forward, backward]). The backward sequence is flipped
 * back to the input's time order before merging. With returnState the result is
 * [output(s), ...forwardStates, ...backwardStates]; an initial state list is split in halves the
 * same way. As in Keras, the wrapped layer is rebuilt from its config (fresh weights).
 */
import { OpError, TesseraError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { deserialize, serialize, type Config, type ConfigValue, type SerializedObject } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { mul } from '../../ops/elementwise/mul.js';
import { concat } from '../../ops/shape/concat.js';
import { flip } from '../../ops/shape/flip.js';
import { Layer, isShapeList, type CallContext, type LayerArgs, type Mask, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { SymbolicShape } from '../symbolic.js';
import { RNN } from './rnn.js';

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;
const MERGE_MODES: readonly MergeMode[] = ['concat', 'sum', 'mul', 'ave', null];

export interface BidirectionalArgs extends LayerArgs {
  /** The recurrent layer (or its `{className, config}`); Bidirectional uses a fresh copy of it. */
  layer: RNN | SerializedObject;
  /** How the two directions' outputs are combined (default 'concat'). */
  mergeMode?: MergeMode;
  /** A layer for the backward direction (goBackwards: true, otherwise like `layer`). */
  backwardLayer?: RNN | SerializedObject | null;
}

function toRNN(what: string, value: RNN | SerializedObject | null | undefined): RNN {
  const layer = value instanceof RNN ? value
    : value && typeof value === 'object' && !(value instanceof Layer) && typeof value.className === 'string' ? deserialize<Layer>('layer', value) : null;
  if (!(layer instanceof RNN)) {
    const got = value instanceof Layer ? value.className : value === undefined ? 'undefined' : typeof value;
    throw new OpError('bidirectional', `${what} must be a recurrent layer (RNN, LSTM, GRU, SimpleRNN, ConvLSTM*). Received: ${got}`);
  }
  return layer;
}

/** A copy of `layer` from its config with some keys replaced (fresh weights, as Keras). */
function copyOf(layer: RNN, changes: Config): RNN {
  const { className, config } = serialize(layer);
  return toRNN('layer', { className, config: { ...config, ...changes } });
}

const withPrefix = (prefix: string, name: string): string => `${prefix}${name.startsWith(prefix) ? name.slice(prefix.length) : name}`;

function batchShapeOf(layer: RNN | SerializedObject): SymbolicShape | undefined {
  const shape = layer instanceof RNN ? layer.batchInputShape : (layer.config?.['batchInputShape'] as SymbolicShape | undefined);
  return shape ?? undefined;
}

export class Bidirectional extends Layer {
  readonly className = 'Bidirectional';
  readonly forwardLayer: RNN;
  readonly backwardLayer: RNN;
  readonly mergeMode: MergeMode;

  constructor(args: BidirectionalArgs) {
    // An input shape given to the wrapped layer applies to the wrapper (first layer of a Sequential).
    const inner = args.layer instanceof RNN || (args.layer && typeof args.layer === 'object') ? batchShapeOf(args.layer) : undefined;
    super(args.inputShape || args.batchInputShape || !inner ? args : { ...args, batchInputShape: inner });
    const mergeMode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    if (!MERGE_MODES.includes(mergeMode)) {
      throw new OpError('bidirectional', `mergeMode must be 'concat', 'sum', 'mul', 'ave' or null. Received: mergeMode=${JSON.stringify(args.mergeMode)}`);
    }
    this.mergeMode = mergeMode;
    const layer = toRNN('layer', args.layer);
    this.forwardLayer = copyOf(layer, { name: withPrefix('forward_', layer.name) });
    this.backwardLayer = args.backwardLayer
      ? toRNN('backwardLayer', args.backwardLayer)
      : copyOf(layer, { name: withPrefix('backward_', layer.name), goBackwards: !layer.goBackwards });
    const f = this.forwardLayer;
    const b = this.backwardLayer;
    if (f.goBackwards === b.goBackwards) {
      throw new OpError('bidirectional', `the forward and backward layers must have different goBackwards. Received: goBackwards=${f.goBackwards} for both`);
    }
    for (const key of ['stateful', 'returnSequences', 'returnState'] as const) {
      if (f[key] !== b[key]) {
        throw new OpError('bidirectional', `the forward and backward layers must have the same ${key}. Received: ${f[key]} (forward) and ${b[key]} (backward)`);
      }
    }
    // Keras: with returnSequences, masked steps output zeros in both directions.
    f.zeroOutputForMask = f.returnSequences;
    b.zeroOutputForMask = b.returnSequences;
  }

  get returnSequences(): boolean {
    return this.forwardLayer.returnSequences;
  }

  get returnState(): boolean {
    return this.forwardLayer.returnState;
  }

  get stateful(): boolean {
    return this.forwardLayer.stateful;
  }

  override build(inputShape: ShapeArg): void {
    const seq = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    this.forwardLayer.maybeBuild(seq);
    this.backwardLayer.maybeBuild(seq);
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor | Tensor[] {
    const [x, ...given] = (Array.isArray(inputs) ? inputs : [inputs]) as [Tensor, ...Tensor[]];
    const fromKwargs = ctx.kwargs['initialState'];
    const initial = given.length ? given : fromKwargs ? (Array.isArray(fromKwargs) ? (fromKwargs as Tensor[]) : [fromKwargs as Tensor]) : [];
    if (initial.length % 2 !== 0) {
      throw new OpError(this.name, `initialState must list the forward states then the backward states (an even count). Received: ${initial.length} tensor(s)`);
    }
    const half = initial.length / 2;
    const mask = (Array.isArray(ctx.mask) ? ctx.mask[0] : ctx.mask) ?? null;
    const run = (layer: RNN, states: Tensor[]): Tensor[] => {
      const out = layer.apply(x, { training: ctx.training, mask, kwargs: states.length ? { initialState: states } : {} });
      return Array.isArray(out) ? out : [out];
    };
    const [y, ...forwardStates] = run(this.forwardLayer, initial.slice(0, half)) as [Tensor, ...Tensor[]];
    let [yRev, ...backwardStates] = run(this.backwardLayer, initial.slice(half)) as [Tensor, ...Tensor[]];
    if (this.returnSequences) yRev = flip(yRev, 1);
    let outputs: Tensor[];
    switch (this.mergeMode) {
      case 'concat': outputs = [concat([y, yRev], -1)]; break;
      case 'sum': outputs = [add(y, yRev)]; break;
      case 'mul': outputs = [mul(y, yRev)]; break;
      case 'ave': outputs = [mul(add(y, yRev), 0.5)]; break;
      default: outputs = [y, yRev];
    }
    if (this.returnState) outputs.push(...forwardStates, ...backwardStates);
    return outputs.length === 1 ? outputs[0]! : outputs;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask | Mask[] {
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const out = this.returnSequences ? m : null;
    const masks: Mask[] = this.mergeMode === null ? [out, out] : [out];
    if (this.returnState) masks.push(...this.forwardLayer.cell.stateSize.map(() => null), ...this.backwardLayer.cell.stateSize.map(() => null));
    return masks.length === 1 ? masks[0]! : masks;
  }

  /** Resets both directions' carried states (stateful layers only). */
  resetStates(states?: Tensor[]): void {
    if (!this.stateful) throw new TesseraError(`${this.name}.resetStates: the layer is not stateful (wrap a layer created with stateful: true)`);
    const half = states ? states.length / 2 : 0;
    this.forwardLayer.resetStates(states?.slice(0, half));
    this.backwardLayer.resetStates(states?.slice(half));
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      mergeMode: this.mergeMode,
      layer: serialize(this.forwardLayer) as unknown as ConfigValue,
      backwardLayer: serialize(this.backwardLayer) as unknown as ConfigValue,
    };
  }
}

registerLayer('Bidirectional', Bidirectional);
