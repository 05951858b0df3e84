/** Regularization layers: dropout variants, noise, activity regularization. */
import { ActivityRegularization } from './activity-regularization.js';
import { Dropout, type DropoutArgs } from './dropout.js';
import { GaussianDropout, GaussianNoise } from './gaussian-noise.js';
import { SpatialDropout1D, SpatialDropout2D, SpatialDropout3D } from './spatial-dropout.js';
import type { LayerArgs } from '../layer.js';

export { ActivityRegularization, Dropout, GaussianDropout, GaussianNoise, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, type DropoutArgs };

type SpatialArgs = Omit<DropoutArgs, 'noiseShape'>;
export const dropout = (args: DropoutArgs): Dropout => new Dropout(args);
export const spatialDropout1d = (args: SpatialArgs): SpatialDropout1D => new SpatialDropout1D(args);
export const spatialDropout2d = (args: SpatialArgs): SpatialDropout2D => new SpatialDropout2D(args);
export const spatialDropout3d = (args: SpatialArgs): SpatialDropout3D => new SpatialDropout3D(args);
export const gaussianNoise = (args: LayerArgs & { stddev: number }): GaussianNoise => new GaussianNoise(args);
export const gaussianDropout = (args: LayerArgs & { rate: number }): GaussianDropout => new GaussianDropout(args);
export const activityRegularization = (args: Omit<LayerArgs, 'activityRegularizer'> & { l1?: number; l2?: number } = {}): ActivityRegularization => new ActivityRegularization(args);
