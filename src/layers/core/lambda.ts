import { OpError, TesseraError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config, ConfigValue } from '../../io/serialization.js';
import { Layer, type CallContext, type LayerArgs, type Mask } from '../layer.js';
import { registerLayer } from '../registry.js';
import { shown } from './layer-args.js';

/** What a Lambda's function receives besides its inputs. */
export interface LambdaCallOptions {
  training: boolean;
  mask: Mask | Mask[];
  /** The layer's `arguments` (extra JSON settings saved with the layer). */
  arguments: Readonly<Config>;
}

export type LambdaFn = (inputs: Tensor | Tensor[], options: LambdaCallOptions) => Tensor | Tensor[];

/** A sample shape (no batch dimension; null = any size). */
type SampleShape = (number | null)[];

export interface LambdaArgs extends LayerArgs {
  /** The function; to save the layer, register it first with `registerLambda(name, fn)`. */
  fn?: LambdaFn;
  /** The registered name of the function (what a saved config holds). */
  function?: string;
  /** Expected output shape(s) without the batch dimension; checked on every call. */
  outputShape?: SampleShape | SampleShape[] | null;
  /** Extra JSON settings passed to the function. */
  arguments?: Config;
}

/**
 * Functions a Lambda layer may name in a saved config. Keras saves Python bytecode; a model file
 * here never carries code (loading must not run anything from the file), so a Lambda is saved by
 * the name its function was registered under, and loads only where that name is registered.
 */
const lambdas = new Map<string, LambdaFn>();

export function registerLambda(name: string, fn: LambdaFn): void {
  if (typeof name !== 'string' || name === '') throw new TesseraError(`registerLambda: name must be a non-empty string. Received: ${shown(name)}`);
  if (typeof fn !== 'function') throw new TesseraError(`registerLambda: fn must be a function. Received: ${typeof fn}`);
  lambdas.set(name, fn);
}

const isShapeList = (s: SampleShape | SampleShape[]): s is SampleShape[] => s.length > 0 && Array.isArray(s[0]);
const fmt = (s: readonly (number | null)[]): string => `[${s.map((d) => d ?? 'None').join(',')}]`;

/** Wraps a function of tensors as a layer (no weights). */
export class Lambda extends Layer {
  readonly className = 'Lambda';
  readonly fn: LambdaFn;
  /** The registered name of `fn`, or null when it was never registered (then the layer cannot be saved). */
  readonly functionName: string | null;
  readonly outputShape: SampleShape | SampleShape[] | null;
  readonly arguments: Config;

  constructor(args: LambdaArgs) {
    super(args);
    if (args.fn !== undefined) {
      if (typeof args.fn !== 'function') throw new TesseraError(`lambda: fn must be a function of tensors. Received: ${typeof args.fn}`);
      this.fn = args.fn;
      const registered = args.function !== undefined && lambdas.get(args.function) === args.fn ? args.function : undefined;
      this.functionName = registered ?? [...lambdas].find(([, f]) => f === args.fn)?.[0] ?? null;
    } else if (args.function !== undefined) {
      const fn = lambdas.get(args.function);
      if (!fn) {
        throw new TesseraError(`lambda: no function is registered as '${args.function}'; call registerLambda('${args.function}', fn) before loading (code is never read from model files). Received: function='${args.function}'`);
      }
      this.fn = fn;
      this.functionName = args.function;
    } else {
      throw new TesseraError('lambda: give fn (a function of tensors) or the name of a registered function. Received: neither fn nor function');
    }
    const shape = args.outputShape ?? null;
    const shapes = shape === null ? [] : isShapeList(shape) ? shape : [shape];
    if (shape !== null && (!Array.isArray(shape) || shapes.some((s) => !Array.isArray(s) || s.some((d) => d !== null && !(Number.isInteger(d) && d >= 0))))) {
      throw new TesseraError(`lambda: outputShape must be a sample shape (integers ≥ 0 or null, no batch) or a list of them. Received: outputShape=${shown(shape)}`);
    }
    this.outputShape = shape;
    this.arguments = { ...(args.arguments ?? {}) };
  }

  call(inputs: Tensor | Tensor[], ctx: CallContext): Tensor | Tensor[] {
    const out = this.fn(inputs, { training: ctx.training, mask: ctx.mask, arguments: this.arguments });
    if (this.outputShape !== null) this.checkOutputShape(out);
    return out;
  }

  private checkOutputShape(out: Tensor | Tensor[]): void {
    const outs = Array.isArray(out) ? out : [out];
    const expected = isShapeList(this.outputShape!) ? this.outputShape : [this.outputShape as SampleShape];
    const ok = outs.length === expected.length && outs.every((t, i) => {
      const e = expected[i]!;
      return t.rank === e.length + 1 && e.every((d, k) => d === null || d === t.shape[k + 1]);
    });
    if (!ok) {
      throw new OpError(this.name, `the function's output does not have outputShape ${expected.map(fmt).join(', ')} (batch excluded). Received: output shape ${outs.map((t) => fmt(t.shape)).join(', ')}`);
    }
  }

  override getConfig(): Config {
    if (!this.functionName || lambdas.get(this.functionName) !== this.fn) {
      throw new TesseraError(`${this.name}: a Lambda layer's function cannot be saved as code; register it with registerLambda(name, fn) and build the layer with that function. Received: an unregistered function`);
    }
    const config: Config = { ...super.getConfig(), function: this.functionName };
    if (this.outputShape !== null) config['outputShape'] = this.outputShape as ConfigValue;
    config['arguments'] = { ...this.arguments };
    return config;
  }
}

registerLayer('Lambda', Lambda);
