/** Reference-backend GEMM throughput (GFLOP/s) on shapes the seed CNN uses. `npx tsx bench/gemm.ts` */
import { gemm } from '../src/backends/reference/gemm.js';

function run(m: number, n: number, k: number, reps: number): number {
  const a = new Float32Array(m * k).map(() => Math.random());
  const b = new Float32Array(k * n).map(() => Math.random());
  const c = new Float32Array(m * n);
  const call = () => gemm({ m, n, k, a, aOffset: 0, aRowStride: k, aColStride: 1, b, bOffset: 0, bRowStride: n, bColStride: 1, c, cOffset: 0 });
  call();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) call();
  const s = (performance.now() - t0) / 1000 / reps;
  return (2 * m * n * k) / s / 1e9;
}

for (const [m, n, k, reps] of [[256, 256, 256, 20], [21632, 32, 9, 10], [3872, 64, 288, 10], [32, 64, 1600, 50], [1024, 1024, 1024, 2]] as const) {
  console.log(`gemm ${m}×${n}×${k}: ${run(m, n, k, reps).toFixed(2)} GFLOP/s`);
}
