/**
 * ONNX export of a model's inference graph: the same lowering the ONNX Runtime backend compiles,
 * with the model's inputs as named graph inputs, its weights as named initializers (the keys of
 * its safetensors file) and its outputs under the model's output names.
 *
 * A dynamic batch dimension: shapes are concrete numbers everywhere in Tessera, so the model is
 * traced at three batch sizes and the graphs compared. Everything equal is kept; what differs must
 * be a shape-like integer constant that is linear in the batch size (a Reshape target [B, 784]) or a
 * uniform fill whose shape is (zeros [B, units] for an RNN's initial state). Those become small
 * subgraphs computing the value from the input's batch size; anything else is named in an error.
 */
import onnxProto from 'onnx-proto';
import { allocate, type DType } from '../core/dtype.js';
import { realize, withTracing } from '../core/engine.js';
import { TesseraError } from '../core/errors.js';
import { Tensor, variableReads, type Variable } from '../core/tensor.js';
import { lowerGraph } from '../backends/onnxruntime/lower.js';
import { encodeModel, tensorProto, type GraphParts, type ValueInfo } from '../backends/onnxruntime/model-builder.js';
import type { Model } from '../models/model.js';
import { weightKeys } from './model-file.js';

type NodeProto = onnxProto.onnx.INodeProto;
type TensorProto = onnxProto.onnx.ITensorProto;
const { onnx } = onnxProto;
const INT = onnx.AttributeProto.AttributeType.INT;

export interface OnnxExportOptions {
  /** Make the batch dimension of every input and output symbolic ('batch'). Default true. */
  dynamicBatch?: boolean;
  /** The batch size of a fixed-batch export (`dynamicBatch: false`). Default 1. */
  batchSize?: number;
  /** Input shapes (batch first) for a model whose inputs have unknown sizes besides the batch. */
  inputShapes?: readonly (readonly (number | null)[])[];
}

/** The batch sizes traced: unusual numbers, so that a shape constant rarely equals another constant. */
const TRACE_BATCHES = [11, 13, 17] as const;
const BATCH = 'batch';

export async function exportOnnx(model: Model, options: OnnxExportOptions = {}): Promise<Uint8Array> {
  const who = `${model.name}.toOnnx`;
  const shapes = options.inputShapes ?? model.builtInputShapes();
  if (!shapes || !shapes.length || !model.weights.length) {
    throw new TesseraError(`${who}: the model is not built yet; give its first layer an inputShape, or call fit/predict once before exporting`);
  }
  shapes.forEach((s, i) => {
    const unknown = s.slice(1).findIndex((d) => d === null);
    if (unknown >= 0) {
      throw new TesseraError(`${who}: input '${model.inputNames[i]}' has an unknown size at axis ${unknown + 1}; pass inputShapes with the sizes to export. Received: [${s.map((d) => d ?? 'null').join(', ')}]`);
    }
  });
  const dynamic = options.dynamicBatch ?? true;
  const batchSize = options.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new TesseraError(`${who}: batchSize must be an integer ≥ 1. Received: ${batchSize}`);
  await realize(model.weights.map((w) => w.value));
  const trace = (batch: number) => traceAt(model, shapes, batch, dynamic ? BATCH : batch);
  const parts = dynamic ? mergeBatchTraces(who, TRACE_BATCHES.map(trace)) : trace(batchSize).parts;
  return encodeModel(parts, model.name, { 'tessera.format': 'inference graph', 'tessera.inputs': model.inputNames.join(',') });
}

interface Trace {
  batch: number;
  parts: GraphParts;
}

function traceAt(model: Model, shapes: readonly (readonly (number | null)[])[], batch: number, batchDim: number | string): Trace {
  const dtypes = model.inputDtypes;
  const inputs = shapes.map((s, i) => {
    const shape = [batch, ...(s.slice(1) as number[])];
    return new Tensor(shape, dtypes[i] ?? 'float32', allocate(dtypes[i] ?? 'float32', shape.reduce((a, b) => a * b, 1)), null);
  });
  const keyOf = new Map<Variable, string>();
  const keys = weightKeys(model.weights);
  model.weights.forEach((w, i) => keyOf.set(w, keys[i]!));
  const varOf = new Map<Tensor, Variable>();
  variableReads.hook = (v, value) => { varOf.set(value, v); };
  let out: Tensor | Tensor[];
  try {
    out = withTracing(() => model.apply(model.isMultiInput ? inputs : inputs[0]!, { training: false })) as Tensor | Tensor[];
  } finally {
    variableReads.hook = null;
  }
  const outputs = (Array.isArray(out) ? out : [out]).map((t) => t._resolve());
  if (outputs.some((t) => t._data !== null)) {
    throw new TesseraError(`${model.name}.toOnnx: an output does not depend on the inputs (it was computed while tracing); such a model has nothing to export`);
  }
  const lowered = lowerGraph(outputs);
  const { builder } = lowered.build({
    outputNames: model.outputNames,
    batchFree: typeof batchDim === 'string',
    bindLeaf(leaf, b, index) {
      const k = inputs.indexOf(leaf);
      if (k >= 0) return b.addInput([batchDim, ...leaf.shape.slice(1)], leaf.dtype, model.inputNames[k]);
      const variable = varOf.get(leaf);
      const name = variable ? (keyOf.get(variable) ?? variable.name) : `constant_${index}`;
      return b.addInitializer(name, leaf._data!, leaf.shape, leaf.dtype);
    },
  });
  const parts = builder.parts();
  // Graph inputs in the model's order (the lowering meets them in the order the graph uses them).
  parts.inputs.sort((a, b) => model.inputNames.indexOf(a.name) - model.inputNames.indexOf(b.name));
  // Output sizes equal to the batch become the symbolic batch dimension.
  parts.outputs.forEach((o, i) => {
    o.shape = outputs[i]!.shape.map((d, axis) => (axis === 0 && d === batch ? batchDim : d));
  });
  return { batch, parts };
}

const nodeKey = (n: NodeProto): string => JSON.stringify(onnx.NodeProto.toObject(onnx.NodeProto.fromObject(n), { bytes: String }));

/** One graph with a symbolic batch from graphs traced at different batch sizes (see the file comment). */
function mergeBatchTraces(who: string, traces: Trace[]): GraphParts {
  const [first, ...others] = traces as [Trace, ...Trace[]];
  const base = first.parts;
  for (const t of others) {
    const differs = t.parts.nodes.length !== base.nodes.length || t.parts.initializers.length !== base.initializers.length
      ? 0 : t.parts.nodes.findIndex((n, i) => nodeKey(n) !== nodeKey(base.nodes[i]!));
    if (differs !== -1) {
      const where = differs > 0 ? ` (first at node '${base.nodes[differs]!.name}')` : '';
      throw new TesseraError(`${who}: the model's graph changes with the batch size${where}, so it cannot have a dynamic batch; export it with { dynamicBatch: false, batchSize }`);
    }
  }
  const batchInput = base.inputs[0]!.name;
  const prelude: NodeProto[] = [];
  const extra: TensorProto[] = [];
  let batchVector: string | null = null;
  let batchScalar: string | null = null;
  const batchOf = (rank: number): string => {
    if (!batchVector) {
      batchVector = 'batch_size';
      prelude.push({ opType: 'Shape', name: 'batch/Shape', input: [batchInput], output: [batchVector], attribute: [{ name: 'start', type: INT, i: 0 }, { name: 'end', type: INT, i: 1 }] });
    }
    if (rank > 0) return batchVector;
    if (!batchScalar) {
      batchScalar = 'batch_size_scalar';
      extra.push(tensorProto('batch/scalar_shape', [], [0], 'int64'));
      prelude.push({ opType: 'Reshape', name: 'batch/Reshape', input: [batchVector, 'batch/scalar_shape'], output: [batchScalar] });
    }
    return batchScalar;
  };
  /** Nodes computing slope·batch + offset (int64) under `name`. */
  const linear = (name: string, slope: number[], offset: number[], dims: number[]): string => {
    extra.push(tensorProto(`${name}/per_batch`, slope, dims, 'int64'), tensorProto(`${name}/offset`, offset, dims, 'int64'));
    const scaled = `${name}/scaled`;
    prelude.push({ opType: 'Mul', name: `${name}/Mul`, input: [batchOf(dims.length), `${name}/per_batch`], output: [scaled] });
    prelude.push({ opType: 'Add', name: `${name}/Add`, input: [scaled, `${name}/offset`], output: [`${name}/value`] });
    return `${name}/value`;
  };

  const initializers: TensorProto[] = [];
  base.initializers.forEach((init, k) => {
    const versions = traces.map((t) => t.parts.initializers[k]!);
    if (versions.every((v) => sameTensor(v, init))) {
      initializers.push(init);
      return;
    }
    const name = init.name!;
    const dtype = dtypeOf(init);
    const dims = versions.map((v) => (v.dims ?? []).map(Number));
    const values = versions.map(values_);
    const batches = traces.map((t) => t.batch);
    const sameDims = dims.every((d) => d.join() === dims[0]!.join());
    if (sameDims && (dtype === 'int64' || dtype === 'int32')) {
      const fit = linearIn(batches, values);
      if (fit) {
        const value = linear(name, fit.slope, fit.offset, dims[0]!);
        if (dtype === 'int32') prelude.push({ opType: 'Cast', name: `${name}/Cast`, input: [value], output: [name], attribute: [{ name: 'to', type: INT, i: onnx.TensorProto.DataType.INT32 }] });
        else prelude.push({ opType: 'Identity', name: `${name}/Identity`, input: [value], output: [name] });
        return;
      }
    }
    const fill = values[0]![0];
    const uniform = values.every((v) => v.every((x) => Object.is(x, fill)));
    const shapeFit = dims.every((d) => d.length === dims[0]!.length) ? linearIn(batches, dims) : null;
    if (!sameDims && uniform && shapeFit && fill !== undefined) {
      const shape = linear(`${name}/shape`, shapeFit.slope, shapeFit.offset, [dims[0]!.length]);
      extra.push(tensorProto(`${name}/fill`, [fill], [], dtype));
      prelude.push({ opType: 'Expand', name: `${name}/Expand`, input: [`${name}/fill`, shape], output: [name] });
      return;
    }
    const user = base.nodes.find((n) => n.input?.includes(name));
    throw new TesseraError(`${who}: the constant '${name}'${user ? ` (an input of node '${user.name}')` : ''} depends on the batch size in a way the export cannot express as a function of it; export with { dynamicBatch: false, batchSize }`);
  });
  return {
    nodes: [...prelude, ...base.nodes],
    initializers: [...initializers, ...extra],
    inputs: base.inputs,
    outputs: base.outputs.map((o: ValueInfo) => ({ ...o, shape: o.shape!.map((d, axis) => (axis === 0 || traces.every((t) => t.parts.outputs.find((x) => x.name === o.name)?.shape?.[axis] === d) ? d : null)) })),
  };
}

/** slope·b + offset fitted exactly on the first two traces and checked on the rest; null if not integral or not linear. */
function linearIn(batches: readonly number[], values: readonly number[][]): { slope: number[]; offset: number[] } | null {
  const [b0, b1] = batches as [number, number];
  const slope = values[0]!.map((v, e) => (values[1]![e]! - v) / (b1 - b0));
  const offset = values[0]!.map((v, e) => v - slope[e]! * b0);
  if (!slope.every(Number.isInteger) || !offset.every(Number.isInteger)) return null;
  const fits = batches.every((b, t) => values[t]!.length === slope.length && values[t]!.every((v, e) => v === slope[e]! * b + offset[e]!));
  return fits ? { slope, offset } : null;
}

const DTYPE_OF: Record<number, DType> = {
  [onnx.TensorProto.DataType.FLOAT]: 'float32',
  [onnx.TensorProto.DataType.DOUBLE]: 'float64',
  [onnx.TensorProto.DataType.INT32]: 'int32',
  [onnx.TensorProto.DataType.INT64]: 'int64',
  [onnx.TensorProto.DataType.BOOL]: 'bool',
};

function dtypeOf(t: TensorProto): DType {
  const d = DTYPE_OF[t.dataType ?? 0];
  if (!d) throw new TesseraError(`toOnnx: internal: initializer '${t.name}' has an unexpected data type ${t.dataType}`);
  return d;
}

function values_(t: TensorProto): number[] {
  const raw = t.rawData as Uint8Array;
  const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  switch (dtypeOf(t)) {
    case 'float32': return Array.from(new Float32Array(buf));
    case 'float64': return Array.from(new Float64Array(buf));
    case 'int32': return Array.from(new Int32Array(buf));
    case 'int64': return Array.from(new BigInt64Array(buf), Number);
    case 'bool': return Array.from(new Uint8Array(buf));
  }
}

function sameTensor(a: TensorProto, b: TensorProto): boolean {
  if (a.dataType !== b.dataType || (a.dims ?? []).join() !== (b.dims ?? []).join()) return false;
  const x = a.rawData as Uint8Array;
  const y = b.rawData as Uint8Array;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
