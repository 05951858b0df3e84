/**
 * `loadOnnx(path | bytes)`: an ONNX model made elsewhere (PyTorch's torch.onnx.export, tf2onnx, …)
 * as a Tessera model that predicts, fine-tunes with `fit`, saves and exports again (see model.ts).
 */
import { isFloat } from '../../core/dtype.js';
import { readFileBytes } from '../node-fs.js';
import { OnnxModel, type WeightSpec } from './model.js';
import { decodeOnnx, type TensorJSON } from './proto.js';

export { OnnxModel, ONNX_OPS } from './model.js';

/** The inputs of each operator that must be constants (shapes, axes, pad values, bounds). */
const CONSTANT_INPUTS: Readonly<Record<string, readonly number[]>> = {
  Reshape: [1], Slice: [1, 2, 3, 4], Squeeze: [1], Unsqueeze: [1], Expand: [1], Tile: [1], Split: [1], Pad: [1, 2, 3],
  Range: [0, 1, 2], ConstantOfShape: [0], ReduceMean: [1], ReduceSum: [1], ReduceMax: [1], ReduceMin: [1], ReduceProd: [1],
  Dropout: [1, 2],
};

export interface LoadOnnxOptions {
  /** The model's name (default: 'onnx_model'). */
  name?: string;
}

export async function loadOnnx(source: string | Uint8Array, options: LoadOnnxOptions = {}): Promise<OnnxModel> {
  const where = typeof source === 'string' ? source : 'bytes';
  const bytes = typeof source === 'string' ? await readFileBytes('loadOnnx', source) : source;
  const { graph, initializers } = decodeOnnx(bytes, where);
  // Batch-norm running statistics are weights that training does not change.
  const statistics = new Set(graph.nodes.filter((n) => n.op === 'BatchNormalization').flatMap((n) => [n.inputs[3]!, n.inputs[4]!]));
  // A float initializer read only where a constant is needed (a Pad value, a Range bound) is a constant, not a weight.
  const uses = new Map<string, boolean[]>();
  for (const n of graph.nodes) {
    n.inputs.forEach((name, i) => {
      if (!uses.has(name)) uses.set(name, []);
      uses.get(name)!.push(CONSTANT_INPUTS[n.op]?.includes(i) ?? false);
    });
  }
  const isConstant = (name: string) => (uses.get(name) ?? []).every(Boolean);
  const weights: WeightSpec[] = [];
  const constants: Record<string, TensorJSON> = {};
  for (const [name, t] of initializers) {
    if (isFloat(t.dtype) && !isConstant(name)) weights.push({ name, shape: [...t.shape], dtype: t.dtype, trainable: !statistics.has(name) });
    else constants[name] = { dtype: t.dtype, shape: [...t.shape], data: Array.from(t._data!) };
  }
  const model = new OnnxModel({ name: options.name, graph, constants, weights });
  for (const spec of weights) model.weight(spec.name)!.assign(initializers.get(spec.name)!);
  return model;
}
