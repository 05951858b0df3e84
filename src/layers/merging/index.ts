/** Merge layers, called on a list: `tsr.layers.concatenate().apply([a, b])`. */
import { Concatenate } from './concatenate.js';
import { Dot } from './dot.js';
import { Add, Average, Maximum, Minimum, Multiply, Subtract } from './merge.js';
import type { LayerArgs } from '../layer.js';

export { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract };
export { Merge } from './merge.js';

export const add = (args: LayerArgs = {}): InstanceType<typeof Add> => new Add(args);
export const subtract = (args: LayerArgs = {}): InstanceType<typeof Subtract> => new Subtract(args);
export const multiply = (args: LayerArgs = {}): InstanceType<typeof Multiply> => new Multiply(args);
export const average = (args: LayerArgs = {}): InstanceType<typeof Average> => new Average(args);
export const maximum = (args: LayerArgs = {}): InstanceType<typeof Maximum> => new Maximum(args);
export const minimum = (args: LayerArgs = {}): InstanceType<typeof Minimum> => new Minimum(args);
export const concatenate = (args: LayerArgs & { axis?: number } = {}): Concatenate => new Concatenate(args);
export const dot = (args: LayerArgs & { axes: number | [number, number]; normalize?: boolean }): Dot => new Dot(args);
