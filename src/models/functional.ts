/**
 * Functional models: `model({inputs, outputs})` over a graph of layer calls on symbolic tensors
 * (Keras's Functional). Calling the model replays the graph's nodes in topological order.
 */
import type { DType } from '../core/dtype.js';
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { deserialize, registerSerializable, type Config, type ConfigValue } from '../io/serialization.js';
import { InputLayer } from '../layers/core/input-layer.js';
import type { CallContext, Layer, LayerOutput } from '../layers/layer.js';
import { LayerNode, SymbolicTensor, isSymbolic } from '../layers/symbolic.js';
import { Model, type ModelArgs } from './model.js';

export interface FunctionalArgs extends ModelArgs {
  inputs: SymbolicTensor | SymbolicTensor[] | Record<string, SymbolicTensor>;
  outputs: SymbolicTensor | SymbolicTensor[] | Record<string, SymbolicTensor>;
}

type NodeRef = [layerName: string, nodeIndex: number, tensorIndex: number];

export class Functional extends Model {
  override readonly className: string = 'Functional';
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  /** Names: the record keys when inputs/outputs were given as records, else the layers' names. */
  private readonly givenInputNames: string[];
  private readonly givenOutputNames: string[];
  private readonly singleInput: boolean;
  private readonly singleOutput: boolean;
  /** The graph's nodes, each after the nodes computing its inputs. */
  private readonly nodes: LayerNode[];
  private readonly graphLayers: Layer[];

  constructor(args: FunctionalArgs) {
    super(args);
    const inputs = listOf(args.inputs, 'inputs');
    const outputs = listOf(args.outputs, 'outputs');
    for (const t of inputs) {
      if (!(t.node.layer instanceof InputLayer)) {
        throw new TesseraError(`model: inputs must come from tsr.input(). Received: ${t.toString()}`);
      }
    }
    this.inputs = inputs;
    this.outputs = outputs;
    this.singleInput = isSymbolic(args.inputs);
    this.singleOutput = isSymbolic(args.outputs);
    this.givenInputNames = isRecord(args.inputs) ? Object.keys(args.inputs) : inputs.map((t) => t.sourceLayer.name);
    this.givenOutputNames = isRecord(args.outputs) ? Object.keys(args.outputs) : outputs.map((t) => t.sourceLayer.name);
    this.nodes = topologicalNodes(inputs, outputs);
    this.graphLayers = [...new Set([...inputs.map((t) => t.sourceLayer), ...this.nodes.map((n) => n.layer)])];
    this.built = true;
  }

  override get layers(): Layer[] {
    return this.graphLayers;
  }

  override get inputNames(): string[] {
    return this.givenInputNames;
  }

  override get outputNames(): string[] {
    return this.givenOutputNames;
  }

  override get inputShapes(): (readonly (number | null)[])[] {
    return this.inputs.map((t) => t.shape);
  }

  override get inputDtypes(): DType[] {
    return this.inputs.map((t) => t.dtype);
  }

  override get outputShapes(): (readonly (number | null)[])[] {
    return this.outputs.map((t) => t.shape);
  }

  override get isMultiOutput(): boolean {
    return !this.singleOutput;
  }

  override get isMultiInput(): boolean {
    return !this.singleInput;
  }

  override call(inputs: Tensor | Tensor[], ctx: CallContext): LayerOutput {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length !== this.inputs.length) {
      throw new TesseraError(`${this.name}: the model has ${this.inputs.length} inputs. Received: ${list.length} tensors`);
    }
    const values = new Map<SymbolicTensor, Tensor>();
    this.inputs.forEach((s, i) => {
      const t = list[i]!;
      checkInputShape(this.name, this.inputNames[i]!, s, t);
      values.set(s, t);
    });
    for (const node of this.nodes) {
      const args = node.inputs.map((s) => values.get(s)!);
      const out = node.layer.apply((node.inputsAsList ? args : args[0]!) as Tensor | Tensor[], { training: ctx.training, kwargs: node.kwargs });
      const outs = Array.isArray(out) ? out : [out];
      node.outputs.forEach((s, i) => values.set(s, outs[i]!));
    }
    const results = this.outputs.map((s) => values.get(s)!);
    return this.singleOutput ? results[0]! : results;
  }

  /** Nodes of this model only, numbered per layer (a shared layer may have nodes in other models). */
  private nodeIndexIn(node: LayerNode): number {
    return node.layer.inboundNodes.filter((n) => this.nodes.includes(n)).indexOf(node);
  }

  private ref(t: SymbolicTensor): NodeRef {
    return [t.sourceLayer.name, t.sourceLayer instanceof InputLayer ? 0 : this.nodeIndexIn(t.node), t.outputIndex];
  }

  override getConfig(): Config {
    const layers = this.graphLayers.map((layer) => {
      const nodes = this.nodes.filter((n) => n.layer === layer);
      return {
        className: layer.className,
        name: layer.name,
        config: layer.getConfig(),
        inboundNodes: nodes.map((n) => ({
          args: n.inputs.map((s) => this.ref(s)),
          asList: n.inputsAsList,
          kwargs: n.kwargs as Config,
        })),
      } as unknown as ConfigValue;
    });
    const named = (names: string[], refs: NodeRef[], asRecord: boolean, single: boolean): ConfigValue =>
      single ? (refs[0] as ConfigValue) : asRecord ? Object.fromEntries(names.map((n, i) => [n, refs[i] as ConfigValue])) : (refs as ConfigValue);
    return {
      name: this.name,
      trainable: this.trainable,
      layers,
      inputLayers: named(this.inputNames, this.inputs.map((t) => this.ref(t)), this.inputNamesGiven, this.singleInput),
      outputLayers: named(this.outputNames, this.outputs.map((t) => this.ref(t)), this.outputNamesGiven, this.singleOutput),
    };
  }

  private get inputNamesGiven(): boolean {
    return this.inputNames.some((n, i) => n !== this.inputs[i]!.sourceLayer.name);
  }

  private get outputNamesGiven(): boolean {
    return this.outputNames.some((n, i) => n !== this.outputs[i]!.sourceLayer.name);
  }

  /** Rebuilds the graph: layers from their configs, then each recorded call, in dependency order. */
  static fromConfig(config: Config): Functional {
    const layerConfigs = (config['layers'] ?? []) as unknown as { className: string; name: string; config: Config; inboundNodes: { args: NodeRef[]; asList: boolean; kwargs: Config }[] }[];
    if (!Array.isArray(layerConfigs)) throw new TesseraError(`model config: 'layers' must be a list. Received: ${typeof layerConfigs}`);
    const layers = new Map<string, Layer>();
    const produced = new Map<string, SymbolicTensor[][]>();
    for (const lc of layerConfigs) {
      const layer = deserialize<Layer>('layer', { className: lc.className, config: lc.config });
      layers.set(lc.name, layer);
      produced.set(lc.name, layer instanceof InputLayer ? [[layer.output]] : []);
    }
    const pending = layerConfigs.flatMap((lc) => (lc.inboundNodes ?? []).map((n, i) => ({ name: lc.name, index: i, node: n })));
    const lookup = ([name, node, tensor]: NodeRef): SymbolicTensor | undefined => produced.get(name)?.[node]?.[tensor];
    while (pending.length) {
      const before = pending.length;
      for (let k = 0; k < pending.length; k++) {
        const p = pending[k]!;
        if (produced.get(p.name)!.length !== p.index) continue; // a layer's calls are replayed in order
        const args = p.node.args.map(lookup);
        if (args.some((a) => a === undefined)) continue;
        const out = layers.get(p.name)!.apply((p.node.asList ? args : args[0]) as SymbolicTensor, { kwargs: p.node.kwargs });
        produced.get(p.name)!.push(Array.isArray(out) ? out : [out]);
        pending.splice(k--, 1);
      }
      if (pending.length === before) throw new TesseraError(`model config: the layer graph cannot be rebuilt (a call's inputs never appear): ${pending.map((p) => p.name).join(', ')}`);
    }
    const resolve = (v: ConfigValue | undefined, what: string): SymbolicTensor | SymbolicTensor[] | Record<string, SymbolicTensor> => {
      const get = (r: ConfigValue): SymbolicTensor => {
        const t = Array.isArray(r) ? lookup(r as unknown as NodeRef) : undefined;
        if (!t) throw new TesseraError(`model config: ${what} refers to an unknown tensor. Received: ${JSON.stringify(r)}`);
        return t;
      };
      if (Array.isArray(v) && typeof v[0] === 'string') return get(v);
      if (Array.isArray(v)) return v.map(get);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, r]) => [k, get(r)]));
      throw new TesseraError(`model config: ${what} is missing`);
    };
    return new Functional({
      name: config['name'] as string | undefined,
      trainable: config['trainable'] as boolean | undefined,
      inputs: resolve(config['inputLayers'], 'inputLayers'),
      outputs: resolve(config['outputLayers'], 'outputLayers'),
    });
  }
}

function isRecord(x: unknown): x is Record<string, SymbolicTensor> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !isSymbolic(x);
}

function listOf(x: FunctionalArgs['inputs'], what: string): SymbolicTensor[] {
  const list = isSymbolic(x) ? [x] : Array.isArray(x) ? x : isRecord(x) ? Object.values(x) : [];
  if (list.length === 0 || !list.every(isSymbolic)) {
    throw new TesseraError(`model: ${what} must be symbolic tensors (from tsr.input() and layer.apply). Received: ${String(x)}`);
  }
  return list;
}

function checkInputShape(model: string, name: string, s: SymbolicTensor, t: Tensor): void {
  const ok = t.rank === s.rank && s.shape.every((d, i) => d === null || d === t.shape[i]);
  if (!ok) {
    throw new TesseraError(`${model}: input '${name}' expects shape [${s.shape.map((d) => d ?? 'None').join(',')}]. Received: [${t.shape.join(',')}]`);
  }
}

/** Nodes between inputs and outputs, ordered so each comes after those it depends on. */
function topologicalNodes(inputs: readonly SymbolicTensor[], outputs: readonly SymbolicTensor[]): LayerNode[] {
  const inputSet = new Set(inputs);
  const order: LayerNode[] = [];
  const state = new Map<LayerNode, 'visiting' | 'done'>();
  const visit = (t: SymbolicTensor): void => {
    if (inputSet.has(t)) return;
    const node = t.node;
    if (node.layer instanceof InputLayer) {
      throw new TesseraError(`model: output depends on input '${node.layer.name}', which is not among the model's inputs`);
    }
    const s = state.get(node);
    if (s === 'done') return;
    if (s === 'visiting') throw new TesseraError('model: the layer graph has a cycle');
    state.set(node, 'visiting');
    node.inputs.forEach(visit);
    state.set(node, 'done');
    order.push(node);
  };
  outputs.forEach(visit);
  return order;
}

registerSerializable('layer', 'Functional', (c) => Functional.fromConfig(c));
registerSerializable('layer', 'Model', (c) => Functional.fromConfig(c));
