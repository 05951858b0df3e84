/// <reference types="vite/client" />
/**
 * Every op case (test/ops/*.cases.ts) on ONNX Runtime against the reference backend, forward and
 * gradient. Run one family with `npx vitest run test/backends/onnxruntime/ops.test.ts -t conv`.
 */
import { describe, it } from 'vitest';
import { checkCrossBackend } from '../../helpers/cross-backend.js';
import type { OpCase } from '../../helpers/test-op.js';

const tables = import.meta.glob<Record<string, unknown>>('../../ops/*.cases.ts', { eager: true });

for (const [path, mod] of Object.entries(tables)) {
  const family = path.replace(/^.*\//, '').replace('.cases.ts', '');
  describe(`onnxruntime vs reference: ${family}`, () => {
    for (const value of Object.values(mod)) {
      if (!Array.isArray(value)) continue;
      for (const c of value as OpCase[]) it(c.name, () => checkCrossBackend(c));
    }
  });
}
