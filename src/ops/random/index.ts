export { randomKey, splitKey, setSeed, nextKey, type RandomKey } from './key.js';
export { randomUniform, type RandomUniformOptions } from './random-uniform.js';
export { randomNormal, type RandomNormalOptions } from './random-normal.js';
export { truncatedNormal } from './truncated-normal.js';
export { randint, type RandintOptions } from './randint.js';
export { dropout, type DropoutOptions } from './dropout.js';
