/**
 * The functional API's graph: a `SymbolicTensor` stands for a tensor a model will compute (its
 * shape may have unknown, null, dimensions: the batch at least), and a `LayerNode` records one
 * application of a layer to symbolic inputs. `model({inputs, outputs})` walks these nodes.
 */
import type { DType } from '../core/dtype.js';
import type { Layer } from './layer.js';

export type SymbolicShape = readonly (number | null)[];

let nextSymbolicId = 0;

export class SymbolicTensor {
  readonly id = nextSymbolicId++;
  constructor(
    readonly shape: SymbolicShape,
    readonly dtype: DType,
    /** The node that produces it, and which of the node's outputs it is. */
    readonly node: LayerNode,
    readonly outputIndex: number,
    /** Whether a mask travels with it (after Embedding with maskZero, Masking, …). */
    readonly hasMask: boolean,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  get sourceLayer(): Layer {
    return this.node.layer;
  }

  toString(): string {
    return `SymbolicTensor(shape=[${this.shape.map((d) => d ?? 'None').join(', ')}], dtype=${this.dtype}, from ${this.node.layer.name})`;
  }
}

/** One call of `layer` on symbolic inputs (a shared layer has several nodes). */
export class LayerNode {
  outputs: SymbolicTensor[] = [];
  constructor(
    readonly layer: Layer,
    readonly inputs: readonly SymbolicTensor[],
    /** Whether the layer was called with a list (so it is called with a list again). */
    readonly inputsAsList: boolean,
    /** Layer-specific call options given at this call (not tensors). */
    readonly kwargs: Readonly<Record<string, unknown>>,
  ) {}

  get index(): number {
    return this.layer.inboundNodes.indexOf(this);
  }
}

export function isSymbolic(x: unknown): x is SymbolicTensor {
  return x instanceof SymbolicTensor;
}

export function formatShape(shape: SymbolicShape): string {
  return `(${shape.map((d) => d ?? 'None').join(', ')}${shape.length === 1 ? ',' : ''})`;
}
