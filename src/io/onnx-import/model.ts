/**
 * An imported ONNX graph as a Tessera model. Its float initializers are the model's weights
 * (trainable, except batch-norm running statistics), its integer initializers and Constant nodes
 * are constants, and `call` interprets the nodes with Tessera ops — so the model predicts, trains
 * with `fit` (gradients are the ops' own), saves with `save` (the graph is in its config, the
 * weights in safetensors) and exports again with `toOnnx`.
 *
 * Shape arithmetic (Shape → Gather → Concat → Reshape, as PyTorch exports it) is folded while the
 * graph is interpreted: a node whose inputs are all constants is computed at once by the reference
 * interpreter, so shape-like inputs are known numbers when an op needs them.
 */
import { allocate, isFloat, isInteger, type DType } from '../../core/dtype.js';
import { withTracing } from '../../core/engine.js';
import { TesseraError } from '../../core/errors.js';
import { Tensor, type Variable } from '../../core/tensor.js';
import { referenceBackend } from '../../backends/reference/index.js';
import type { CallContext, LayerOutput } from '../../layers/layer.js';
import { Model } from '../../models/model.js';
import { registerSerializable, type Config, type ConfigValue } from '../serialization.js';
import { OpContext, type OpImporter } from './context.js';
import { BASIC_OPS } from './ops-basic.js';
import { NN_OPS } from './ops-nn.js';
import { RNN_OPS } from './ops-rnn.js';
import { fromJSON, type OnnxGraph, type TensorJSON } from './proto.js';

export const ONNX_OPS: Readonly<Record<string, OpImporter>> = { ...BASIC_OPS, ...NN_OPS, ...RNN_OPS };

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: DType;
  trainable: boolean;
}

export interface OnnxModelArgs {
  name?: string;
  graph: OnnxGraph;
  /** Initializers that are not weights (integer tensors: shapes, indices, axes). */
  constants: Record<string, TensorJSON>;
  weights: WeightSpec[];
}

export class OnnxModel extends Model {
  override readonly className: string = 'OnnxModel';
  readonly graph: OnnxGraph;
  private readonly constantJSON: Record<string, TensorJSON>;
  private readonly constants = new Map<string, Tensor>();
  private readonly weightSpecs: WeightSpec[];
  private readonly byName = new Map<string, Variable>();
  private shapesOut: (number | null)[][] | null = null;

  constructor(args: OnnxModelArgs) {
    super({ name: args.name ?? 'onnx_model' });
    this.graph = args.graph;
    this.constantJSON = args.constants;
    this.weightSpecs = args.weights;
    for (const [name, t] of Object.entries(args.constants)) this.constants.set(name, fromJSON(t));
    const unsupported = [...new Set(args.graph.nodes.map((n) => n.op).filter((op) => !ONNX_OPS[op]))];
    if (unsupported.length) {
      throw new TesseraError(`loadOnnx: the graph uses operators Tessera does not import: ${unsupported.join(', ')}. Supported: ${Object.keys(ONNX_OPS).sort().join(', ')}`);
    }
    for (const spec of args.weights) {
      this.byName.set(spec.name, this.addWeight(spec.name, spec.shape, { dtype: spec.dtype, initializer: 'zeros', trainable: spec.trainable }));
    }
    this.built = true;
  }

  /** The weight imported from the initializer `name`. */
  weight(name: string): Variable | undefined {
    return this.byName.get(name);
  }

  override get inputNames(): string[] {
    return this.graph.inputs.map((i) => i.name);
  }

  override get outputNames(): string[] {
    return [...this.graph.outputs];
  }

  override get inputShapes(): (readonly (number | null)[])[] {
    return this.graph.inputs.map((i) => i.shape.map((d, axis) => (axis === 0 ? null : d)));
  }

  override get inputDtypes(): DType[] {
    return this.graph.inputs.map((i) => i.dtype);
  }

  override get isMultiInput(): boolean {
    return this.graph.inputs.length > 1;
  }

  override get isMultiOutput(): boolean {
    return this.graph.outputs.length > 1;
  }

  /** Output shapes from a trace at batch 1 (nothing is computed but folded constants); unknown when an input size is. */
  override get outputShapes(): (readonly (number | null)[])[] {
    if (this.shapesOut) return this.shapesOut;
    if (this.inputShapes.some((s) => s.slice(1).some((d) => d === null))) return this.graph.outputs.map(() => []);
    const xs = this.graph.inputs.map((i) => {
      const shape = [1, ...(i.shape.slice(1) as number[])];
      return new Tensor(shape, i.dtype, allocate(i.dtype, shape.reduce((a, b) => a * b, 1)), null);
    });
    const out = withTracing(() => this.call(this.isMultiInput ? xs : xs[0]!, { training: false, mask: null, kwargs: {} }));
    this.shapesOut = (Array.isArray(out) ? out : [out]).map((t) => [null, ...(t as Tensor).shape.slice(1)]);
    return this.shapesOut;
  }

  override call(inputs: Tensor | Tensor[], ctx: CallContext): LayerOutput {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length !== this.graph.inputs.length) {
      throw new TesseraError(`${this.name}: the ONNX graph has ${this.graph.inputs.length} inputs (${this.inputNames.join(', ')}). Received: ${list.length} tensors`);
    }
    const values = new Map<string, Tensor>();
    const isStatic = new Set<Tensor>();
    for (const [name, t] of this.constants) {
      values.set(name, t);
      isStatic.add(t);
    }
    // The variables themselves (not their current values): a training step substitutes its traced parameters for them.
    for (const [name, v] of this.byName) values.set(name, v);
    this.graph.inputs.forEach((spec, i) => {
      const x = list[i]!;
      // Any float width for a float input (gradient checks run in float64), int32 or int64 for an integer one.
      const kind = (d: DType) => (isFloat(d) ? 'float' : isInteger(d) ? 'integer' : d);
      if (kind(x.dtype) !== kind(spec.dtype)) throw new TesseraError(`${this.name}: input '${spec.name}' must be ${spec.dtype}. Received: ${x.dtype}`);
      if (x.rank !== spec.shape.length || spec.shape.some((d, axis) => d !== null && axis > 0 && d !== x.shape[axis])) {
        throw new TesseraError(`${this.name}: input '${spec.name}' must have shape [${spec.shape.map((d) => d ?? '?').join(', ')}]. Received: [${x.shape.join(', ')}]`);
      }
      values.set(spec.name, x);
    });
    for (const node of this.graph.nodes) {
      const ins = node.inputs.map((name) => {
        if (name === '') return null;
        const v = values.get(name);
        if (!v) throw new TesseraError(`loadOnnx: ${node.op} node '${node.name}' reads '${name}', which no earlier node, input or initializer defines`);
        return v;
      });
      const folded = node.op !== 'Dropout' && ins.every((t) => t === null || isStatic.has(t));
      const c = new OpContext(node, ins, ctx.training, this.graph.opset, (t) => isStatic.has(t));
      const result = ONNX_OPS[node.op]!(c);
      const outs = Array.isArray(result) ? result : [result];
      // Shape is known from shapes alone; other nodes fold when all their inputs are constants.
      const constant = folded || node.op === 'Shape' || node.op === 'Size';
      node.outputs.forEach((name, k) => {
        const t = outs[k];
        if (!name || !t) return;
        if (constant) {
          if (t._data === null) referenceBackend.realizeSync!([t]);
          isStatic.add(t);
        }
        values.set(name, t);
      });
    }
    const outputs = this.graph.outputs.map((name) => {
      const t = values.get(name);
      if (!t) throw new TesseraError(`loadOnnx: the graph output '${name}' is not computed by any node`);
      return t;
    });
    return outputs.length === 1 ? outputs[0]! : outputs;
  }

  override getConfig(): Config {
    return {
      name: this.name,
      graph: this.graph as unknown as ConfigValue,
      constants: this.constantJSON as unknown as ConfigValue,
      weights: this.weightSpecs as unknown as ConfigValue,
    };
  }

  static fromConfig(config: Config): OnnxModel {
    return new OnnxModel({
      name: config['name'] as string,
      graph: config['graph'] as unknown as OnnxGraph,
      constants: config['constants'] as unknown as Record<string, TensorJSON>,
      weights: config['weights'] as unknown as WeightSpec[],
    });
  }
}

registerSerializable('layer', 'OnnxModel', (c) => OnnxModel.fromConfig(c));
