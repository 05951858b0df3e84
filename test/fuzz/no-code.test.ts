/**
 * Loading a model never executes code from the file. Statically: no loader (src/io, src/data) calls
 * eval, the Function constructor or require, and the one code generator in the library
 * (src/backends/reference/specialize.ts) compiles the library's own loop templates. Dynamically:
 * model files of every format carry JavaScript and Python payloads wherever a string goes (layer
 * and class names, activations, Lambda layers, ONNX node names and string attributes, safetensors
 * metadata, tokenizer tokens); loading them, and predicting with what loads, runs no payload and
 * never hands one to eval or the Function constructor.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as tsr from '../../src/index.js';
import { exportOnnx } from '../../src/io/onnx-export.js';
import { tokenizerFromJSON } from '../../src/data/text/from-json.js';
import { fixture, makeZip } from '../io/keras/helpers.js';
import { mutateProtobuf, pbFields, Rng } from './mutate.js';

const root = join(import.meta.dirname, '../../src');
const dir = mkdtempSync(join(tmpdir(), 'tessera-no-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Code that, if it ever ran, would set the canary. */
const JS = 'globalThis.__tesseraPwned = 1';
const PAYLOADS = [JS, `");${JS};("`, `\`\${${JS}}\``, `__import__('os').system('touch /tmp/pwned')`, `function(){${JS}}`, `constructor`, `__proto__`];

describe('no code from files', () => {
  it('no loader calls eval, the Function constructor or require; codegen only compiles the library\'s own templates', () => {
    const forbidden = /\beval\s*\(|new\s+Function\s*\(|(?<![.\w])Function\s*\(|\brequire\s*\(|createRequire/;
    for (const file of [...sources(join(root, 'io')), ...sources(join(root, 'data'))]) {
      const code = readFileSync(file, 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*)/.test(l)).join('\n');
      expect(forbidden.test(code), file).toBe(false);
      // Dynamic imports load fixed module names only, never a name read from a file.
      for (const m of code.matchAll(/import\(([^)]*)\)/g)) expect(m[1]!.trim(), file).toMatch(/^('[^']+'|\/\* @vite-ignore \*\/ name|H5WASM)$/);
    }
    const generators = sources(root).filter((f) => /new\s+Function\s*\(/.test(readFileSync(f, 'utf8')));
    expect(generators.map((f) => f.slice(root.length + 1))).toEqual(['backends/reference/specialize.ts']);
    expect(readFileSync(join(root, 'backends/reference/specialize.ts'), 'utf8')).toMatch(/new Function\(`return \$\{template\.toString\(\)\}`\)/);
  });

  describe('payloads in model files', () => {
    const compiled: string[] = [];
    const realFunction = globalThis.Function;
    const realEval = globalThis.eval;
    beforeEach(() => {
      tsr.setBackend('reference');
      delete (globalThis as { __tesseraPwned?: number }).__tesseraPwned;
      compiled.length = 0;
      // Every source string handed to the Function constructor or eval is recorded.
      globalThis.Function = new Proxy(realFunction, {
        construct(target, args: string[]) {
          compiled.push(args.join('\n'));
          return Reflect.construct(target, args);
        },
        apply(target, self, args: string[]) {
          compiled.push(args.join('\n'));
          return Reflect.apply(target, self, args);
        },
      });
      globalThis.eval = (src: string) => {
        compiled.push(String(src));
        return realEval(src);
      };
    });
    afterEach(() => {
      globalThis.Function = realFunction;
      globalThis.eval = realEval;
      expect((globalThis as { __tesseraPwned?: number }).__tesseraPwned).toBeUndefined();
      for (const src of compiled) for (const p of PAYLOADS.slice(0, 5)) expect(src).not.toContain(p);
    });

    const attempt = async (run: () => Promise<unknown>): Promise<void> => {
      try {
        await run();
      } catch (e) {
        expect(e).toBeInstanceOf(tsr.TesseraError);
      }
    };

    it('Keras: Lambda layers, Python lambdas and payload names are refused or inert', async () => {
      const cnn = unzipSync(readFileSync(fixture('cnn.keras')));
      const config = JSON.parse(new TextDecoder().decode(cnn['config.json']!)) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
      const variants: unknown[] = [];
      for (const p of PAYLOADS) {
        const lambda = structuredClone(config);
        lambda.config.layers.splice(1, 0, { class_name: 'Lambda', config: { name: p, function: { class_name: '__lambda__', config: { code: Buffer.from(p).toString('base64'), value: [p] } } } });
        const named = structuredClone(config);
        named.config.layers.forEach((l) => (l.config['name'] = `${l.config['name']}${p}`));
        const activation = structuredClone(config);
        activation.config.layers[1]!.config['activation'] = { module: p, class_name: 'function', config: p };
        const cls = structuredClone(config);
        cls.config.layers[1]!.class_name = p;
        variants.push(lambda, named, activation, cls);
      }
      let refusedLambdas = 0;
      for (const [i, v] of variants.entries()) {
        const path = join(dir, `k${i}.keras`);
        writeFileSync(path, makeZip([{ name: 'metadata.json', data: cnn['metadata.json']! }, { name: 'config.json', data: new TextEncoder().encode(JSON.stringify(v)) }, { name: 'model.weights.h5', data: cnn['model.weights.h5']! }]));
        await attempt(async () => {
          const m = await tsr.loadKerasModel(path);
          await m.predict(tsr.zeros([1, ...(m.inputShapes[0]!.slice(1) as number[])]));
        });
        if (i % 4 === 0) await tsr.loadKerasModel(path).catch((e: Error) => (refusedLambdas += /Tessera never runs code from a file/.test(e.message) ? 1 : 0));
      }
      expect(refusedLambdas).toBe(PAYLOADS.length);
      // The spy works: predicting compiled the reference backend's own loop templates through it.
      expect(compiled.length).toBeGreaterThan(0);
    });

    it('native model folders: payload class names, layer names and metadata are refused or inert', async () => {
      const model = tsr.sequential([tsr.layers.dense({ units: 2, activation: 'relu', inputShape: [3] })]);
      model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
      const good = join(dir, 'native');
      await model.save(good);
      const config = JSON.parse(readFileSync(join(good, 'config.json'), 'utf8')) as { model: { className: string; config: { layers: { className: string; config: Record<string, unknown> }[] } } };
      for (const [i, p] of PAYLOADS.entries()) {
        for (const edit of [
          (c: typeof config) => (c.model.className = p),
          (c: typeof config) => (c.model.config.layers[0]!.className = p),
          (c: typeof config) => (c.model.config.layers[0]!.config['name'] = p),
          (c: typeof config) => (c.model.config.layers[0]!.config['activation'] = p),
          (c: typeof config) => (c.model.config.layers[0]!.config['kernelInitializer'] = { className: p, config: { code: p } }),
        ]) {
          const folder = join(dir, `native${i}`);
          mkdirSync(folder, { recursive: true });
          const c = structuredClone(config);
          edit(c);
          writeFileSync(join(folder, 'config.json'), JSON.stringify(c));
          writeFileSync(join(folder, 'model.weights.safetensors'), readFileSync(join(good, 'model.weights.safetensors')));
          await attempt(async () => {
            const m = await tsr.loadModel(folder);
            await m.predict(tsr.ones([1, 3]));
          });
        }
      }
      const meta = tsr.encodeSafetensors([['w', tsr.tensor([1, 2])]], Object.fromEntries(PAYLOADS.map((p, i) => [`k${i}${p}`, p])));
      expect(Object.values(tsr.decodeSafetensors(meta).metadata)).toEqual(PAYLOADS);
    });

    it('ONNX: payloads in node names, op types and string attributes are refused or inert', async () => {
      const seed = await exportOnnx(tsr.sequential([tsr.layers.dense({ units: 2, activation: 'relu', inputShape: [3] })]));
      const strings = (pbFields(seed) ?? []).filter((f) => f.body && f.body.end - f.body.start > 0 && f.body.end - f.body.start < 64);
      const rng = new Rng(5);
      for (const f of strings) {
        for (const p of PAYLOADS.slice(0, 3)) {
          const bytes = new Uint8Array([...seed.subarray(0, f.lengthAt!.start), p.length, ...new TextEncoder().encode(p), ...seed.subarray(f.body!.end)]);
          await attempt(async () => {
            const m = await tsr.loadOnnx(bytes);
            await m.predict(tsr.ones([1, 3]));
          });
        }
      }
      for (let k = 0; k < 50; k++) await attempt(() => tsr.loadOnnx(mutateProtobuf(rng, seed)));
    });

    it('tokenizers: payload tokens are data, never code', async () => {
      const t = tokenizerFromJSON({ kind: 'word', standardize: null, vocabulary: { tokens: ['', '[UNK]', ...PAYLOADS.map((p) => p.replace(/\s/g, '_'))] } });
      expect(t.decode(t.encode(PAYLOADS[0]!.replace(/\s/g, '_')))).toBe(PAYLOADS[0]!.replace(/\s/g, '_'));
      await attempt(async () => tokenizerFromJSON({ kind: PAYLOADS[0]! } as never));
    });
  });
});
