/** Every op, as functions; importing this also installs the Tensor methods. */
export * from './elementwise/index.js';
export * from './reduce/index.js';
export * from './shape/index.js';
export * from './linalg/index.js';
export * from './indexing/index.js';
export * from './conv/index.js';
export * from './random/index.js';
export * from './composite/index.js';
import './elementwise/methods.js';
import './reduce/methods.js';
import './shape/methods.js';
import './linalg/methods.js';
import './indexing/methods.js';
import './conv/methods.js';
import './random/methods.js';
import './composite/methods.js';
