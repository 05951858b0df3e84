/** Shared by the merge-layer tests: apply on a list and read values and the output mask. */
import * as tsr from '../../../src/index.js';
import { getMask, type Mask } from '../../../src/layers/layer.js';

export function run(layer: tsr.layers.Layer, xs: tsr.Tensor[], mask?: Mask[]): { value: unknown; mask: unknown } {
  tsr.setBackend('reference');
  const y = layer.apply(xs, mask ? { mask } : {}) as tsr.Tensor;
  const m = getMask(y);
  return { value: y.arraySync(), mask: m ? m.arraySync() : null };
}

export const t = (v: number[][] | number[][][]): tsr.Tensor => tsr.tensor(v);
export const bools = (v: boolean[][]): tsr.Tensor => tsr.tensor(v);
