/** Initializers as `tsr.initializers.glorotUniform({seed})`, … (Keras names, camelCase). */
import { Constant, Ones, Zeros } from './constant.js';
import { Identity } from './identity.js';
import { Orthogonal } from './orthogonal.js';
import { RandomNormal, RandomUniform, TruncatedNormal, type RandomNormalInitOptions, type RandomUniformInitOptions } from './random.js';
import { VarianceScaling, namedVarianceScaling, type VarianceScalingOptions } from './variance-scaling.js';

export { Initializer, getInitializer, computeFans, type InitializerIdentifier } from './initializer.js';
export { Constant, Ones, Zeros, Identity, Orthogonal, RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling };

type Seed = { seed?: number | null };
export const zeros = (): Zeros => new Zeros();
export const ones = (): Ones => new Ones();
export const constant = ({ value = 0 }: { value?: number } = {}): Constant => new Constant(value);
export const identity = ({ gain = 1 }: { gain?: number } = {}): Identity => new Identity(gain);
export const orthogonal = (opts: { gain?: number } & Seed = {}): Orthogonal => new Orthogonal(opts);
export const randomUniform = (opts: RandomUniformInitOptions = {}): RandomUniform => new RandomUniform(opts);
export const randomNormal = (opts: RandomNormalInitOptions = {}): RandomNormal => new RandomNormal(opts);
export const truncatedNormal = (opts: RandomNormalInitOptions = {}): TruncatedNormal => new TruncatedNormal(opts);
export const varianceScaling = (opts: VarianceScalingOptions = {}): VarianceScaling => new VarianceScaling(opts);
export const glorotUniform = ({ seed }: Seed = {}): VarianceScaling => namedVarianceScaling('GlorotUniform', seed);
export const glorotNormal = ({ seed }: Seed = {}): VarianceScaling => namedVarianceScaling('GlorotNormal', seed);
export const heUniform = ({ seed }: Seed = {}): VarianceScaling => namedVarianceScaling('HeUniform', seed);
export const heNormal = ({ seed }: Seed = {}): VarianceScaling => namedVarianceScaling('HeNormal', seed);
export const lecunUniform = ({ seed }: Seed = {}): VarianceScaling => namedVarianceScaling('LecunUniform', seed);
export const lecunNormal = ({ seed }: Seed = {}): VarianceScaling => namedVarianceScaling('LecunNormal', seed);
