/** Normalization layers as factories (`tsr.layers.batchNormalization()`) and classes. */
import { BatchNormalization, type BatchNormalizationArgs } from './batch-normalization.js';
import { GroupNormalization, type GroupNormalizationArgs } from './group-normalization.js';
import { LayerNormalization, type LayerNormalizationArgs } from './layer-normalization.js';
import { RMSNormalization, type RMSNormalizationArgs } from './rms-normalization.js';
import { UnitNormalization, type UnitNormalizationArgs } from './unit-normalization.js';

export {
  BatchNormalization, GroupNormalization, LayerNormalization, RMSNormalization, UnitNormalization,
  type BatchNormalizationArgs, type GroupNormalizationArgs, type LayerNormalizationArgs, type RMSNormalizationArgs,
  type UnitNormalizationArgs,
};

export const batchNormalization = (args: BatchNormalizationArgs = {}): BatchNormalization => new BatchNormalization(args);
export const layerNormalization = (args: LayerNormalizationArgs = {}): LayerNormalization => new LayerNormalization(args);
export const groupNormalization = (args: GroupNormalizationArgs = {}): GroupNormalization => new GroupNormalization(args);
export const rmsNormalization = (args: RMSNormalizationArgs = {}): RMSNormalization => new RMSNormalization(args);
export const unitNormalization = (args: UnitNormalizationArgs = {}): UnitNormalization => new UnitNormalization(args);
