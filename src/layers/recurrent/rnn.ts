/**
 * The recurrent layer (Keras RNN): runs a cell over the time axis of [batch, time, ...features].
 *
 * Always unrolled: the graph holds every step, so `jit` compiles the whole sequence (forward and
 * backward) into one ONNX Runtime session with no per-step host work. Keras's `unroll` argument is
 * accepted and ignored for that reason. The state-independent work of all steps (the input
 * projection) is done once before the loop by `cell.projectInputs`.
 *
 * Masks (from Embedding with maskZero, or Masking) follow Keras: a masked step keeps the previous
 * states and repeats the previous output (or outputs zeros with zeroOutputForMask). With
 * goBackwards the sequence is read from its end and the returned sequence is in that reversed
 * order, as in Keras. Initial states come from `[x, ...states]` inputs (usable in functional
 * models) or `kwargs.initialState`; stateful layers carry their final states to the next batch.
 */
import { zeros } from '../../core/creation.js';
import { OpError, TesseraError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { deserialize, serialize, type Config, type ConfigValue, type SerializedObject } from '../../io/serialization.js';
import { cast } from '../../ops/elementwise/cast.js';
import { where } from '../../ops/elementwise/where.js';
import { reshape } from '../../ops/shape/reshape.js';
import { sliceAxis } from '../../ops/shape/slice.js';
import { stack } from '../../ops/shape/stack.js';
import { unstack } from '../../ops/shape/unstack.js';
import { Layer, isShapeList, type CallContext, type LayerArgs, type Mask, type ShapeArg } from '../layer.js';
import { registerLayer } from '../registry.js';
import type { SymbolicShape } from '../symbolic.js';
import { RNNCell } from './rnn-cell.js';

/** The arguments of every recurrent layer (RNN, SimpleRNN, LSTM, GRU, ConvLSTM*). */
export interface RNNBaseArgs extends LayerArgs {
  /** Return the output of every step [batch, time, ...] instead of the last one (default false). */
  returnSequences?: boolean;
  /** Also return the final states: [output, ...states] (default false). */
  returnState?: boolean;
  /** Read the sequence from its end (default false). */
  goBackwards?: boolean;
  /** Start each batch from the previous batch's final states (needs a fixed batch size). */
  stateful?: boolean;
  /** Accepted for Keras compatibility and ignored: Tessera always unrolls (see the file comment). */
  unroll?: boolean;
  /** Masked steps output zeros instead of repeating the previous output (default false). */
  zeroOutputForMask?: boolean;
}

export interface RNNArgs extends RNNBaseArgs {
  /** The step: an RNNCell, or its `{className, config}` (from a saved config). */
  cell: RNNCell | SerializedObject;
}

const fmt = (s: SymbolicShape): string => `[${s.map((d) => d ?? 'None').join(',')}]`;

/** Keys of an RNN layer's arguments that are not its cell's (the Keras layers pass the rest on). */
const LAYER_KEYS = [
  'name', 'trainable', 'inputShape', 'batchInputShape', 'batchSize', 'activityRegularizer',
  'returnSequences', 'returnState', 'goBackwards', 'stateful', 'unroll', 'zeroOutputForMask', 'cell',
] as const;

/** The cell's arguments among a recurrent layer's (SimpleRNN, LSTM, … build their cell from them). */
export function cellArgsOf<T extends object>(args: T): T {
  const out = { ...args } as Record<string, unknown>;
  for (const k of LAYER_KEYS) delete out[k];
  return out as T;
}

function toCell(layer: string, cell: RNNCell | SerializedObject | undefined): RNNCell {
  if (cell instanceof RNNCell) return cell;
  if (cell && typeof cell === 'object' && !(cell instanceof Layer) && typeof (cell as SerializedObject).className === 'string') {
    const made = deserialize<RNNCell>('layer', cell);
    if (made instanceof RNNCell) return made;
  }
  throw new OpError(layer, `cell must be an RNNCell (e.g. lstmCell({units})) or its {className, config}. Received: ${cell === undefined ? 'undefined' : typeof cell === 'object' ? (cell as { className?: string }).className ?? 'an object' : typeof cell}`);
}

/** Whether `t` is computed from tensors that have values (not from shape-inference placeholders). */
function hasValues(t: Tensor): boolean {
  const seen = new Set<Tensor>();
  const todo = [t._resolve()];
  while (todo.length) {
    const x = todo.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (x._data !== null) continue;
    if (x._pending === null) return false;
    todo.push(...x._pending.inputs);
  }
  return true;
}

/** Parts per level of the slicing tree in `timeSteps`. */
const BRANCHING = 4;

/**
 * The time slices x[:, t] of [batch, time, ...], cut as a tree (BRANCHING parts per level) rather
 * than all at once from x: the gradient of a slice is a zero-padded tensor of the sliced one's
 * size, so T direct slices cost T full-size pads and adds in the backward pass (O(T²) memory
 * traffic, which dominated the training step of a 64-step LSTM); the tree costs O(T log T).
 */
export function timeSteps(x: Tensor): Tensor[] {
  const rest = [x.shape[0]!, ...x.shape.slice(2)];
  const out: Tensor[] = [];
  const cut = (part: Tensor): void => {
    const n = part.shape[1]!;
    if (n <= BRANCHING) {
      for (let t = 0; t < n; t++) out.push(reshape(n === 1 ? part : sliceAxis(part, 1, t, t + 1), rest));
      return;
    }
    const size = Math.ceil(n / BRANCHING);
    for (let b = 0; b < n; b += size) cut(sliceAxis(part, 1, b, Math.min(n, b + size)));
  };
  cut(x);
  return out;
}

export interface StepsResult {
  /** One output per step, in processing order (reversed with goBackwards). */
  outputs: Tensor[];
  states: Tensor[];
}

/** Runs `cell` over the time axis (see the file comment for masks and goBackwards). */
export function runSteps(
  cell: RNNCell, sequence: Tensor, initialStates: Tensor[], mask: Tensor | null,
  opts: { goBackwards: boolean; zeroOutputForMask: boolean; training: boolean },
): StepsResult {
  const steps = timeSteps(cell.projectInputs(sequence, opts.training));
  const batch = sequence.shape[0]!;
  const stepMasks = mask ? unstack(mask.dtype === 'bool' ? mask : cast(mask, 'bool'), 1) : null;
  const ctx = cell.startSequence(initialStates, opts.training);
  const outputs: Tensor[] = [];
  let states = initialStates;
  for (let k = 0; k < steps.length; k++) {
    const t = opts.goBackwards ? steps.length - 1 - k : k;
    const result = cell.step(steps[t]!, states, ctx);
    let output = result.output;
    if (stepMasks) {
      const byRank = new Map<number, Tensor>();
      const keep = (like: Tensor): Tensor => {
        let m = byRank.get(like.rank);
        if (!m) byRank.set(like.rank, (m = reshape(stepMasks[t]!, [batch, ...like.shape.slice(1).map(() => 1)])));
        return m;
      };
      const previous = outputs[k - 1] ?? (states[0]!.rank === output.rank && states[0]!.shape.every((d, i) => d === output.shape[i]) ? states[0]! : null);
      output = where(keep(output), output, opts.zeroOutputForMask || !previous ? 0 : previous);
      const before = states;
      states = result.states.map((s, i) => where(keep(s), s, before[i]!));
    } else {
      states = result.states;
    }
    outputs.push(output);
  }
  return { outputs, states };
}

export class RNN extends Layer {
  readonly className: string = 'RNN';
  readonly cell: RNNCell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  /** Not readonly: Bidirectional forces it to returnSequences, as Keras does. */
  zeroOutputForMask: boolean;
  private stateVariables: Variable[] = [];

  constructor(args: RNNArgs) {
    super(args);
    this.cell = toCell(this.name, args.cell);
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.stateful = args.stateful ?? false;
    this.unroll = args.unroll ?? false;
    this.zeroOutputForMask = args.zeroOutputForMask ?? false;
  }

  /** The cell's weights, then (stateful layers) the state variables, so the Keras weights come first. */
  override get weights(): Variable[] {
    return [...this.cell.weights, ...this.stateVariables];
  }

  /** The carried states of a stateful layer (empty otherwise or before it is built). */
  get states(): Variable[] {
    return [...this.stateVariables];
  }

  override build(inputShape: ShapeArg): void {
    const seq = isShapeList(inputShape) ? inputShape[0]! : inputShape;
    if (seq.length < 3) {
      throw new OpError(this.name, `expected sequences [batch, time, ...features] (rank ≥ 3). Received: input shape ${fmt(seq)}`);
    }
    const stepShape = [seq[0] ?? null, ...seq.slice(2)];
    this.cell.maybeBuild(stepShape);
    if (this.stateful) {
      const batch = seq[0];
      if (batch === null || batch === undefined) {
        throw new OpError(this.name, `a stateful RNN needs a fixed batch size (give batchInputShape, or inputShape with batchSize). Received: input shape ${fmt(seq)}`);
      }
      // Non-trainable weights, so that a compiled training step may update them.
      this.stateVariables = this.cell.stateShapes(stepShape).map((s, i) =>
        this.addWeight(`state_${i}`, [batch, ...s], { initializer: 'zeros', trainable: false }));
    }
  }

  /** The initial states: `[x, ...states]` inputs, `kwargs.initialState`, the carried states, or zeros. */
  private initialStates(x: Tensor, given: Tensor[], fromKwargs: unknown): Tensor[] {
    const batch = x.shape[0]!;
    const shapes = this.cell.stateShapes([batch, ...x.shape.slice(2)]).map((s) => [batch, ...s]);
    let states = given;
    if (!states.length && fromKwargs !== undefined && fromKwargs !== null) {
      states = Array.isArray(fromKwargs) ? (fromKwargs as Tensor[]) : [fromKwargs as Tensor];
    }
    if (!states.length) {
      if (this.stateful) {
        const carried = this.stateVariables[0]!.shape[0];
        if (carried !== batch) {
          throw new OpError(this.name, `a stateful RNN takes batches of the size it was built for (${carried}). Received: input shape ${fmt(x.shape)}`);
        }
        return this.stateVariables;
      }
      return shapes.map((s) => zeros(s, x.dtype));
    }
    if (states.length !== shapes.length) {
      throw new OpError(this.name, `initialState must hold ${shapes.length} state(s) of shapes ${shapes.map(fmt).join(', ')}. Received: ${states.length} tensor(s)`);
    }
    states.forEach((s, i) => {
      if (!s || typeof s !== 'object' || !('shape' in s) || s.shape.length !== shapes[i]!.length || s.shape.some((d, k) => d !== shapes[i]![k])) {
        throw new OpError(this.name, `initial state ${i} must have shape ${fmt(shapes[i]!)}. Received: ${s && typeof s === 'object' && 'shape' in s ? `shape ${fmt(s.shape)}` : typeof s}`);
      }
    });
    return states;
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor | Tensor[] {
    const [x, ...given] = (Array.isArray(inputs) ? inputs : [inputs]) as [Tensor, ...Tensor[]];
    if (x.rank < 3) throw new OpError(this.name, `expected sequences [batch, time, ...features] (rank ≥ 3). Received: input shape ${fmt(x.shape)}`);
    if (x.shape[1] === 0) throw new OpError(this.name, `the sequences must have at least one time step. Received: input shape ${fmt(x.shape)}`);
    const initial = this.initialStates(x, given, ctx.kwargs['initialState']);
    const mask = (Array.isArray(ctx.mask) ? ctx.mask[0] : ctx.mask) ?? null;
    if (mask && (mask.rank !== 2 || mask.shape[0] !== x.shape[0] || mask.shape[1] !== x.shape[1])) {
      throw new OpError(this.name, `the mask must be [batch, time] = [${x.shape[0]},${x.shape[1]}]. Received: mask shape ${fmt(mask.shape)}`);
    }
    const { outputs, states } = runSteps(this.cell, x, initial, mask, {
      goBackwards: this.goBackwards, zeroOutputForMask: this.zeroOutputForMask, training: ctx.training,
    });
    // Not while output shapes are inferred on value-less placeholders: that would erase the states.
    if (this.stateful && hasValues(x)) this.stateVariables.forEach((v, i) => v.assign(states[i]!));
    const output = this.returnSequences ? stack(outputs, 1) : outputs[outputs.length - 1]!;
    return this.returnState ? [output, ...states] : output;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask | Mask[] {
    const m = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const out = this.returnSequences ? m : null;
    return this.returnState ? [out, ...this.cell.stateSize.map(() => null)] : out;
  }

  /** Sets the carried states of a stateful layer to zeros, or to the given values. */
  resetStates(states?: Tensor | Tensor[]): void {
    if (!this.stateful) throw new TesseraError(`${this.name}.resetStates: the layer is not stateful (create it with stateful: true)`);
    if (!this.built) return;
    const values = states === undefined ? this.stateVariables.map((v) => zeros(v.shape, v.dtype)) : Array.isArray(states) ? states : [states];
    if (values.length !== this.stateVariables.length) {
      throw new TesseraError(`${this.name}.resetStates: the layer has ${this.stateVariables.length} state(s). Received: ${values.length} tensor(s)`);
    }
    this.stateVariables.forEach((v, i) => v.assign(values[i]!));
  }

  /** Keras 3's name for resetStates(). */
  resetState(): void {
    this.resetStates();
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
      zeroOutputForMask: this.zeroOutputForMask,
      cell: serialize(this.cell) as unknown as ConfigValue,
    };
  }
}

/** The config of a Keras RNN layer that builds its own cell: the cell's keys inline, no `cell`. */
export function inlineCellConfig(rnnConfig: Config, cellConfig: Config): Config {
  const { cell: _cell, ...rest } = rnnConfig;
  return { ...rest, ...cellConfig };
}

registerLayer('RNN', RNN);
