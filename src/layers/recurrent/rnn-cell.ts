/**
 * The base of recurrent cells (Keras RNN cells). A cell computes one time step; the RNN layer
 * unrolls it over the sequence. The step is split in two so that the compiled graph stays fast:
 * `projectInputs` does everything that does not depend on the state for ALL time steps at once
 * (for the dense cells: one [batch·time, in] × [in, gates·units] matmul plus the bias), and `step`
 * does only the recurrent part ([batch, units] × [units, gates·units] per step).
 *
 * A custom cell subclasses RNNCell: it declares `stateSize`, creates its weights in `build` (given
 * the per-step input shape [batch, ...features]) and implements `step` (and, for speed,
 * `projectInputs`). As a layer on its own, a cell computes one step:
 * `cell.apply([input, ...states])` → `[output, ...newStates]`.
 */
import { OpError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import { expandDims } from '../../ops/shape/expand-dims.js';
import { squeeze } from '../../ops/shape/squeeze.js';
import { Layer, isShapeList, type CallContext, type ShapeArg } from '../layer.js';
import type { SymbolicShape } from '../symbolic.js';

/** What every step of one sequence shares. */
export interface StepContext {
  training: boolean;
  /** The recurrent-dropout keep mask of this sequence (already scaled by 1/(1−rate)), or null. */
  recurrentMask: Tensor | null;
}

export interface StepResult {
  output: Tensor;
  states: Tensor[];
}

const fmt = (s: SymbolicShape): string => `[${s.map((d) => d ?? 'None').join(',')}]`;

export abstract class RNNCell extends Layer {
  /** The size of each state's last axis (Keras state_size), e.g. [units, units] for LSTM. */
  abstract get stateSize(): number[];

  /** The size of the output's last axis (Keras output_size). */
  get outputSize(): number {
    return this.stateSize[0]!;
  }

  /**
   * The shape of each state for one sample, given the per-step input shape [batch, ...features]
   * (dense cells: [size]; convolutional cells: [rows, cols, filters]).
   */
  stateShapes(_stepInputShape: SymbolicShape): number[][] {
    return this.stateSize.map((s) => [s]);
  }

  /** The state-independent part of every step, for all steps at once: [batch, time, ...] in and out. */
  projectInputs(sequence: Tensor, _training: boolean): Tensor {
    return sequence;
  }

  /** One time step on its projected input [batch, ...] (one time slice of `projectInputs`). */
  abstract step(projected: Tensor, states: Tensor[], ctx: StepContext): StepResult;

  /** The recurrent-dropout mask for one sequence, made from the initial states (none by default). */
  recurrentDropoutMask(_states: Tensor[], _training: boolean): Tensor | null {
    return null;
  }

  /**
   * What the steps of one sequence share, made once before the first step: the recurrent-dropout
   * mask, and whatever a cell would otherwise recompute at every step (subclasses may extend it).
   */
  startSequence(initialStates: Tensor[], training: boolean): StepContext {
    return { training, recurrentMask: this.recurrentDropoutMask(initialStates, training) };
  }

  /** The per-step input shape when the cell is applied alone to `[input, ...states]`. */
  protected stepInputShape(inputShape: ShapeArg): SymbolicShape {
    return isShapeList(inputShape) ? inputShape[0]! : inputShape;
  }

  /** One step as a layer: `[input, ...states]` → `[output, ...newStates]`. */
  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const [x, ...states] = list as [Tensor, ...Tensor[]];
    const expected = this.stateSize.length;
    if (states.length !== expected) {
      throw new OpError(this.name, `a cell is called on [input, ...states] with ${expected} state(s). Received: ${states.length} state(s)`);
    }
    const shapes = this.stateShapes([x.shape[0]!, ...x.shape.slice(1)]);
    states.forEach((s, i) => {
      const want = [x.shape[0]!, ...shapes[i]!];
      if (s.rank !== want.length || s.shape.some((d, k) => d !== want[k])) {
        throw new OpError(this.name, `state ${i} must have shape ${fmt(want)}. Received: shape ${fmt(s.shape)}`);
      }
    });
    const projected = squeeze(this.projectInputs(expandDims(x, 1), ctx.training), 1);
    const { output, states: next } = this.step(projected, states, this.startSequence(states, ctx.training));
    return [output, ...next];
  }
}
