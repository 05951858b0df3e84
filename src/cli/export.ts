/**
 * `tessera export <model> --format onnx|safetensors`: a model folder (from `tessera train` or
 * `model.save`) as an ONNX inference graph with a dynamic batch (or a fixed one), or its weights
 * as one safetensors file.
 */
import { stat } from 'node:fs/promises';
import * as tsr from '../api.js';
import { joinPath } from '../io/node-fs.js';
import { line, type CliIO } from './io.js';

export type ExportFormat = 'onnx' | 'safetensors';

export interface ExportCommandOptions {
  format: ExportFormat;
  out?: string;
  /** A fixed batch size instead of a dynamic one (onnx). */
  batch?: number;
  /** Input sizes after the batch, for inputs of unknown length: one list per input. */
  inputShape?: number[][];
  json?: boolean;
}

export interface ExportReport {
  file: string;
  format: ExportFormat;
  bytes: number;
  inputs: { name: string; shape: (number | string)[]; dtype: string }[];
  outputs: string[];
  weights: number;
}

export async function exportCommand(dir: string, options: ExportCommandOptions, io: CliIO): Promise<ExportReport> {
  const model = await tsr.loadModel(dir);
  const file = options.out ?? joinPath(dir, options.format === 'onnx' ? 'model.onnx' : 'model.safetensors');
  const shapes = options.inputShape?.map((s) => [null, ...s]) ?? model.builtInputShapes() ?? [];
  if (options.inputShape && options.inputShape.length !== model.inputNames.length) {
    throw new tsr.TesseraError(`export: the model has ${model.inputNames.length} inputs (${model.inputNames.join(', ')}); give one --input-shape per input. Received: ${options.inputShape.length}`);
  }
  let bytes: number;
  if (options.format === 'onnx') {
    const onnx = await model.toOnnx(file, { dynamicBatch: options.batch === undefined, batchSize: options.batch, inputShapes: shapes });
    bytes = onnx.length;
  } else {
    await model.saveWeights(file);
    bytes = (await stat(file)).size;
  }
  const report: ExportReport = {
    file,
    format: options.format,
    bytes,
    inputs: model.inputNames.map((name, i) => ({
      name,
      shape: [options.format === 'onnx' ? (options.batch ?? 'batch') : 'batch', ...((shapes[i] ?? []).slice(1) as number[])],
      dtype: model.inputDtypes[i] ?? 'float32',
    })),
    outputs: model.outputNames,
    weights: model.weights.length,
  };
  if (!options.json) {
    const inputs = report.inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join(', ')}]`).join(', ');
    line(io.out, `${options.format === 'onnx' ? 'ONNX model (opset 17)' : 'safetensors weights'} written to ${file}: ${(bytes / 1024).toFixed(1)} KiB, ${report.weights} weight tensors`);
    if (options.format === 'onnx') line(io.out, `inputs: ${inputs}; outputs: ${report.outputs.join(', ')}`);
  }
  return report;
}
