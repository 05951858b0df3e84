/** What an ONNX operator's importer gets: its inputs as tensors and a context to read attributes and constant inputs. */
import { TesseraError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { AttrJSON, OnnxNode, TensorJSON } from './proto.js';

export class OpContext {
  constructor(
    readonly node: OnnxNode,
    readonly inputs: readonly (Tensor | null)[],
    readonly training: boolean,
    readonly opset: number,
    private readonly isStatic: (t: Tensor) => boolean,
  ) {}

  error(message: string): TesseraError {
    return new TesseraError(`loadOnnx: ${this.node.op} node '${this.node.name}': ${message}`);
  }

  /** Input `i` (required). */
  x(i: number): Tensor {
    const t = this.inputs[i];
    if (!t) throw this.error(`input ${i} is missing`);
    return t;
  }

  has(i: number): boolean {
    return !!this.inputs[i];
  }

  int(name: string, fallback: number): number {
    const v = this.node.attrs[name];
    return typeof v === 'number' ? v : fallback;
  }

  float(name: string, fallback: number): number {
    return this.int(name, fallback);
  }

  ints(name: string, fallback: number[] | null = null): number[] | null {
    const v = this.node.attrs[name];
    return Array.isArray(v) ? (v as number[]) : fallback;
  }

  string(name: string, fallback: string): string {
    const v = this.node.attrs[name];
    return typeof v === 'string' ? v : fallback;
  }

  tensorAttr(name: string): TensorJSON | null {
    const v: AttrJSON | undefined = this.node.attrs[name];
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  }

  /**
   * The values of input `i`, which must be computable when the model is built (shapes, axes,
   * constants): Tessera's shapes are concrete, so shape arithmetic is folded, but a value that
   * depends on the model's inputs' contents cannot steer a shape.
   */
  constant(i: number): number[] {
    const t = this.x(i);
    if (!this.isStatic(t) || t._data === null) {
      throw this.error(`input ${i} ('${this.node.inputs[i]}') must be a constant or computed from shapes and constants; it depends on the model's input values`);
    }
    return Array.from(t._data);
  }

  /** `constant(i)` when the input is there, else `fallback`. */
  optionalConstant(i: number, fallback: number[] | null): number[] | null {
    return this.has(i) ? this.constant(i) : fallback;
  }

  /** Refuses an attribute value the importer does not implement. */
  unsupported(name: string, value: unknown, supported: string): never {
    throw this.error(`${name}=${JSON.stringify(value)} is not supported (${supported}). Received: ${name}=${JSON.stringify(value)}`);
  }
}

export type OpImporter = (ctx: OpContext) => Tensor | (Tensor | null)[];

/** An axis given as ONNX allows (negative from the end) as a non-negative one. */
export function normAxis(ctx: OpContext, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) throw ctx.error(`axis ${axis} is out of range for rank ${rank}. Received: axis=${axis}`);
  return a;
}
