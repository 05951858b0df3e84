import { TesseraError } from '../../core/errors.js';
import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';

export type LambdaFn = (x: Tensor | Tensor[]) => Tensor | Tensor[];

/**
 * Functions a Lambda layer may name in a saved config. Keras saves Python bytecode; a model file
 * here never carries code (loading must not execute anything from the file), so a Lambda is saved
 * by the name it was registered under and rebuilt only if that name is registered again.
 */
const lambdas = new Map<string, LambdaFn>();

export function registerLambda(name: string, fn: LambdaFn): void {
  lambdas.set(name, fn);
}

export class Lambda extends Layer {
  readonly className = 'Lambda';
  readonly fn: LambdaFn;
  readonly functionName: string | null;
  constructor(args: LayerArgs & { fn?: LambdaFn; function?: string }) {
    super(args);
    if (args.fn) {
      this.fn = args.fn;
      this.functionName = [...lambdas].find(([, f]) => f === args.fn)?.[0] ?? args.function ?? null;
    } else if (args.function) {
      const fn = lambdas.get(args.function);
      if (!fn) throw new TesseraError(`lambda: no function registered as '${args.function}'; call registerLambda('${args.function}', fn) before loading (code is never read from model files)`);
      this.fn = fn;
      this.functionName = args.function;
    } else {
      throw new TesseraError('lambda: give fn (a function of tensors). Received: neither fn nor a registered function name');
    }
  }
  call(inputs: Tensor | Tensor[]): Tensor | Tensor[] {
    return this.fn(inputs);
  }
  override getConfig(): Config {
    if (!this.functionName || lambdas.get(this.functionName) !== this.fn) {
      throw new TesseraError(`${this.name}: a Lambda layer's function cannot be saved; register it with registerLambda(name, fn) and create the layer with that function`);
    }
    return { ...super.getConfig(), function: this.functionName };
  }
}

registerLayer('Lambda', Lambda);
