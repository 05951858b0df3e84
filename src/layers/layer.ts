/**
 * The base of every layer and model (Keras semantics). A layer owns weights (Variables) created in
 * `build(inputShape)` on first use, computes `call(inputs, ctx)` with ops, and describes itself
 * with a JSON config. `apply` is the entry point: on tensors it computes now (lazily); on
 * `SymbolicTensor`s it records a node of a functional model and infers the output shapes.
 *
 * Masks travel beside tensors (as Keras's `_keras_mask`): a layer that makes one (Embedding with
 * maskZero, Masking) returns it from `computeMask`, and `apply` hands it to the next layer.
 */
import type { DType } from '../core/dtype.js';
import { withTracing } from '../core/engine.js';
import { OpError, TesseraError } from '../core/errors.js';
import { Tensor, Variable, type TensorLike } from '../core/tensor.js';
import { treeLeaves } from '../autograd/pytree.js';
import { getConstraint, type Constraint, type ConstraintIdentifier } from '../constraints/index.js';
import { getInitializer, type InitializerIdentifier } from '../initializers/index.js';
import { getRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers/index.js';
import { serialize, type Config, type ConfigValue, type Serializable } from '../io/serialization.js';
import { LayerNode, SymbolicTensor, isSymbolic, type SymbolicShape } from './symbolic.js';
import { cast } from '../ops/elementwise/cast.js';
import { div } from '../ops/elementwise/div.js';

export interface LayerArgs {
  name?: string;
  trainable?: boolean;
  dtype?: DType;
  /** Shape of one sample (no batch dimension); makes the layer the input of a Sequential model. */
  inputShape?: SymbolicShape;
  batchInputShape?: SymbolicShape;
  batchSize?: number;
  /** A penalty on the layer's output, added to the training loss (divided by the batch size). */
  activityRegularizer?: RegularizerIdentifier | null;
}

export type Mask = Tensor | null;

/** What `call` receives besides its inputs. */
export interface CallContext {
  /** Training mode: dropout active, batch norm using batch statistics. */
  training: boolean;
  /** The input's mask (one per input for a layer called on a list), or null. */
  mask: Mask | Mask[];
  /** Layer-specific call options (e.g. multiHeadAttention's attentionMask, useCausalMask). */
  kwargs: Readonly<Record<string, unknown>>;
}

export interface ApplyOptions {
  training?: boolean;
  mask?: Mask | Mask[];
  /** Layer-specific call options, passed to `call` as `ctx.kwargs` (kept on functional-model nodes). */
  kwargs?: Readonly<Record<string, unknown>>;
}

export interface AddWeightOptions {
  initializer?: InitializerIdentifier;
  trainable?: boolean;
  regularizer?: RegularizerIdentifier | null;
  constraint?: ConstraintIdentifier | null;
  dtype?: DType;
}

export type LayerOutput = Tensor | Tensor[];
export type ShapeArg = SymbolicShape | SymbolicShape[];

/** Masks of computed tensors, as Keras attaches `_keras_mask`. */
const masks = new WeakMap<Tensor, Tensor>();

export function getMask(t: Tensor): Mask {
  return masks.get(t) ?? null;
}

export function setMask(t: Tensor, mask: Mask): void {
  if (mask) masks.set(t, mask);
  else masks.delete(t);
}

/** The training flag of the enclosing call, so nested layers inherit it. */
let inheritedTraining: boolean | null = null;

/** Losses added during a call (activity regularizers), collected by the training step. */
let lossCollector: Tensor[] | null = null;

export function collectLosses<R>(fn: () => R): { result: R; losses: Tensor[] } {
  const previous = lossCollector;
  const losses: Tensor[] = [];
  lossCollector = losses;
  try {
    return { result: fn(), losses };
  } finally {
    lossCollector = previous;
  }
}

/** Adds a loss term from inside `call` (ignored outside a training step). */
export function addLoss(loss: Tensor): void {
  lossCollector?.push(loss);
}

const nameCounts = new Map<string, number>();

/** Keras-style unique names: dense, dense_1, dense_2, … */
export function uniqueLayerName(base: string): string {
  const n = nameCounts.get(base) ?? 0;
  nameCounts.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** Keras's rule for default names: Conv2D → conv2d, MaxPooling2D → max_pooling2d. */
export function snakeCase(className: string): string {
  return className
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

interface WeightInfo {
  regularizer: Regularizer | null;
  constraint: Constraint | null;
}

/** Sizes substituted for unknown dimensions when output shapes are inferred (see inferOutputs). */
const PROBE_SIZES = [31, 37] as const;

export abstract class Layer implements Serializable {
  abstract readonly className: string;
  readonly name: string;
  trainable: boolean;
  readonly dtype: DType;
  built = false;
  /** Shape of the input including the batch (null = any), when given at construction. */
  readonly batchInputShape: SymbolicShape | null;
  /** Whether the layer passes an input mask through unchanged (when it has no computeMask of its own). */
  supportsMasking = false;
  readonly activityRegularizer: Regularizer | null;
  /** Functional-graph nodes where this layer was applied to symbolic inputs. */
  readonly inboundNodes: LayerNode[] = [];
  private readonly ownWeights: Variable[] = [];
  private readonly weightInfo = new Map<Variable, WeightInfo>();

  constructor(args: LayerArgs = {}) {
    this.name = args.name ?? uniqueLayerName(snakeCase(new.target.name));
    this.trainable = args.trainable ?? true;
    this.dtype = args.dtype ?? 'float32';
    if (args.batchInputShape) this.batchInputShape = [...args.batchInputShape];
    else if (args.inputShape) this.batchInputShape = [args.batchSize ?? null, ...args.inputShape];
    else this.batchInputShape = null;
    this.activityRegularizer = args.activityRegularizer ? getRegularizer(args.activityRegularizer) : null;
  }

  // ---- to override -------------------------------------------------------------------------

  /** Creates the weights for inputs of this shape (batch dimension first, null when unknown). */
  build(_inputShape: ShapeArg): void {}

  /** The computation. `inputs` is one tensor, or a list for layers called on several. */
  abstract call(inputs: Tensor | Tensor[], ctx: CallContext): LayerOutput;

  /** The output mask; by default the input mask passes through layers that support masking. */
  computeMask(_inputs: Tensor | Tensor[], mask: Mask | Mask[]): Mask | Mask[] {
    if (!this.supportsMasking) return null;
    return mask;
  }

  /** The layer's own config keys (the base adds name, trainable, dtype, batchInputShape). */
  getConfig(): Config {
    const config: Config = { name: this.name, trainable: this.trainable, dtype: this.dtype };
    if (this.batchInputShape) config['batchInputShape'] = [...this.batchInputShape];
    if (this.activityRegularizer) config['activityRegularizer'] = serialize(this.activityRegularizer) as unknown as ConfigValue;
    return config;
  }

  // ---- weights ------------------------------------------------------------------------------

  /** Creates a weight (call from `build`). Its name is `<layer>/<name>`. */
  addWeight(name: string, shape: readonly number[], opts: AddWeightOptions = {}): Variable {
    if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new OpError(this.name, `weight '${name}' needs a fully known shape. Received: [${shape.join(',')}]`);
    }
    const dtype = opts.dtype ?? this.dtype;
    const init = getInitializer(opts.initializer ?? 'glorotUniform');
    const v = new Variable(init.call(shape, dtype), { name: `${this.name}/${name}`, trainable: opts.trainable ?? true });
    this.ownWeights.push(v);
    this.weightInfo.set(v, {
      regularizer: opts.regularizer ? getRegularizer(opts.regularizer) : null,
      constraint: opts.constraint ? getConstraint(opts.constraint) : null,
    });
    return v;
  }

  /** Layers this layer calls (found among its properties; models override). */
  get layers(): Layer[] {
    const found: Layer[] = [];
    for (const value of Object.values(this)) {
      if (value instanceof Layer && value !== this) found.push(value);
      else if (Array.isArray(value)) for (const v of value) if (v instanceof Layer && v !== this) found.push(v);
    }
    return found;
  }

  /** All weights: own trainable, own non-trainable, then each sub-layer's (Keras's order). */
  get weights(): Variable[] {
    const own = [...this.ownWeights.filter((w) => w.trainable), ...this.ownWeights.filter((w) => !w.trainable)];
    return unique([...own, ...this.layers.flatMap((l) => l.weights)]);
  }

  get trainableWeights(): Variable[] {
    if (!this.trainable) return [];
    return unique([...this.ownWeights.filter((w) => w.trainable), ...this.layers.flatMap((l) => l.trainableWeights)]);
  }

  get nonTrainableWeights(): Variable[] {
    const trainable = new Set(this.trainableWeights);
    return this.weights.filter((w) => !trainable.has(w));
  }

  /** Copies of the current weight values, in `weights` order. */
  getWeights(): Tensor[] {
    return this.weights.map((w) => {
      const v = w._resolve();
      if (v._data === null) w.value.dataSync();
      return new Tensor(v.shape, v.dtype, w._resolve()._data!.slice(), null);
    });
  }

  /** Sets every weight, in `weights` order, checking shapes. */
  setWeights(values: readonly TensorLike[]): void {
    const ws = this.weights;
    if (values.length !== ws.length) {
      throw new TesseraError(`${this.name}.setWeights: the layer has ${ws.length} weights (${ws.map((w) => `${w.name} [${w.shape.join(',')}]`).join(', ')}). Received: ${values.length} arrays`);
    }
    ws.forEach((w, i) => {
      const v = values[i]!;
      const t = v instanceof Tensor ? v : new Tensor([], 'float32', null, null);
      if (!(v instanceof Tensor) || t.shape.length !== w.shape.length || t.shape.some((d, k) => d !== w.shape[k])) {
        const got = v instanceof Tensor ? `[${v.shape.join(',')}]` : typeof v;
        throw new TesseraError(`${this.name}.setWeights: weight ${i} ('${w.name}') has shape [${w.shape.join(',')}]. Received: ${got}`);
      }
      w.assign(t.dtype === w.dtype ? t : cast(t, w.dtype));
    });
  }

  countParams(): number {
    return this.weights.reduce((n, w) => n + w.size, 0);
  }

  /** Regularizer penalties of this layer's and its sub-layers' weights (read in the current scope). */
  regularizationLosses(): Tensor[] {
    const own = this.ownWeights.flatMap((w) => {
      const r = this.weightInfo.get(w)?.regularizer;
      return r && (w.trainable && this.trainable) ? [r.call(w)] : [];
    });
    return [...own, ...this.layers.flatMap((l) => l.regularizationLosses())];
  }

  /** Constraints by weight, applied after each optimizer update. */
  weightConstraints(): Map<Variable, Constraint> {
    const out = new Map<Variable, Constraint>();
    for (const [w, info] of this.weightInfo) if (info.constraint) out.set(w, info.constraint);
    for (const l of this.layers) for (const [w, c] of l.weightConstraints()) out.set(w, c);
    return out;
  }

  // ---- calling ------------------------------------------------------------------------------

  /** Builds the layer once, for inputs of this shape. */
  maybeBuild(inputShape: ShapeArg): void {
    if (this.built) return;
    this.build(inputShape);
    this.built = true;
  }

  /** Calls the layer: on tensors, computes (lazily); on symbolic tensors, records a model node. */
  apply(inputs: SymbolicTensor, opts?: ApplyOptions): SymbolicTensor;
  apply(inputs: SymbolicTensor[], opts?: ApplyOptions): SymbolicTensor | SymbolicTensor[];
  apply(inputs: Tensor, opts?: ApplyOptions): Tensor;
  apply(inputs: Tensor[], opts?: ApplyOptions): LayerOutput;
  apply(inputs: Tensor | Tensor[], opts?: ApplyOptions): LayerOutput;
  apply(inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[], opts?: ApplyOptions): LayerOutput | SymbolicTensor | SymbolicTensor[];
  apply(inputs: Tensor | Tensor[] | SymbolicTensor | SymbolicTensor[], opts: ApplyOptions = {}): LayerOutput | SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length === 0) throw new TesseraError(`${this.name}: called with an empty list of inputs`);
    if (list.every(isSymbolic)) return this.applySymbolic(inputs as SymbolicTensor | SymbolicTensor[], opts.kwargs ?? {});
    if (list.some(isSymbolic)) throw new TesseraError(`${this.name}: inputs mix symbolic tensors (from tsr.input) and tensors`);
    return this.applyEager(inputs as Tensor | Tensor[], opts);
  }

  private applyEager(inputs: Tensor | Tensor[], opts: ApplyOptions): LayerOutput {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    for (const t of list) {
      if (!(t instanceof Tensor)) throw new TesseraError(`${this.name}: inputs must be tensors. Received: ${typeof t}`);
    }
    this.maybeBuild(Array.isArray(inputs) ? inputs.map((t) => t.shape) : inputs.shape);
    const mask = opts.mask !== undefined ? opts.mask : Array.isArray(inputs) ? inputs.map(getMask) : getMask(inputs);
    const training = opts.training ?? inheritedTraining ?? false;
    const outer = inheritedTraining;
    inheritedTraining = training;
    let out: LayerOutput;
    try {
      out = this.call(inputs, { training, mask, kwargs: opts.kwargs ?? {} });
    } finally {
      inheritedTraining = outer;
    }
    const outMask = this.computeMask(inputs, mask);
    if (Array.isArray(out)) out.forEach((t, i) => setMask(t, Array.isArray(outMask) ? outMask[i] ?? null : outMask));
    else setMask(out, Array.isArray(outMask) ? outMask[0] ?? null : outMask);
    if (this.activityRegularizer && lossCollector) {
      for (const t of Array.isArray(out) ? out : [out]) lossCollector.push(div(this.activityRegularizer.call(t), t.shape[0] ?? 1));
    }
    return out;
  }

  private applySymbolic(inputs: SymbolicTensor | SymbolicTensor[], kwargs: Readonly<Record<string, unknown>>): SymbolicTensor | SymbolicTensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    this.maybeBuild(Array.isArray(inputs) ? inputs.map((s) => s.shape) : inputs.shape);
    const inferred = inferOutputs(this, list, Array.isArray(inputs), kwargs);
    const node = new LayerNode(this, list, Array.isArray(inputs), kwargs);
    node.outputs = inferred.map((o, i) => new SymbolicTensor(o.shape, o.dtype, node, i, o.hasMask));
    this.inboundNodes.push(node);
    return inferred.asList ? node.outputs : node.outputs[0]!;
  }

  /** Output shape(s) for an input shape, inferred by building the graph on placeholders. */
  computeOutputShape(inputShape: ShapeArg): SymbolicShape | SymbolicShape[] {
    const shapes = isShapeList(inputShape) ? inputShape : [inputShape];
    this.maybeBuild(inputShape);
    const fake = new LayerNode(this, [], false, {});
    const probes = shapes.map((s, i) => new SymbolicTensor(s, this.dtype, fake, i, false));
    const inferred = inferOutputs(this, probes, isShapeList(inputShape), {});
    return inferred.asList ? inferred.map((o) => o.shape) : inferred[0]!.shape;
  }

  /** `{className, config}`, as saved in a model file. */
  toJSON(): { className: string; config: Config } {
    return serialize(this);
  }
}

export function isShapeList(s: ShapeArg): s is SymbolicShape[] {
  return s.length > 0 && Array.isArray(s[0]);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}


type Inferred = { shape: SymbolicShape; dtype: DType; hasMask: boolean }[] & { asList: boolean };

/**
 * Output shapes without computing anything: tensors are lazy, so calling the layer on placeholder
 * tensors (no values) only builds a graph whose shapes are known. Unknown (null) dimensions are
 * probed with two different sizes; an output dimension that changes between the probes is unknown.
 */
function inferOutputs(layer: Layer, inputs: readonly SymbolicTensor[], asList: boolean, kwargs: Readonly<Record<string, unknown>>): Inferred {
  const runs = PROBE_SIZES.map((size) =>
    withTracing(() => {
      const placeholders = inputs.map((s) => {
        const t = new Tensor(s.shape.map((d) => d ?? size), s.dtype, null, null);
        if (s.hasMask) setMask(t, new Tensor(s.shape.slice(0, 2).map((d) => d ?? size), 'bool', null, null));
        return t;
      });
      const out = layer.apply(asList ? placeholders : placeholders[0]!, { training: false, kwargs });
      return { list: Array.isArray(out), outs: treeLeaves(out) };
    }));
  const [a, b] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const result = a.outs.map((t, i) => {
    const other = b.outs[i]!;
    if (t.rank !== other.rank) {
      throw new OpError(layer.name, 'the output rank depends on an unknown input dimension; give the input a fixed shape');
    }
    return { shape: t.shape.map((d, k) => (d === other.shape[k] ? d : null)), dtype: t.dtype, hasMask: getMask(t) !== null };
  }) as unknown as Inferred;
  result.asList = a.list;
  return result;
}
