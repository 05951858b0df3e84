/** Regularization layers: dropout variants, noise, activity regularization (active only in training). */
import { ActivityRegularization, type ActivityRegularizationArgs } from './activity-regularization.js';
import { AlphaDropout, type AlphaDropoutArgs } from './alpha-dropout.js';
import { Dropout, type DropoutArgs } from './dropout.js';
import { GaussianDropout, type GaussianDropoutArgs } from './gaussian-dropout.js';
import { GaussianNoise, type GaussianNoiseArgs } from './gaussian-noise.js';
import { SpatialDropout1D, type SpatialDropout1DArgs } from './spatial-dropout1d.js';
import { SpatialDropout2D, type SpatialDropout2DArgs } from './spatial-dropout2d.js';
import { SpatialDropout3D, type SpatialDropout3DArgs } from './spatial-dropout3d.js';

export {
  ActivityRegularization, AlphaDropout, Dropout, GaussianDropout, GaussianNoise, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D,
  type ActivityRegularizationArgs, type AlphaDropoutArgs, type DropoutArgs, type GaussianDropoutArgs, type GaussianNoiseArgs,
  type SpatialDropout1DArgs, type SpatialDropout2DArgs, type SpatialDropout3DArgs,
};
export { SpatialDropout, type SpatialDropoutArgs } from './spatial-dropout.js';

export const dropout = (args: DropoutArgs): Dropout => new Dropout(args);
export const spatialDropout1d = (args: SpatialDropout1DArgs): SpatialDropout1D => new SpatialDropout1D(args);
export const spatialDropout2d = (args: SpatialDropout2DArgs): SpatialDropout2D => new SpatialDropout2D(args);
export const spatialDropout3d = (args: SpatialDropout3DArgs): SpatialDropout3D => new SpatialDropout3D(args);
export const gaussianNoise = (args: GaussianNoiseArgs): GaussianNoise => new GaussianNoise(args);
export const gaussianDropout = (args: GaussianDropoutArgs): GaussianDropout => new GaussianDropout(args);
export const alphaDropout = (args: AlphaDropoutArgs): AlphaDropout => new AlphaDropout(args);
export const activityRegularization = (args: ActivityRegularizationArgs = {}): ActivityRegularization => new ActivityRegularization(args);
