/** Core layers as factories (`tsr.layers.dense({units: 10})`) and classes. */
import { Activation, Identity } from './activation.js';
import { Dense, type DenseArgs } from './dense.js';
import { Flatten } from './flatten.js';
import { Lambda, registerLambda, type LambdaFn } from './lambda.js';
import { Masking } from './masking.js';
import { Permute, RepeatVector, Reshape } from './reshape.js';
import type { ActivationIdentifier } from '../../activations/index.js';
import type { LayerArgs } from '../layer.js';

export { Activation, Dense, Flatten, Identity, Lambda, Masking, Permute, RepeatVector, Reshape, registerLambda, type DenseArgs, type LambdaFn };
export { InputLayer, input, type InputArgs } from './input-layer.js';

export const dense = (args: DenseArgs): Dense => new Dense(args);
export const activation = (args: LayerArgs & { activation: ActivationIdentifier }): Activation => new Activation(args);
export const flatten = (args: LayerArgs = {}): Flatten => new Flatten(args);
export const reshape = (args: LayerArgs & { targetShape: number[] }): Reshape => new Reshape(args);
export const permute = (args: LayerArgs & { dims: number[] }): Permute => new Permute(args);
export const repeatVector = (args: LayerArgs & { n: number }): RepeatVector => new RepeatVector(args);
export const masking = (args: LayerArgs & { maskValue?: number } = {}): Masking => new Masking(args);
export const lambda = (args: LayerArgs & { fn: LambdaFn }): Lambda => new Lambda(args);
export const identity = (args: LayerArgs = {}): Identity => new Identity(args);
