/**
 * What the built-in cells (SimpleRNNCell, LSTMCell, GRUCell, ConvLSTMCell) share: an activation,
 * the kernel / recurrent kernel / bias settings, and input and recurrent dropout (Keras's
 * DropoutRNNCell). As in Keras, one dropout mask is drawn per sequence and reused at every step;
 * it is shared by the gates (Keras's fused implementation), so the input dropout is applied to
 * the whole sequence before its one projection matmul.
 */
import type { Tensor } from '../../core/tensor.js';
import { onesLike } from '../../core/creation.js';
import { OpError } from '../../core/errors.js';
import { activationName, getActivation, type ActivationFn, type ActivationIdentifier } from '../../activations/index.js';
import type { ConstraintIdentifier } from '../../constraints/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { RegularizerIdentifier } from '../../regularizers/index.js';
import type { Config } from '../../io/serialization.js';
import { add } from '../../ops/elementwise/add.js';
import { matmul } from '../../ops/linalg/matmul.js';
import { dropout } from '../../ops/random/dropout.js';
import { foldIn, randomKey, type RandomKey } from '../../ops/random/key.js';
import { reshape } from '../../ops/shape/reshape.js';
import { weightSettings, weightSettingsConfig, type WeightSettings } from '../convolutional/conv-args.js';
import type { LayerArgs } from '../layer.js';
import type { SymbolicShape } from '../symbolic.js';
import { RNNCell } from './rnn-cell.js';

/** The arguments every built-in cell takes (and the RNN layers built on them). */
export interface DropoutCellArgs extends LayerArgs {
  activation?: ActivationIdentifier;
  useBias?: boolean;
  kernelInitializer?: InitializerIdentifier;
  recurrentInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  recurrentRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  recurrentConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
  /** Fraction of the input features dropped while training (one mask per sequence). */
  dropout?: number;
  /** Fraction of the recurrent state dropped while training (one mask per sequence). */
  recurrentDropout?: number;
  /** Seeds the dropout masks (a repeatable sequence of masks); unseeded masks use the global key. */
  seed?: number | null;
}

function rate(kind: string, name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
    throw new OpError(kind, `${name} must be a number in [0, 1). Received: ${name}=${String(value)}`);
  }
  return v;
}

/** `units` (or `filters`): an integer ≥ 1. */
export function positiveInt(kind: string, name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new OpError(kind, `${name} must be an integer ≥ 1. Received: ${name}=${String(value)}`);
  return value;
}

export abstract class DropoutRNNCell extends RNNCell {
  readonly activation: ActivationFn;
  readonly useBias: boolean;
  readonly kernelSettings: WeightSettings;
  readonly recurrentSettings: WeightSettings;
  readonly biasSettings: WeightSettings;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | null;
  private readonly activationId: ActivationIdentifier;
  private draws = 0;

  constructor(kind: string, args: DropoutCellArgs) {
    super(args);
    this.activationId = args.activation === undefined ? 'tanh' : args.activation;
    this.activation = getActivation(this.activationId);
    this.useBias = args.useBias ?? true;
    this.kernelSettings = weightSettings(args.kernelInitializer, 'glorotUniform', args.kernelRegularizer, args.kernelConstraint);
    this.recurrentSettings = weightSettings(args.recurrentInitializer, 'orthogonal', args.recurrentRegularizer, args.recurrentConstraint);
    this.biasSettings = weightSettings(args.biasInitializer, 'zeros', args.biasRegularizer, args.biasConstraint);
    this.dropout = rate(kind, 'dropout', args.dropout);
    this.recurrentDropout = rate(kind, 'recurrentDropout', args.recurrentDropout);
    this.seed = args.seed ?? null;
  }

  private key(): RandomKey | undefined {
    return this.seed === null ? undefined : foldIn(randomKey(this.seed), this.draws++);
  }

  /** Input dropout on a whole sequence [batch, time, ...]: one mask per sample, the same at every step. */
  protected dropInputs(sequence: Tensor, training: boolean): Tensor {
    if (!training || this.dropout === 0) return sequence;
    const noiseShape = sequence.shape.map((d, i) => (i === 1 ? 1 : d));
    const key = this.key();
    return dropout(sequence, this.dropout, { noiseShape, ...(key ? { key } : {}) });
  }

  override recurrentDropoutMask(states: Tensor[], training: boolean): Tensor | null {
    if (!training || this.recurrentDropout === 0) return null;
    const key = this.key();
    return dropout(onesLike(states[0]!), this.recurrentDropout, key ? { key } : {});
  }

  /** The config keys shared by the built-in cells (and their layers), Keras names in camelCase. */
  protected sharedConfig(): Config {
    return {
      activation: activationName(this.activationId, this.name),
      useBias: this.useBias,
      ...weightSettingsConfig('kernel', this.kernelSettings),
      ...weightSettingsConfig('recurrent', this.recurrentSettings),
      ...weightSettingsConfig('bias', this.biasSettings),
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
      seed: this.seed,
    };
  }

  /** The cell's own config keys (without name, trainable, dtype): the RNN layers inline them. */
  abstract cellConfig(): Config;

  override getConfig(): Config {
    return { ...super.getConfig(), ...this.cellConfig() };
  }
}

const fmt = (s: SymbolicShape): string => `[${s.map((d) => d ?? 'None').join(',')}]`;

/** The feature size of a dense cell's per-step input [batch, features] (known, rank 2). */
export function denseInputDim(cell: string, stepShape: SymbolicShape): number {
  const inDim = stepShape[stepShape.length - 1];
  if (stepShape.length !== 2 || inDim === null || inDim === undefined) {
    throw new OpError(cell, `expected per-step inputs [batch, features] with known features (sequences [batch, time, features]). Received: step input shape ${fmt(stepShape)}`);
  }
  return inDim;
}

/**
 * `sequence · kernel + bias` for every step at once: [batch, time, in] → [batch, time, out] as ONE
 * [batch·time, in] × [in, out] matmul (the speed of an unrolled RNN hinges on it).
 */
export function projectSequence(cell: string, sequence: Tensor, kernel: Tensor, bias: Tensor | null): Tensor {
  const [inDim, outDim] = kernel.shape as [number, number];
  if (sequence.rank !== 3 || sequence.shape[2] !== inDim) {
    throw new OpError(cell, `expected sequences [batch, time, ${inDim}] (the feature size it was built for). Received: shape ${fmt(sequence.shape)}`);
  }
  let y = matmul(reshape(sequence, [-1, inDim]), kernel);
  if (bias) y = add(y, bias);
  return reshape(y, [sequence.shape[0]!, sequence.shape[1]!, outDim]);
}
