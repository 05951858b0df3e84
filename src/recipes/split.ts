/** Holding out a seeded test fraction of in-memory tensors (for recipes whose data has no test split). */
import * as tsr from '../api.js';

/** [train, test] rows of every tensor, after one seeded permutation shared by all of them. */
export function splitRows(tensors: readonly tsr.Tensor[], testFraction: number, seed: number): [tsr.Tensor[], tsr.Tensor[]] {
  const n = tensors[0]!.shape[0]!;
  const nTest = Math.max(1, Math.round(n * testFraction));
  const order = tsr.data.randomPermutation(n, tsr.data.hostRandom(seed));
  const pick = (rows: Int32Array) => tensors.map((t) => tsr.gather(t, tsr.tensor(rows, [rows.length], 'int32'), 0));
  return [pick(order.subarray(0, n - nTest)), pick(order.subarray(n - nTest))];
}

/** The first `limit` rows (all when limit is undefined). */
export function firstRows(t: tsr.Tensor, limit: number | undefined): tsr.Tensor {
  if (limit === undefined || limit >= t.shape[0]!) return t;
  return tsr.slice(t, [0, ...t.shape.slice(1).map(() => 0)], [limit, ...t.shape.slice(1).map(() => -1)]);
}
