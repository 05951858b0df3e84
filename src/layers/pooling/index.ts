/** Pooling layers as factories (`tsr.layers.maxPooling2d({poolSize: 2})`) and classes. */
import { AveragePooling1D, type AveragePooling1DArgs } from './average-pooling1d.js';
import { AveragePooling2D, type AveragePooling2DArgs } from './average-pooling2d.js';
import { AveragePooling3D, type AveragePooling3DArgs } from './average-pooling3d.js';
import { GlobalAveragePooling1D, type GlobalAveragePooling1DArgs } from './global-average-pooling1d.js';
import { GlobalAveragePooling2D, type GlobalAveragePooling2DArgs } from './global-average-pooling2d.js';
import { GlobalAveragePooling3D, type GlobalAveragePooling3DArgs } from './global-average-pooling3d.js';
import { GlobalMaxPooling1D, type GlobalMaxPooling1DArgs } from './global-max-pooling1d.js';
import { GlobalMaxPooling2D, type GlobalMaxPooling2DArgs } from './global-max-pooling2d.js';
import { GlobalMaxPooling3D, type GlobalMaxPooling3DArgs } from './global-max-pooling3d.js';
import { MaxPooling1D, type MaxPooling1DArgs } from './max-pooling1d.js';
import { MaxPooling2D, type MaxPooling2DArgs } from './max-pooling2d.js';
import { MaxPooling3D, type MaxPooling3DArgs } from './max-pooling3d.js';

export { BasePooling, type PoolingArgs } from './base-pooling.js';
export { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';
export {
  AveragePooling1D, AveragePooling2D, AveragePooling3D, MaxPooling1D, MaxPooling2D, MaxPooling3D,
  GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D, GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D,
  type AveragePooling1DArgs, type AveragePooling2DArgs, type AveragePooling3DArgs, type MaxPooling1DArgs,
  type MaxPooling2DArgs, type MaxPooling3DArgs, type GlobalAveragePooling1DArgs, type GlobalAveragePooling2DArgs,
  type GlobalAveragePooling3DArgs, type GlobalMaxPooling1DArgs, type GlobalMaxPooling2DArgs, type GlobalMaxPooling3DArgs,
};

export const maxPooling1d = (args: MaxPooling1DArgs = {}): MaxPooling1D => new MaxPooling1D(args);
export const maxPooling2d = (args: MaxPooling2DArgs = {}): MaxPooling2D => new MaxPooling2D(args);
export const maxPooling3d = (args: MaxPooling3DArgs = {}): MaxPooling3D => new MaxPooling3D(args);
export const averagePooling1d = (args: AveragePooling1DArgs = {}): AveragePooling1D => new AveragePooling1D(args);
export const averagePooling2d = (args: AveragePooling2DArgs = {}): AveragePooling2D => new AveragePooling2D(args);
export const averagePooling3d = (args: AveragePooling3DArgs = {}): AveragePooling3D => new AveragePooling3D(args);
export const globalMaxPooling1d = (args: GlobalMaxPooling1DArgs = {}): GlobalMaxPooling1D => new GlobalMaxPooling1D(args);
export const globalMaxPooling2d = (args: GlobalMaxPooling2DArgs = {}): GlobalMaxPooling2D => new GlobalMaxPooling2D(args);
export const globalMaxPooling3d = (args: GlobalMaxPooling3DArgs = {}): GlobalMaxPooling3D => new GlobalMaxPooling3D(args);
export const globalAveragePooling1d = (args: GlobalAveragePooling1DArgs = {}): GlobalAveragePooling1D => new GlobalAveragePooling1D(args);
export const globalAveragePooling2d = (args: GlobalAveragePooling2DArgs = {}): GlobalAveragePooling2D => new GlobalAveragePooling2D(args);
export const globalAveragePooling3d = (args: GlobalAveragePooling3DArgs = {}): GlobalAveragePooling3D => new GlobalAveragePooling3D(args);
