/**
 * Builds an ONNX model (protobuf, written with the `onnx-proto` protobufjs bindings) from the
 * nodes lowerings append. One opset for the whole library: ai.onnx 17 (see README.md here).
 */
import onnxProto from 'onnx-proto';
import type { DType, TypedArray } from '../../core/dtype.js';
import { TesseraError } from '../../core/errors.js';
import type { OnnxAttr, OnnxContext } from '../../core/op.js';
import type { Shape } from '../../core/shape.js';

const { onnx } = onnxProto;

/**
 * The ai.onnx opset every lowering targets. 17 (ONNX 1.12): every op the lowerings need exists
 * there (ScatterND/ScatterElements with reduction='add' since 16), ONNX Runtime implements all
 * of it, and the ONNX checker Debian ships (python3-onnx 1.12) can validate every exported model
 * — npm run test:system does.
 */
export const OPSET = 17;
/** IR version 8 is what opset 17 models declare. */
const IR_VERSION = 8;

export const ONNX_DTYPE: Record<DType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float64: onnx.TensorProto.DataType.DOUBLE,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
};

export interface ValueInfo {
  name: string;
  /** Sizes; a string is a symbolic dimension (dim_param, e.g. 'batch'), null an unnamed unknown one; null for the whole: unknown rank. */
  shape: readonly (number | string | null)[] | null;
  /** null: left for the runtime to infer (outputs of hand-built test models). */
  dtype: DType | null;
}

/** The parts of a model graph, for code that rewrites them before encoding (ONNX export). */
export interface GraphParts {
  nodes: onnxProto.onnx.INodeProto[];
  initializers: onnxProto.onnx.ITensorProto[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

function attribute(name: string, value: OnnxAttr): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new TesseraError(`onnx: attribute '${name}' is not an integer; write { float: ${value} }`);
    return { name, type: T.INT, i: value };
  }
  if (typeof value === 'string') return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) {
    const ints = value as readonly number[];
    if (!ints.every(Number.isInteger)) throw new TesseraError(`onnx: attribute '${name}' has non-integers; write { floats: [...] }`);
    return { name, type: T.INTS, ints: [...ints] };
  }
  if ('float' in (value as object)) return { name, type: T.FLOAT, f: (value as { float: number }).float };
  return { name, type: T.FLOATS, floats: [...(value as { floats: readonly number[] }).floats] };
}

export function tensorProto(name: string, values: readonly number[], shape: Shape, dtype: DType): onnxProto.onnx.ITensorProto {
  const t: onnxProto.onnx.ITensorProto = { name, dims: [...shape], dataType: ONNX_DTYPE[dtype] };
  // raw_data keeps float32 exact (float_data would be exact too, but raw is what readers expect for big tensors).
  switch (dtype) {
    case 'float32': t.rawData = new Uint8Array(Float32Array.from(values).buffer); break;
    case 'float64': t.rawData = new Uint8Array(Float64Array.from(values).buffer); break;
    case 'int32': t.rawData = new Uint8Array(Int32Array.from(values).buffer); break;
    case 'int64': t.rawData = new Uint8Array(BigInt64Array.from(values, (v) => BigInt(Math.trunc(v))).buffer); break;
    case 'bool': t.rawData = Uint8Array.from(values, (v) => (v ? 1 : 0)); break;
  }
  return t;
}

/** A tensor given as stored data (exported weights): its bytes as they are, little-endian like the host. */
export function tensorProtoFromData(name: string, data: TypedArray, shape: Shape, dtype: DType): onnxProto.onnx.ITensorProto {
  const t: onnxProto.onnx.ITensorProto = { name, dims: [...shape], dataType: ONNX_DTYPE[dtype] };
  if (dtype === 'int64') t.rawData = new Uint8Array(BigInt64Array.from(data as Float64Array, (v) => BigInt(v)).buffer);
  else t.rawData = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
  return t;
}

function valueInfo(v: ValueInfo): onnxProto.onnx.IValueInfoProto {
  if (v.dtype === null) return { name: v.name };
  const dim = v.shape?.map((d) => (typeof d === 'number' ? { dimValue: d } : typeof d === 'string' ? { dimParam: d } : {}));
  return { name: v.name, type: { tensorType: { elemType: ONNX_DTYPE[v.dtype], ...(dim ? { shape: { dim } } : {}) } } };
}

/** Serializes a graph as an ai.onnx opset-17 ModelProto. */
export function encodeModel(parts: GraphParts, graphName = 'tessera', metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: IR_VERSION,
    producerName: 'tessera',
    opsetImport: [{ domain: '', version: OPSET }],
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: graphName,
      node: parts.nodes,
      initializer: parts.initializers,
      input: parts.inputs.map(valueInfo),
      output: parts.outputs.map(valueInfo),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

export class OnnxModelBuilder implements OnnxContext {
  private readonly nodeList: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;
  constructor(readonly batchFree = false) {}

  /** The Tessera op being lowered: node names start with it, so ORT errors and Netron name our ops. */
  scope = '';
  readonly inputs: ValueInfo[] = [];
  readonly outputs: ValueInfo[] = [];

  /** A fresh value name. */
  fresh(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  addInput(shape: ValueInfo['shape'], dtype: DType, name = `in${this.inputs.length}`): string {
    this.inputs.push({ name, shape, dtype });
    return name;
  }

  /** A named tensor stored in the model (an exported weight). */
  addInitializer(name: string, data: TypedArray, shape: Shape, dtype: DType): string {
    this.initializers.push(tensorProtoFromData(name, data, shape, dtype));
    return name;
  }

  /**
   * Declares `value` a graph output: under `name` through an Identity when a name is given, else
   * under its own name (through an Identity when it is an input, a constant or already an output).
   */
  addOutput(value: string, shape: Shape, dtype: DType, name?: string): string {
    let out = value;
    if (name !== undefined) {
      this.push('Identity', [value], {}, [name]);
      out = name;
    } else if (this.inputs.some((i) => i.name === value) || this.outputs.some((o) => o.name === value) || this.constants.has(value) ||
        [...this.constants.values()].includes(value) || this.initializers.some((t) => t.name === value)) {
      out = this.node('Identity', [value]);
    }
    this.outputs.push({ name: out, shape, dtype });
    return out;
  }

  node(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, OnnxAttr>> = {}): string {
    return this.nodes(opType, inputs, attributes, 1)[0]!;
  }

  nodes(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, OnnxAttr>>, outputs: number): string[] {
    return this.push(opType, inputs, attributes, Array.from({ length: outputs }, () => this.fresh('v')));
  }

  private push(opType: string, inputs: readonly string[], attributes: Readonly<Record<string, OnnxAttr>>, outputs: string[]): string[] {
    this.nodeList.push({
      opType,
      name: this.fresh(`${this.scope ? `${this.scope}/` : ''}${opType}_`),
      input: [...inputs],
      output: outputs,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return outputs;
  }

  constant(values: readonly number[], shape: Shape, dtype: DType): string {
    const key = `${dtype}[${shape.join(',')}]${values.join(',')}`;
    const known = this.constants.get(key);
    if (known) return known;
    const name = this.fresh('c');
    this.initializers.push(tensorProto(name, values, shape, dtype));
    this.constants.set(key, name);
    return name;
  }

  ints(values: readonly number[]): string {
    return this.constant(values, [values.length], 'int64');
  }

  /** The serialized ModelProto. */
  build(graphName = 'tessera'): Uint8Array {
    return encodeModel(this.parts(), graphName);
  }

  /** The graph as built so far (the builder's own arrays: copy before changing). */
  parts(): GraphParts {
    return { nodes: this.nodeList, initializers: this.initializers, inputs: this.inputs, outputs: this.outputs };
  }

  get nodeCount(): number {
    return this.nodeList.length;
  }
}
