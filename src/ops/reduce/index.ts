export * from './sum.js';
export * from './sum-to-shape.js';
