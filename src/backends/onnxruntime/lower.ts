/**
 * Lowers a pending tensor graph to an ONNX model. The structural key (ops, attributes, wiring,
 * input shapes and dtypes) is computed first and cheaply, so a cache hit never builds the model.
 * Realized tensors — parameters, data, weak scalars — enter as graph inputs, never as baked
 * constants, so a training loop produces the same key every step.
 */
import { OpError } from '../../core/errors.js';
import type { Attrs, AttrValue, OpDef } from '../../core/op.js';
import { sizeOf } from '../../core/shape.js';
import type { Tensor } from '../../core/tensor.js';
import { referenceBackend, topoSort } from '../reference/index.js';
import { OnnxModelBuilder } from './model-builder.js';

export interface BuildOptions {
  bindLeaf?: (leaf: Tensor, builder: OnnxModelBuilder, index: number) => string;
  outputNames?: readonly string[];
  /** Lower for a dynamic batch (see OnnxContext.batchFree). */
  batchFree?: boolean;
}

export interface LoweredGraph {
  /** Identifies the compiled model: equal keys lower to identical models. */
  readonly key: string;
  /** Realized tensors fed to the model, in input order (in0, in1, …). */
  readonly leaves: readonly Tensor[];
  /** Leaves computed on the host (random draws), with the op application that made them. */
  readonly hostComputed: ReadonlyMap<Tensor, { op: OpDef<Attrs>; attrs: Attrs }>;
  /** Pending tensors the model computes, in output order. */
  readonly targets: readonly Tensor[];
  readonly nodeCount: number;
  /** Multiply-adds the graph does, roughly (OpDef.cost; 1 per output element by default). */
  readonly work: number;
  /**
   * Builds the serialized model (only needed on a cache miss). `bindLeaf` declares a leaf in the
   * graph (default: the next input, in0, in1, …); `outputNames` names the outputs.
   */
  build(options?: BuildOptions): { bytes: Uint8Array; builder: OnnxModelBuilder };
}

/** JSON of attributes with non-finite numbers spelled out (JSON.stringify turns them into null). */
export function attrsKey(attrs: Attrs | AttrValue): string {
  return JSON.stringify(attrs, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? `#${v}` : v));
}

/**
 * Ops without inputs (random) are computed on the host by their reference kernel and fed in as
 * leaves: their attributes (the random key) then stay out of the cache key, and the values are
 * bit-identical to the reference backend's.
 */
function isHostLeaf(t: Tensor): boolean {
  return t._pending !== null && t._pending.inputs.length === 0;
}

export function lowerGraph(requested: readonly Tensor[]): LoweredGraph {
  const order = topoSort(requested);
  const hostLeaves = order.filter(isHostLeaf);
  const hostComputed = new Map(hostLeaves.map((t) => [t, { op: t._pending!.op, attrs: t._pending!.attrs }] as const));
  if (hostLeaves.length) referenceBackend.realizeSync!(hostLeaves);
  const targets = [...new Set(requested)].filter((t) => t._data === null);
  const nodes = order.filter((t) => t._pending !== null);
  // Captured now: build() may run after the targets were computed (and their pending ops cleared).
  const pendings = nodes.map((t) => t._pending!);

  const id = new Map<Tensor, number>();
  const leaves: Tensor[] = [];
  const parts: string[] = [];
  const idOf = (t: Tensor): number => {
    let i = id.get(t);
    if (i === undefined) {
      if (t._data === null) throw new OpError('onnxruntime', 'internal: an input was neither computed nor in the graph');
      i = id.size;
      id.set(t, i);
      leaves.push(t);
      parts.push(`L${t.dtype}[${t.shape.join(',')}]`);
    }
    return i;
  };
  let work = 0;
  for (const t of nodes) {
    const p = t._pending!;
    work += sizeOf(t.shape) * (p.op.cost ? p.op.cost(p.inputs, p.attrs) : 1);
    const ins = p.inputs.map(idOf);
    id.set(t, id.size);
    parts.push(`${p.op.name}(${ins.join(',')})${attrsKey(p.attrs)}`);
  }
  const outs = targets.map((t) => id.get(t)!);
  const key = `${parts.join(';')}=>${outs.join(',')}`;

  return {
    key,
    leaves,
    hostComputed,
    targets,
    nodeCount: nodes.length,
    work,
    build({ bindLeaf = (leaf, b) => b.addInput(leaf.shape, leaf.dtype), outputNames, batchFree }: BuildOptions = {}) {
      const b = new OnnxModelBuilder(batchFree);
      const names = new Map<Tensor, string>();
      leaves.forEach((leaf, i) => names.set(leaf, bindLeaf(leaf, b, i)));
      nodes.forEach((t, i) => {
        const p = pendings[i]!;
        const lower = p.op.onnx;
        if (!lower) throw new OpError(p.op.name, 'has no ONNX lowering yet; use the reference backend for it (setBackend(\'reference\'))');
        const inputs = p.inputs.map((x) => names.get(x)!);
        b.scope = p.op.name;
        names.set(t, (lower as NonNullable<OpDef<Attrs>['onnx']>)(b, inputs, p.attrs, p.inputs, t));
      });
      b.scope = '';
      targets.forEach((t, i) => b.addOutput(names.get(t)!, t.shape, t.dtype, outputNames?.[i]));
      return { bytes: b.build(), builder: b };
    },
  };
}
