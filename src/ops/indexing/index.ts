export * from './gather.js';
export * from './gather-transpose.js';
export * from './take-along-axis.js';
export * from './scatter-add.js';
export * from './one-hot.js';
