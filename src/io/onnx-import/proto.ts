/**
 * Reading an ONNX ModelProto (onnx-proto's protobufjs bindings) into plain data: graph inputs and
 * outputs, initializers as tensors, nodes with their attributes as JSON values. JSON, so an imported
 * model's graph can be stored in its config and a saved model reloads without the .onnx file.
 */
import onnxProto from 'onnx-proto';
import type { DType } from '../../core/dtype.js';
import { TesseraError } from '../../core/errors.js';
import { Tensor, tensor } from '../../core/tensor.js';

const { onnx } = onnxProto;
const T = onnx.TensorProto.DataType;

/** A tensor as JSON (Constant values, integer initializers). */
export interface TensorJSON {
  dtype: DType;
  shape: number[];
  data: number[];
}

export type AttrJSON = number | string | number[] | string[] | TensorJSON;

export interface OnnxNode {
  op: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, AttrJSON>;
}

export interface ValueSpec {
  name: string;
  /** null: a symbolic or unknown size. */
  shape: (number | null)[];
  dtype: DType;
}

export interface OnnxGraph {
  inputs: ValueSpec[];
  outputs: string[];
  nodes: OnnxNode[];
  opset: number;
  producer: string;
}

export interface DecodedModel {
  graph: OnnxGraph;
  initializers: Map<string, Tensor>;
}

/** The ONNX element types Tessera reads, and the dtype each becomes (narrower ints widen; float16 is not read). */
const DTYPES: Partial<Record<number, DType>> = {
  [T.FLOAT]: 'float32', [T.DOUBLE]: 'float64', [T.INT32]: 'int32', [T.INT64]: 'int64', [T.BOOL]: 'bool',
  [T.INT8]: 'int32', [T.UINT8]: 'int32', [T.INT16]: 'int32', [T.UINT16]: 'int32',
};

export function onnxDType(code: number, where: string): DType {
  const d = DTYPES[code];
  if (!d) throw new TesseraError(`${where}: ONNX data type ${T[code] ?? code} is not supported (float32, float64, int8–int64, uint8/16, bool are). Received: ${T[code] ?? code}`);
  return d;
}

function rawValues(t: onnxProto.onnx.ITensorProto, count: number, where: string): number[] {
  const raw = t.rawData!;
  const buf = raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
  const view = (bytes: number) => {
    if (raw.byteLength !== count * bytes) throw new TesseraError(`${where}: raw_data holds ${raw.byteLength} bytes; its shape needs ${count * bytes}`);
  };
  switch (t.dataType) {
    case T.FLOAT: view(4); return Array.from(new Float32Array(buf));
    case T.DOUBLE: view(8); return Array.from(new Float64Array(buf));
    case T.INT32: view(4); return Array.from(new Int32Array(buf));
    case T.INT64: view(8); return Array.from(new BigInt64Array(buf), Number);
    case T.INT8: view(1); return Array.from(new Int8Array(buf));
    case T.UINT8: case T.BOOL: view(1); return Array.from(new Uint8Array(buf));
    case T.INT16: view(2); return Array.from(new Int16Array(buf));
    case T.UINT16: view(2); return Array.from(new Uint16Array(buf));
    default: throw new TesseraError(`${where}: unsupported data type ${t.dataType}`);
  }
}

const asNumber = (v: number | { toNumber(): number }): number => (typeof v === 'number' ? v : v.toNumber());

export function tensorJSON(t: onnxProto.onnx.ITensorProto, where: string): TensorJSON {
  const dtype = onnxDType(t.dataType ?? 0, where);
  if (t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL || (t.externalData?.length ?? 0) > 0) {
    throw new TesseraError(`${where}: the tensor '${t.name}' is stored in an external data file; save the model with its weights inside (onnx.save_model(..., save_as_external_data=False))`);
  }
  const shape = (t.dims ?? []).map(asNumber);
  if (shape.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new TesseraError(`${where}: tensor '${t.name}' has an invalid shape. Received: [${shape.join(', ')}]`);
  const count = shape.reduce((a, b) => a * b, 1);
  let data: number[];
  if (t.rawData && t.rawData.length > 0) data = rawValues(t, count, where);
  else if (t.floatData?.length) data = t.floatData;
  else if (t.doubleData?.length) data = t.doubleData;
  else if (t.int64Data?.length) data = t.int64Data.map(asNumber);
  else if (t.int32Data?.length) data = t.int32Data;
  else data = [];
  if (data.length !== count) throw new TesseraError(`${where}: tensor '${t.name}' holds ${data.length} values; its shape [${shape.join(', ')}] needs ${count}`);
  return { dtype, shape, data };
}

export const fromJSON = (t: TensorJSON): Tensor => tensor(t.data, t.shape, t.dtype);

function attribute(a: onnxProto.onnx.IAttributeProto, where: string): AttrJSON {
  const A = onnx.AttributeProto.AttributeType;
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  switch (a.type) {
    case A.INT: return asNumber(a.i ?? 0);
    case A.FLOAT: return a.f ?? 0;
    case A.STRING: return text(a.s ?? new Uint8Array());
    case A.INTS: return (a.ints ?? []).map(asNumber);
    case A.FLOATS: return [...(a.floats ?? [])];
    case A.STRINGS: return (a.strings ?? []).map(text);
    case A.TENSOR: return tensorJSON(a.t!, `${where} attribute '${a.name}'`);
    default: throw new TesseraError(`${where}: attribute '${a.name}' has a type Tessera does not read (graphs and sparse tensors are not supported). Received: type ${a.type}`);
  }
}

/** Decodes `bytes` (the .onnx file `source`) into a graph and its initializers. */
export function decodeOnnx(bytes: Uint8Array, source: string): DecodedModel {
  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new TesseraError(`loadOnnx: '${source}' is not an ONNX model (${(e as Error).message})`);
  }
  const g = model.graph;
  if (!g || !g.node?.length) throw new TesseraError(`loadOnnx: '${source}' holds no graph (or an empty one)`);
  const opset = model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx');
  const version = opset ? asNumber(opset.version ?? 0) : 0;
  if (version < 7) throw new TesseraError(`loadOnnx: '${source}' uses ai.onnx opset ${version}; Tessera reads opsets 7 and later. Received: opset ${version}`);
  const initializers = new Map<string, Tensor>();
  for (const t of g.initializer ?? []) initializers.set(t.name!, fromJSON(tensorJSON(t, `loadOnnx '${source}'`)));
  const inputs: ValueSpec[] = (g.input ?? []).filter((i) => !initializers.has(i.name!)).map((i) => {
    const type = i.type?.tensorType;
    if (!type) throw new TesseraError(`loadOnnx: '${source}': input '${i.name}' is not a tensor (sequences and maps are not supported)`);
    return {
      name: i.name!,
      dtype: onnxDType(type.elemType ?? 0, `loadOnnx '${source}' input '${i.name}'`),
      shape: (type.shape?.dim ?? []).map((d) => (d.dimValue !== undefined && d.dimValue !== null && asNumber(d.dimValue) > 0 ? asNumber(d.dimValue) : null)),
    };
  });
  const nodes: OnnxNode[] = g.node.map((n, k) => {
    if (n.domain && n.domain !== 'ai.onnx') throw new TesseraError(`loadOnnx: '${source}': node '${n.name || k}' is from the '${n.domain}' domain; only standard ONNX operators (ai.onnx) are supported. Received: ${n.domain}::${n.opType}`);
    const where = `loadOnnx '${source}' node '${n.name || n.opType}'`;
    return {
      op: n.opType!,
      name: n.name || `${n.opType}_${k}`,
      inputs: [...(n.input ?? [])],
      outputs: [...(n.output ?? [])],
      attrs: Object.fromEntries((n.attribute ?? []).map((a) => [a.name!, attribute(a, where)])),
    };
  });
  const outputs = (g.output ?? []).map((o) => o.name ?? '');
  if (!outputs.length || outputs.some((o) => !o)) throw new TesseraError(`loadOnnx: '${source}': the graph must name at least one output. Received: outputs [${outputs.map((o) => JSON.stringify(o)).join(', ')}]`);
  return {
    graph: { inputs, outputs, nodes, opset: version, producer: `${model.producerName ?? ''} ${model.producerVersion ?? ''}`.trim() },
    initializers,
  };
}
