/**
 * The compiled steps of `fit`, `evaluate` and `predict`. The training step is one pure function —
 * forward, losses, regularization, backward, optimizer update, constraints, batch-norm statistics
 * and metric statistics — that `jit` compiles into one ONNX Runtime session: one batch is one run.
 * Weights and optimizer state are its inputs and outputs (donated: their buffers are reused).
 */
import { valueAndGrad } from '../autograd/grad.js';
import { withVariableValues } from '../autograd/variable-scope.js';
import { TesseraError } from '../core/errors.js';
import type { Tensor, Variable } from '../core/tensor.js';
import { jit, type JitOptions } from '../jit/jit.js';
import { collectLosses } from '../layers/layer.js';
import { add } from '../ops/elementwise/add.js';
import { cast } from '../ops/elementwise/cast.js';
import { mul } from '../ops/elementwise/mul.js';
import { scalar } from '../core/creation.js';
import type { Model } from '../models/model.js';
import type { Compiled } from './compile.js';

export interface StepState {
  trainable: Tensor[];
  nonTrainable: Tensor[];
  slots: Tensor[][];
}

export interface StepResult {
  loss: Tensor;
  /** Per-output weighted losses (multi-output models log them). */
  outputLosses: Tensor[];
  /** Per output, per metric: the batch's statistics. */
  stats: Tensor[][][];
}

function asList(out: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(out) ? out : [out];
}

/** Losses of every output with a loss, weighted, plus regularization and added losses. */
function totalLoss(model: Model, compiled: Compiled, outs: Tensor[], ys: Tensor[], sws: (Tensor | null)[], extra: Tensor[]): { total: Tensor; perOutput: Tensor[] } {
  const perOutput: Tensor[] = [];
  let total: Tensor | null = null;
  compiled.outputs.forEach((o, i) => {
    if (!o.loss) return;
    const y = ys[i];
    if (!y) throw new TesseraError(`${model.name}: output '${o.name}' has a loss but no target was given`);
    const pred = outs[i]!.dtype === 'float32' ? outs[i]! : cast(outs[i]!, 'float32');
    const l = o.loss.call(y, pred, sws[i] ?? undefined);
    const weighted = o.weight === 1 ? l : mul(l, o.weight);
    perOutput.push(weighted);
    total = total ? add(total, weighted) : weighted;
  });
  for (const r of [...model.regularizationLosses(), ...extra]) total = add(total!, r);
  return { total: total!, perOutput };
}

function metricStats(compiled: Compiled, outs: Tensor[], ys: Tensor[], sws: (Tensor | null)[]): Tensor[][][] {
  return compiled.outputs.map((o, i) => o.metrics.map((m) => (ys[i] ? m.batchStatistics(ys[i]!, outs[i]!, sws[i] ?? undefined) : [])));
}

/** The inputs as the model is called with them: one tensor or the list. */
function modelInputs(model: Model, xs: Tensor[]): Tensor | Tensor[] {
  return model.isMultiInput ? xs : xs[0]!;
}

export interface TrainFunction {
  (state: StepState, xs: Tensor[], ys: Tensor[], sws: (Tensor | null)[], scalars: Record<string, Tensor>): Promise<{ state: StepState; result: StepResult }>;
}

export function makeTrainFunction(model: Model, compiled: Compiled, trainVars: readonly Variable[], otherVars: readonly Variable[]): TrainFunction {
  const constraints = model.weightConstraints();
  const step = (state: StepState, xs: Tensor[], ys: Tensor[], sws: (Tensor | null)[], scalars: Record<string, Tensor>) => {
    const lossOf = (params: Tensor[]): [Tensor, unknown] => {
      const values = new Map<Variable, Tensor>([
        ...trainVars.map((v, i) => [v, params[i]!] as const),
        ...otherVars.map((v, i) => [v, state.nonTrainable[i]!] as const),
      ]);
      const scoped = withVariableValues(values, () => {
        const { result, losses } = collectLosses(() => asList(model.apply(modelInputs(model, xs), { training: true })));
        return { outs: result, ...totalLoss(model, compiled, result, ys, sws, losses) };
      });
      for (const v of scoped.assigned.keys()) {
        if (!otherVars.includes(v) && !trainVars.includes(v)) {
          throw new TesseraError(`${model.name}: a layer assigned variable '${v.name}', which is not a weight of the model; state a layer updates must be a weight (addWeight with trainable: false)`);
        }
      }
      return [scoped.result.total, { outs: scoped.result.outs, perOutput: scoped.result.perOutput, assigned: scoped.assigned }];
    };
    const [loss, grads, aux] = valueAndGrad(lossOf, { hasAux: true })(state.trainable);
    const { outs, perOutput, assigned } = aux as { outs: Tensor[]; perOutput: Tensor[]; assigned: Map<Variable, Tensor> };
    const updated = compiled.optimizer.applyFunctional(state.trainable, grads as Tensor[], state.slots, scalars);
    const trainable = updated.params.map((p, i) => {
      const c = constraints.get(trainVars[i]!);
      return c ? c.call(p) : p;
    });
    const nonTrainable = otherVars.map((v, i) => assigned.get(v) ?? state.nonTrainable[i]!);
    return {
      state: { trainable, nonTrainable, slots: updated.slots },
      result: { loss, outputLosses: perOutput, stats: metricStats(compiled, outs, ys, sws) },
    };
  };
  return jit(step, { donate: [0] });
}

export interface TestFunction {
  (xs: Tensor[], ys: Tensor[], sws: (Tensor | null)[]): Promise<StepResult>;
}

/**
 * A jitted inference function whose variable assignments (a stateful RNN's states) are returned and
 * applied after each call: inside the compiled graph they would otherwise happen only while tracing.
 */
function statefulJit<A extends unknown[], R>(fn: (...args: A) => R, opts: JitOptions = {}): (...args: A) => Promise<R> {
  let assignedVars: Variable[] = [];
  const compiled = jit((...args: A) => {
    const scoped = withVariableValues(new Map(), () => fn(...args));
    assignedVars = [...scoped.assigned.keys()];
    return { result: scoped.result, states: assignedVars.map((v) => scoped.assigned.get(v)!) };
  }, opts);
  return async (...args: A) => {
    const out = await compiled(...args);
    assignedVars.forEach((v, i) => { v.value = out.states[i]!; });
    return out.result;
  };
}

/** Loss and metric statistics in inference mode (weights read from the model's variables). */
export function makeTestFunction(model: Model, compiled: Compiled): TestFunction {
  return statefulJit((xs: Tensor[], ys: Tensor[], sws: (Tensor | null)[]): StepResult => {
    const { result: outs, losses } = collectLosses(() => asList(model.apply(modelInputs(model, xs), { training: false })));
    const { total, perOutput } = totalLoss(model, compiled, outs, ys, sws, losses);
    return { loss: total, outputLosses: perOutput, stats: metricStats(compiled, outs, ys, sws) };
  });
}

export function makePredictFunction(model: Model): (xs: Tensor[]) => Promise<Tensor[]> {
  // Serving calls predict again and again with the same weights: after PREDICT_FREEZE_AFTER such
  // calls the weights are baked into the session (jit's freezeAfter).
  return statefulJit((xs: Tensor[]) => asList(model.apply(modelInputs(model, xs), { training: false })), { freezeAfter: PREDICT_FREEZE_AFTER });
}

/** Calls of predict with unchanged weights before its weights are baked into its session. */
export const PREDICT_FREEZE_AFTER = 20;

/** The optimizer's host scalars for the next update, as float32 scalar tensors. */
export function scalarTensors(values: Record<string, number>): Record<string, Tensor> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, scalar(v)]));
}
