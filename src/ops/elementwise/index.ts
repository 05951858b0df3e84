export * from './add.js';
export * from './sub.js';
export * from './mul.js';
export * from './div.js';
export * from './neg.js';
export * from './exp.js';
export * from './cast.js';
