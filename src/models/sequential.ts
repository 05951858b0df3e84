/**
 * `sequential([...layers])`: a plain stack. With an input shape (the first layer's `inputShape`,
 * or `tsr.input` given as `inputShape`) it is built at once and knows every output shape;
 * otherwise it builds on its first call, from the data.
 */
import type { DType } from '../core/dtype.js';
import { TesseraError } from '../core/errors.js';
import type { Tensor } from '../core/tensor.js';
import { deserialize, serialize, registerSerializable, type Config, type ConfigValue } from '../io/serialization.js';
import { InputLayer } from '../layers/core/input-layer.js';
import { Layer, type CallContext, type LayerOutput, type ShapeArg } from '../layers/layer.js';
import type { SymbolicShape, SymbolicTensor } from '../layers/symbolic.js';
import { Model, type ModelArgs } from './model.js';

export interface SequentialArgs extends ModelArgs {
  layers?: Layer[];
}

export class Sequential extends Model {
  override readonly className: string = 'Sequential';
  private readonly stack: Layer[] = [];
  /** Symbolic outputs of each layer once the input shape is known (for summary and shapes). */
  private symbolic: SymbolicTensor[] = [];
  private inputTensor: SymbolicTensor | null = null;

  constructor(args: SequentialArgs | Layer[] = {}) {
    super(Array.isArray(args) ? {} : args);
    const layers = Array.isArray(args) ? args : args.layers ?? [];
    for (const l of layers) this.add(l);
  }

  /** Appends a layer (builds it now when the input shape is known). */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) throw new TesseraError(`${this.name}.add: expected a layer. Received: ${String(layer)}`);
    if (layer instanceof InputLayer) {
      if (this.stack.length || this.inputTensor) throw new TesseraError(`${this.name}.add: an input layer must come first`);
      this.inputTensor = layer.output;
      return;
    }
    if (!this.inputTensor && this.stack.length === 0 && layer.batchInputShape) {
      this.inputTensor = new InputLayer({ batchInputShape: layer.batchInputShape, dtype: layer.dtype, name: `${this.name}_input` }).output;
    }
    this.stack.push(layer);
    if (this.inputTensor) {
      const prev = this.symbolic.length ? this.symbolic[this.symbolic.length - 1]! : this.inputTensor;
      const out = layer.apply(prev);
      if (Array.isArray(out)) throw new TesseraError(`${this.name}: layer '${layer.name}' returns several tensors; a Sequential model needs one per layer (use the functional API)`);
      this.symbolic.push(out);
      this.built = true;
    }
  }

  /** Removes the last layer. */
  pop(): void {
    if (!this.stack.length) throw new TesseraError(`${this.name}.pop: the model has no layers`);
    this.stack.pop();
    this.symbolic.pop();
  }

  override get layers(): Layer[] {
    return [...this.stack];
  }

  override build(inputShape: ShapeArg): void {
    if (this.inputTensor || !this.stack.length) return;
    const shape = inputShape as SymbolicShape;
    this.inputTensor = new InputLayer({ batchInputShape: [null, ...shape.slice(1)], name: `${this.name}_input` }).output;
    let prev = this.inputTensor;
    for (const layer of this.stack) {
      const out = layer.apply(prev);
      if (Array.isArray(out)) throw new TesseraError(`${this.name}: layer '${layer.name}' returns several tensors; a Sequential model needs one per layer (use the functional API)`);
      this.symbolic.push(out);
      prev = out;
    }
  }

  override call(inputs: Tensor | Tensor[], ctx: CallContext): LayerOutput {
    if (!this.stack.length) throw new TesseraError(`${this.name}: the model has no layers`);
    let x: LayerOutput = inputs;
    for (const layer of this.stack) x = layer.apply(x, { training: ctx.training });
    return x;
  }

  override get inputShapes(): (readonly (number | null)[])[] {
    return this.inputTensor ? [this.inputTensor.shape] : [];
  }

  override get inputDtypes(): DType[] {
    return this.inputTensor ? [this.inputTensor.dtype] : super.inputDtypes;
  }

  override get outputShapes(): (readonly (number | null)[])[] {
    return this.symbolic.length ? [this.symbolic[this.symbolic.length - 1]!.shape] : [];
  }

  /** @internal Output shape of each layer (null before the input shape is known). */
  layerOutputShapes(): (SymbolicShape | null)[] {
    return this.stack.map((_, i) => this.symbolic[i]?.shape ?? null);
  }

  override getConfig(): Config {
    const layers = this.stack.map((l, i) => {
      const s = serialize(l);
      if (i === 0 && this.inputTensor && !s.config['batchInputShape']) s.config['batchInputShape'] = [...this.inputTensor.shape];
      return s as unknown as ConfigValue;
    });
    return { name: this.name, trainable: this.trainable, layers };
  }

  static fromConfig(config: Config): Sequential {
    const layers = config['layers'];
    if (!Array.isArray(layers)) throw new TesseraError(`Sequential config: 'layers' must be a list. Received: ${typeof layers}`);
    return new Sequential({
      name: config['name'] as string | undefined,
      trainable: config['trainable'] as boolean | undefined,
      layers: layers.map((l) => deserialize<Layer>('layer', l)),
    });
  }
}

registerSerializable('layer', 'Sequential', (c) => Sequential.fromConfig(c));
