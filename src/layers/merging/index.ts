/** Merge layers, called on a list of tensors: `tsr.layers.concatenate().apply([a, b])`. */
import { Add } from './add.js';
import { Average } from './average.js';
import { Concatenate, type ConcatenateArgs } from './concatenate.js';
import { Dot, type DotArgs } from './dot.js';
import { Maximum } from './maximum.js';
import { Minimum } from './minimum.js';
import { Multiply } from './multiply.js';
import { Subtract } from './subtract.js';
import type { LayerArgs } from '../layer.js';

export { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract, type ConcatenateArgs, type DotArgs };
export { Merge } from './merge.js';

export const add = (args: LayerArgs = {}): Add => new Add(args);
export const subtract = (args: LayerArgs = {}): Subtract => new Subtract(args);
export const multiply = (args: LayerArgs = {}): Multiply => new Multiply(args);
export const average = (args: LayerArgs = {}): Average => new Average(args);
export const maximum = (args: LayerArgs = {}): Maximum => new Maximum(args);
export const minimum = (args: LayerArgs = {}): Minimum => new Minimum(args);
export const concatenate = (args: ConcatenateArgs = {}): Concatenate => new Concatenate(args);
export const dot = (args: DotArgs): Dot => new Dot(args);
