/**
 * The reference backend: an interpreter that runs each op's reference kernel in topological
 * order. It is the definition every other backend is tested against, and runs anywhere.
 */
import { registerBackend, type Backend } from '../../core/engine.js';
import { OpError } from '../../core/errors.js';
import { sizeOf } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';

/** Pending tensors behind `targets`, inputs before users (iterative: graphs can be deep). */
export function topoSort(targets: readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: { t: Tensor; expanded: boolean }[] = [];
  for (const t of targets) stack.push({ t, expanded: false });
  while (stack.length) {
    const top = stack.pop()!;
    const t = top.t;
    if (t._data !== null) continue;
    if (top.expanded) {
      order.push(t);
      continue;
    }
    if (seen.has(t)) continue;
    seen.add(t);
    stack.push({ t, expanded: true });
    for (const input of t._pending!.inputs) {
      if (input._data === null && !seen.has(input)) stack.push({ t: input, expanded: false });
    }
  }
  return order;
}

function realizeSync(targets: readonly Tensor[]): void {
  for (const t of topoSort(targets)) {
    const p = t._pending;
    if (p === null) continue;
    const inputs = p.inputs.map((x) => {
      if (x._data === null) throw new OpError(p.op.name, 'input was disposed before it was computed');
      return { shape: x.shape, dtype: x.dtype, data: x._data };
    });
    const data = p.op.kernel(inputs, p.attrs, t);
    if (data.length !== sizeOf(t.shape)) {
      throw new OpError(p.op.name, `internal: reference kernel returned ${data.length} values for shape [${t.shape.join(',')}]`);
    }
    t._data = data;
    t._pending = null; // drop the graph behind it
    t._depth = 0;
  }
}

export const referenceBackend: Backend = {
  name: 'reference',
  realizeSync,
  async realize(targets) {
    realizeSync(targets);
  },
};

registerBackend('reference', (opts) => {
  if (opts.device && opts.device !== 'cpu') {
    throw new OpError('setBackend', `the reference backend runs on the CPU only. Received: device='${opts.device}'`);
  }
  return referenceBackend;
}, { makeDefault: true });
