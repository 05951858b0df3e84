import { OpError } from '../../core/errors.js';
import type { Tensor, Variable } from '../../core/tensor.js';
import { getConstraint, type Constraint, type ConstraintIdentifier } from '../../constraints/index.js';
import type { Initializer, InitializerIdentifier } from '../../initializers/index.js';
import { getRegularizer, type Regularizer, type RegularizerIdentifier } from '../../regularizers/index.js';
import { serializeOrNull as opt, type Config } from '../../io/serialization.js';
import { cast } from '../../ops/elementwise/cast.js';
import { notEqual } from '../../ops/elementwise/not-equal.js';
import { gather } from '../../ops/indexing/gather.js';
import { Layer, type CallContext, type LayerArgs, type Mask } from '../layer.js';
import { registerLayer } from '../registry.js';
import { singleInput } from '../normalization/norm-common.js';
import { embeddingInitializer } from './embedding-common.js';

export interface EmbeddingArgs extends LayerArgs {
  /** Vocabulary size: inputs are integers in [0, inputDim). */
  inputDim: number;
  /** Size of each embedding vector. */
  outputDim: number;
  /** Default 'uniform' (Keras: RandomUniform in ±0.05). */
  embeddingsInitializer?: InitializerIdentifier;
  embeddingsRegularizer?: RegularizerIdentifier | null;
  embeddingsConstraint?: ConstraintIdentifier | null;
  /** Index 0 is padding: the layer outputs the mask `inputs != 0` for the following layers. */
  maskZero?: boolean;
  /** Length of the input sequences (tfjs/Keras 2): sets the input shape to [inputLength]. */
  inputLength?: number | number[] | null;
}

/**
 * Keras Embedding: looks up row `i` of the `embeddings` matrix [inputDim, outputDim] for each
 * integer `i` of the input; [batch, ...] → [batch, ..., outputDim]. Float inputs are truncated
 * to int32 as Keras casts them.
 */
export class Embedding extends Layer {
  readonly className = 'Embedding';
  readonly inputDim: number;
  readonly outputDim: number;
  readonly embeddingsInitializer: Initializer;
  readonly embeddingsRegularizer: Regularizer | null;
  readonly embeddingsConstraint: Constraint | null;
  readonly maskZero: boolean;
  readonly inputLength: number | number[] | null;
  embeddings: Variable | null = null;

  constructor(args: EmbeddingArgs) {
    const inputLength = args.inputLength ?? null;
    const lengths = inputLength === null ? null : Array.isArray(inputLength) ? inputLength : [inputLength];
    super(lengths && !args.inputShape && !args.batchInputShape ? { ...args, inputShape: lengths } : args);
    for (const key of ['inputDim', 'outputDim'] as const) {
      const v = args[key];
      if (!Number.isInteger(v) || v < 1) throw new OpError('embedding', `${key} must be an integer ≥ 1. Received: ${key}=${String(v)}`);
    }
    if (lengths && !lengths.every((d) => Number.isInteger(d) && d >= 1)) {
      throw new OpError('embedding', `inputLength must be an integer ≥ 1 (or a list of them). Received: inputLength=${JSON.stringify(inputLength)}`);
    }
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.embeddingsInitializer = embeddingInitializer(args.embeddingsInitializer ?? 'uniform');
    this.embeddingsRegularizer = args.embeddingsRegularizer ? getRegularizer(args.embeddingsRegularizer) : null;
    this.embeddingsConstraint = args.embeddingsConstraint ? getConstraint(args.embeddingsConstraint) : null;
    this.maskZero = args.maskZero ?? false;
    this.inputLength = inputLength;
  }

  override build(): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], {
      initializer: this.embeddingsInitializer, regularizer: this.embeddingsRegularizer, constraint: this.embeddingsConstraint,
    });
  }

  call(inputs: Tensor | Tensor[], _ctx: CallContext): Tensor {
    const x = singleInput(this.name, inputs);
    const ids = x.dtype === 'int32' || x.dtype === 'int64' ? x : cast(x, 'int32');
    return gather(this.embeddings!, ids, 0);
  }

  override computeMask(inputs: Tensor | Tensor[]): Mask {
    return this.maskZero ? notEqual(singleInput(this.name, inputs), 0) : null;
  }

  override getConfig(): Config {
    return {
      ...super.getConfig(),
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: opt(this.embeddingsInitializer),
      embeddingsRegularizer: opt(this.embeddingsRegularizer),
      embeddingsConstraint: opt(this.embeddingsConstraint),
      maskZero: this.maskZero,
      inputLength: this.inputLength,
    };
  }
}

registerLayer('Embedding', Embedding);
