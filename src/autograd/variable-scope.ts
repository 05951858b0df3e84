/**
 * Stateless calls of stateful code (Keras 3's StatelessScope): runs `fn` with the given variables
 * reading as the given tensors. Assignments inside (batch-norm moving statistics) are collected
 * instead of applied. A training step uses this to make the model's weights explicit inputs, so it
 * can differentiate with respect to them and be compiled as a pure function.
 */
import { TesseraError } from '../core/errors.js';
import { variableScope, type Tensor, type Variable } from '../core/tensor.js';

export interface ScopeResult<R> {
  result: R;
  /** The final value of every variable assigned inside the scope. */
  assigned: Map<Variable, Tensor>;
}

export function withVariableValues<R>(values: ReadonlyMap<Variable, Tensor>, fn: () => R): ScopeResult<R> {
  if (variableScope.values) throw new TesseraError('withVariableValues: scopes do not nest');
  const scoped = new Map(values);
  const assigned = new Set<Variable>();
  variableScope.values = scoped;
  variableScope.assigned = assigned;
  try {
    const result = fn();
    return { result, assigned: new Map([...assigned].map((v) => [v, scoped.get(v)!])) };
  } finally {
    variableScope.values = null;
    variableScope.assigned = null;
  }
}
