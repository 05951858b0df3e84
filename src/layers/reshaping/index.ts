/** Spatial reshaping layers (upsampling, zero padding, cropping) as factories and classes. */
import { Cropping1D, type Cropping1DArgs } from './cropping1d.js';
import { Cropping2D, type Cropping2DArgs } from './cropping2d.js';
import { Cropping3D, type Cropping3DArgs } from './cropping3d.js';
import { UpSampling1D, type UpSampling1DArgs } from './up-sampling1d.js';
import { UpSampling2D, type UpSampling2DArgs } from './up-sampling2d.js';
import { UpSampling3D, type UpSampling3DArgs } from './up-sampling3d.js';
import { ZeroPadding1D, type ZeroPadding1DArgs } from './zero-padding1d.js';
import { ZeroPadding2D, type ZeroPadding2DArgs } from './zero-padding2d.js';
import { ZeroPadding3D, type ZeroPadding3DArgs } from './zero-padding3d.js';

export { BaseUpSampling, type Interpolation } from './base-up-sampling.js';
export { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';
export { BaseCropping } from './base-cropping.js';
export {
  Cropping1D, Cropping2D, Cropping3D, UpSampling1D, UpSampling2D, UpSampling3D, ZeroPadding1D, ZeroPadding2D, ZeroPadding3D,
  type Cropping1DArgs, type Cropping2DArgs, type Cropping3DArgs, type UpSampling1DArgs, type UpSampling2DArgs,
  type UpSampling3DArgs, type ZeroPadding1DArgs, type ZeroPadding2DArgs, type ZeroPadding3DArgs,
};

export const upSampling1d = (args: UpSampling1DArgs = {}): UpSampling1D => new UpSampling1D(args);
export const upSampling2d = (args: UpSampling2DArgs = {}): UpSampling2D => new UpSampling2D(args);
export const upSampling3d = (args: UpSampling3DArgs = {}): UpSampling3D => new UpSampling3D(args);
export const zeroPadding1d = (args: ZeroPadding1DArgs = {}): ZeroPadding1D => new ZeroPadding1D(args);
export const zeroPadding2d = (args: ZeroPadding2DArgs = {}): ZeroPadding2D => new ZeroPadding2D(args);
export const zeroPadding3d = (args: ZeroPadding3DArgs = {}): ZeroPadding3D => new ZeroPadding3D(args);
export const cropping1d = (args: Cropping1DArgs = {}): Cropping1D => new Cropping1D(args);
export const cropping2d = (args: Cropping2DArgs = {}): Cropping2D => new Cropping2D(args);
export const cropping3d = (args: Cropping3DArgs = {}): Cropping3D => new Cropping3D(args);
