/**
 * The public API, shared by the Node entry (index.ts) and the browser entry (browser.ts), which
 * differ only in the ONNX Runtime package they register.
 */
import './backends/reference/index.js';

export type { DType, TypedArray } from './core/dtype.js';
export { TesseraError, OpError } from './core/errors.js';
export type { Shape } from './core/shape.js';
export { Tensor, Variable, tensor, type TensorLike, type TensorData, type NestedArray } from './core/tensor.js';
export { zeros, ones, full, zerosLike, onesLike, fullLike, arange, linspace, eye, scalar } from './core/creation.js';
export { setBackend, getBackend, registerBackend, applyOp, realize, type Backend, type BackendOptions } from './core/engine.js';
export { defineOp, registeredOps, type OpDef, type Attrs, type AttrValue, type TensorMeta, type KernelInput, type Vjp } from './core/op.js';
export { grad, valueAndGrad, vjp, variableGrads, type GradOptions, type GradsOf } from './autograd/grad.js';
export { gradcheck, type GradcheckOptions, type GradcheckResult } from './autograd/gradcheck.js';
export { stopGradient } from './autograd/stop-gradient.js';
export { variable } from './autograd/variable.js';
export { treeLeaves, treeMap, type PyTree } from './autograd/pytree.js';
export * from './ops/index.js';
export { jit, type JitOptions } from './jit/jit.js';
export * as debug from './debug/index.js';
export * as layers from './layers/index.js';
export { Layer, SymbolicTensor } from './layers/index.js';
export { input } from './layers/core/input-layer.js';
export * as initializers from './initializers/index.js';
export * as regularizers from './regularizers/index.js';
export * as constraints from './constraints/index.js';
export * as activations from './activations/index.js';
export { withVariableValues } from './autograd/variable-scope.js';
export { serialize, deserialize, registerSerializable, type Config, type ConfigValue, type Serializable } from './io/serialization.js';
export { sequential, model, Model, Sequential, Functional, type ModelArgs, type FunctionalArgs, type SequentialArgs } from './models/index.js';
export { loadModel, type SaveOptions } from './io/model-file.js';
export type { OnnxExportOptions } from './io/onnx-export.js';
export { loadOnnx, OnnxModel, type LoadOnnxOptions } from './io/onnx-import/index.js';
export { encodeSafetensors, decodeSafetensors, SafetensorsError } from './io/safetensors.js';
export { loadKerasModel, loadKerasWeights, type LoadKerasOptions } from './io/keras/index.js';
export { getGlobalKey, setGlobalKey, foldIn } from './ops/random/key.js';
export type { CompileArgs } from './train/compile.js';
export type { FitArgs, EvaluateArgs, PredictArgs } from './train/loop.js';
export type { Dataset, TensorInput } from './train/data.js';
export * as optimizers from './optimizers/index.js';
export * as losses from './losses/index.js';
export * as metrics from './metrics/index.js';
export * as callbacks from './callbacks/index.js';
export * as data from './data/index.js';
