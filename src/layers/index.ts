/** Every layer: `tsr.layers.<name>(args)` factories and the classes (Keras names). */
export * from './core/index.js';
export * from './convolutional/index.js';
export * from './pooling/index.js';
export * from './reshaping/index.js';
export * from './regularization/index.js';
export * from './merging/index.js';
export * from './activation/index.js';
export * from './recurrent/index.js';
export * from './normalization/index.js';
export * from './embedding/index.js';
export * from './attention/index.js';
export { Layer, getMask, setMask, addLoss, type LayerArgs, type CallContext, type ApplyOptions, type AddWeightOptions, type Mask, type LayerOutput, type ShapeArg } from './layer.js';
export { SymbolicTensor, type SymbolicShape } from './symbolic.js';
export { registerLayer } from './registry.js';
