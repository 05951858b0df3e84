export * from './reshape.js';
export * from './broadcast-to.js';
export * from './transpose.js';
