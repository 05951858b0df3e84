/** Activation layers: `tsr.layers.reLU({maxValue: 6})`, `leakyReLU`, `eLU`, `softmax`, `pReLU`. */
import { ELU, LeakyReLU, PReLU, ReLU, Softmax } from './activation-layers.js';

export { ELU, LeakyReLU, PReLU, ReLU, Softmax };

export const reLU = (args: ConstructorParameters<typeof ReLU>[0] = {}): ReLU => new ReLU(args);
export const leakyReLU = (args: ConstructorParameters<typeof LeakyReLU>[0] = {}): LeakyReLU => new LeakyReLU(args);
export const eLU = (args: ConstructorParameters<typeof ELU>[0] = {}): ELU => new ELU(args);
export const softmax = (args: ConstructorParameters<typeof Softmax>[0] = {}): Softmax => new Softmax(args);
export const pReLU = (args: ConstructorParameters<typeof PReLU>[0] = {}): PReLU => new PReLU(args);
