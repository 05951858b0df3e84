/** Activation layers: `tsr.layers.reLU({maxValue: 6})`, `leakyReLU`, `eLU`, `softmax`, `pReLU`. */
import { ELU, type ELUArgs } from './elu.js';
import { LeakyReLU, type LeakyReLUArgs } from './leaky-relu.js';
import { PReLU, type PReLUArgs } from './prelu.js';
import { ReLU, type ReLUArgs } from './relu.js';
import { Softmax, type SoftmaxArgs } from './softmax.js';

export { ELU, LeakyReLU, PReLU, ReLU, Softmax, type ELUArgs, type LeakyReLUArgs, type PReLUArgs, type ReLUArgs, type SoftmaxArgs };

export const reLU = (args: ReLUArgs = {}): ReLU => new ReLU(args);
export const leakyReLU = (args: LeakyReLUArgs = {}): LeakyReLU => new LeakyReLU(args);
export const eLU = (args: ELUArgs = {}): ELU => new ELU(args);
export const softmax = (args: SoftmaxArgs = {}): Softmax => new Softmax(args);
export const pReLU = (args: PReLUArgs = {}): PReLU => new PReLU(args);
