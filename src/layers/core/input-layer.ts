import type { DType } from '../../core/dtype.js';
import { TesseraError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { Layer } from '../layer.js';
import { registerLayer } from '../registry.js';
import { LayerNode, SymbolicTensor, type SymbolicShape } from '../symbolic.js';

export interface InputArgs {
  /** Shape of one sample, without the batch dimension (null: any size). */
  shape?: SymbolicShape;
  batchSize?: number | null;
  batchInputShape?: SymbolicShape;
  dtype?: DType;
  name?: string;
}

/** The start of a functional model: holds the input's shape and dtype, computes nothing. */
export class InputLayer extends Layer {
  readonly className = 'InputLayer';
  readonly output: SymbolicTensor;

  constructor(args: InputArgs = {}) {
    const batchInputShape = args.batchInputShape ?? (args.shape ? [args.batchSize ?? null, ...args.shape] : null);
    if (!batchInputShape) throw new TesseraError(`input: a shape is required. Received: ${JSON.stringify(args)}`);
    for (const d of batchInputShape) {
      if (d !== null && (!Number.isInteger(d) || d < 0)) throw new TesseraError(`input: dimensions must be integers ≥ 0 or null. Received: shape=[${batchInputShape.join(',')}]`);
    }
    super({ name: args.name, dtype: args.dtype, batchInputShape });
    this.built = true;
    const node = new LayerNode(this, [], false, {});
    this.output = new SymbolicTensor(batchInputShape, this.dtype, node, 0, false);
    node.outputs = [this.output];
    this.inboundNodes.push(node);
  }

  call(inputs: Tensor | Tensor[]): Tensor | Tensor[] {
    return inputs;
  }

  override getConfig(): Config {
    return { name: this.name, dtype: this.dtype, batchInputShape: [...this.batchInputShape!] };
  }
}

registerLayer('InputLayer', InputLayer);

/** A symbolic input of a functional model: `tsr.input({shape: [28, 28, 1]})`. */
export function input(args: InputArgs): SymbolicTensor {
  return new InputLayer(args).output;
}
