/** Core layers as factories (`tsr.layers.dense({units: 10})`) and classes. */
import { Activation, type ActivationArgs } from './activation.js';
import { Dense, type DenseArgs } from './dense.js';
import { Flatten, type FlattenArgs } from './flatten.js';
import { Identity } from './identity.js';
import { Lambda, type LambdaArgs } from './lambda.js';
import { Masking, type MaskingArgs } from './masking.js';
import { Permute, type PermuteArgs } from './permute.js';
import { RepeatVector, type RepeatVectorArgs } from './repeat-vector.js';
import { Reshape, type ReshapeArgs } from './reshape.js';
import type { LayerArgs } from '../layer.js';

export {
  Activation, Dense, Flatten, Identity, Lambda, Masking, Permute, RepeatVector, Reshape,
  type ActivationArgs, type DenseArgs, type FlattenArgs, type LambdaArgs, type MaskingArgs, type PermuteArgs,
  type RepeatVectorArgs, type ReshapeArgs,
};
export { registerLambda, type LambdaFn, type LambdaCallOptions } from './lambda.js';
export { InputLayer, input, type InputArgs } from './input-layer.js';

export const dense = (args: DenseArgs): Dense => new Dense(args);
export const activation = (args: ActivationArgs): Activation => new Activation(args);
export const flatten = (args: FlattenArgs = {}): Flatten => new Flatten(args);
export const reshape = (args: ReshapeArgs): Reshape => new Reshape(args);
export const permute = (args: PermuteArgs): Permute => new Permute(args);
export const repeatVector = (args: RepeatVectorArgs): RepeatVector => new RepeatVector(args);
export const masking = (args: MaskingArgs = {}): Masking => new Masking(args);
export const lambda = (args: LambdaArgs): Lambda => new Lambda(args);
export const identity = (args: LayerArgs = {}): Identity => new Identity(args);
