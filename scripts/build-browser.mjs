// Bundles the browser entry (src/browser.ts, onnxruntime-web included) into one ESM file and copies
// the onnxruntime-web runtime files it loads at run time next to it:
//   node scripts/build-browser.mjs [outdir]      (default: dist-browser)
// Pages import <outdir>/tessera.js and call configureOnnxRuntimeWeb({ wasmPaths: '<url of outdir>/' }).
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The runtime files named by the onnxruntime-web build that esbuild bundled (`entry`): the .wasm
 * is always fetched at run time, the .mjs glue only when it is not embedded (or for worker
 * threads), so both are copied.
 */
function ortRuntimeFiles(entry) {
  const pkgDir = dirname(dirname(entry));
  const names = new Set(readFileSync(entry, 'utf8').match(/ort-wasm-simd-threaded[.a-z]*\.(?:wasm|mjs)/g) ?? []);
  // A file named only as .wasm still has its .mjs glue beside it (and vice versa).
  for (const n of [...names]) names.add(n.replace(/\.(wasm|mjs)$/, (_, ext) => (ext === 'wasm' ? '.mjs' : '.wasm')));
  const present = new Set(readdirSync(join(pkgDir, 'dist')));
  const files = [...names].filter((n) => present.has(n)).sort();
  if (!files.some((n) => n.endsWith('.wasm'))) throw new Error(`build-browser: no .wasm file named in ${entry}`);
  return files.map((n) => join(pkgDir, 'dist', n));
}

/** Builds <outdir>/tessera.js (+ .map) and copies the ONNX Runtime files; returns what was written. */
export async function buildBrowser(outdir = join(root, 'dist-browser')) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { tessera: join(root, 'src/browser.ts') },
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    // Node-only helpers (debug.writeOnnx, data loaders, sharp) are imported lazily; they stay unresolved imports
    // that fail only if called in a browser.
    external: ['node:*', 'sharp'],
    logLevel: 'warning',
    metafile: true,
  });
  // A static import of a node: module would stop the whole bundle from loading in a page; Node-only
  // code must import lazily (src/io/node-fs.ts).
  const bundled = readFileSync(join(outdir, 'tessera.js'), 'utf8');
  const staticNode = bundled.match(/^import[^;]*from\s*["']node:[^"']+["']/m);
  if (staticNode) throw new Error(`build-browser: the bundle imports a Node module statically: ${staticNode[0]}`);
  // Which onnxruntime-web file the package's "exports" conditions chose for the browser.
  const ortEntry = Object.keys(result.metafile.inputs).find((f) => /node_modules\/onnxruntime-web\/dist\/[^/]+\.m?js$/.test(f));
  if (!ortEntry) throw new Error('build-browser: onnxruntime-web is not in the bundle');
  const copied = ortRuntimeFiles(join(root, ortEntry)).map((src) => {
    const dest = join(outdir, src.slice(dirname(src).length + 1));
    copyFileSync(src, dest);
    return dest;
  });
  return { outdir, bundle: join(outdir, 'tessera.js'), copied, warnings: result.warnings.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = await buildBrowser(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`build-browser: ${out.bundle} + ${out.copied.map((f) => f.slice(out.outdir.length + 1)).join(', ')}`);
}
