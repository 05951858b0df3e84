/** Convolution layers as factories (`tsr.layers.conv2d({filters: 32, kernelSize: 3})`) and classes. */
import { Conv1D, type Conv1DArgs } from './conv1d.js';
import { Conv2D, type Conv2DArgs } from './conv2d.js';
import { Conv3D, type Conv3DArgs } from './conv3d.js';
import { Conv1DTranspose, type Conv1DTransposeArgs } from './conv1d-transpose.js';
import { Conv2DTranspose, type Conv2DTransposeArgs } from './conv2d-transpose.js';
import { Conv3DTranspose, type Conv3DTransposeArgs } from './conv3d-transpose.js';
import { DepthwiseConv1D, type DepthwiseConv1DArgs } from './depthwise-conv1d.js';
import { DepthwiseConv2D, type DepthwiseConv2DArgs } from './depthwise-conv2d.js';
import { SeparableConv1D, type SeparableConv1DArgs } from './separable-conv1d.js';
import { SeparableConv2D, type SeparableConv2DArgs } from './separable-conv2d.js';

export { BaseConv, type ConvArgs } from './base-conv.js';
export { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';
export { BaseDepthwiseConv, type DepthwiseConvArgs } from './base-depthwise-conv.js';
export { BaseSeparableConv, type SeparableConvArgs } from './base-separable-conv.js';
export type { DataFormat, ConvPadding, IntOrTuple } from './conv-args.js';
export {
  Conv1D, Conv2D, Conv3D, Conv1DTranspose, Conv2DTranspose, Conv3DTranspose,
  DepthwiseConv1D, DepthwiseConv2D, SeparableConv1D, SeparableConv2D,
  type Conv1DArgs, type Conv2DArgs, type Conv3DArgs, type Conv1DTransposeArgs, type Conv2DTransposeArgs,
  type Conv3DTransposeArgs, type DepthwiseConv1DArgs, type DepthwiseConv2DArgs, type SeparableConv1DArgs,
  type SeparableConv2DArgs,
};

export const conv1d = (args: Conv1DArgs): Conv1D => new Conv1D(args);
export const conv2d = (args: Conv2DArgs): Conv2D => new Conv2D(args);
export const conv3d = (args: Conv3DArgs): Conv3D => new Conv3D(args);
export const conv1dTranspose = (args: Conv1DTransposeArgs): Conv1DTranspose => new Conv1DTranspose(args);
export const conv2dTranspose = (args: Conv2DTransposeArgs): Conv2DTranspose => new Conv2DTranspose(args);
export const conv3dTranspose = (args: Conv3DTransposeArgs): Conv3DTranspose => new Conv3DTranspose(args);
export const depthwiseConv1d = (args: DepthwiseConv1DArgs): DepthwiseConv1D => new DepthwiseConv1D(args);
export const depthwiseConv2d = (args: DepthwiseConv2DArgs): DepthwiseConv2D => new DepthwiseConv2D(args);
export const separableConv1d = (args: SeparableConv1DArgs): SeparableConv1D => new SeparableConv1D(args);
export const separableConv2d = (args: SeparableConv2DArgs): SeparableConv2D => new SeparableConv2D(args);
