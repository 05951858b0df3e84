/**
 * Hostile and broken Keras files: each is refused with a TesseraError that names the file and says
 * what was expected and what was received — never a crash, a hang, or an allocation the file asks for.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import * as tsr from '../../../src/index.js';
import { fixture, makeZip, type ZipEntry } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-keras-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => tsr.setBackend('reference'));

const cnn = unzipSync(readFileSync(fixture('cnn.keras')));
const config = JSON.parse(new TextDecoder().decode(cnn['config.json']!)) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
const weights = cnn['model.weights.h5']!;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

let n = 0;
function file(bytes: Uint8Array, ext = '.keras'): string {
  const path = join(dir, `f${n++}${ext}`);
  writeFileSync(path, bytes);
  return path;
}

/** A .keras archive with the CNN's weights and this config (the CNN's, edited). */
function withConfig(edit: (c: typeof config) => unknown): string {
  const c = structuredClone(config);
  const edited = edit(c) ?? c;
  return withConfigText(JSON.stringify(edited));
}

function withConfigText(json: string): string {
  return file(makeZip([{ name: 'metadata.json', data: cnn['metadata.json']! }, { name: 'config.json', data: text(json) }, { name: 'model.weights.h5', data: weights }]));
}

/** Loading `path` fails with a TesseraError naming it and matching `pattern`. */
async function refused(path: string, pattern: RegExp, opts?: tsr.LoadKerasOptions): Promise<void> {
  const err = await tsr.loadKerasModel(path, opts).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(tsr.TesseraError);
  const message = (err as Error).message;
  expect(message).toContain(path);
  expect(message).toMatch(pattern);
}

const members = (over: Partial<Record<'config' | 'weights', Partial<ZipEntry>>> = {}): ZipEntry[] => [
  { name: 'metadata.json', data: cnn['metadata.json']! },
  { name: 'config.json', data: cnn['config.json']!, ...over.config },
  { name: 'model.weights.h5', data: weights, ...over.weights },
];

describe('hostile .keras archives', () => {
  it('an archive rebuilt field by field loads (the baseline for the forgeries below)', async () => {
    const m = await tsr.loadKerasModel(file(makeZip(members({ weights: { deflate: true } }))));
    expect(m.layers).toHaveLength(6);
  });

  it('not a zip, not HDF5', async () => {
    await refused(file(text('{"class_name": "Sequential"}')), /neither a \.keras archive \(zip\) nor an HDF5 \.h5 file\. Received: 28 bytes starting 0x7b22636c/);
    await refused(file(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])), /not a zip archive \(no end-of-central-directory record\)/);
  });

  it('a member declaring a huge size (a zip bomb) or more than the byte limit', async () => {
    await refused(file(makeZip(members({ weights: { deflate: true, declaredSize: 0x7fffffff } }))), /'model\.weights\.h5' declares 2147483647 bytes from \d+ compressed bytes, more than deflate can produce/);
    await refused(file(makeZip(members({ weights: { declaredSize: weights.length * 2 } }))), /more than stored data can hold/);
    await refused(file(makeZip(members())), /need more than the 20000-byte limit \(option maxBytes\)\. Received: 'model\.weights\.h5' declaring \d+ bytes/, { maxBytes: 20_000 });
  });

  it('too many entries, or an entry count the archive cannot hold', async () => {
    const many = [...members(), ...Array.from({ length: 20 }, (_, i) => ({ name: `assets/${i}.txt`, data: text('x') }))];
    await refused(file(makeZip(many)), /too many entries \(at most 10\)\. Received: 23 entries/, { maxEntries: 10 });
    await refused(file(makeZip(members(), { count: 65535 })), /too many entries \(at most 10000\)\. Received: 65535 entries/);
    await refused(file(makeZip(members(), { count: 5000 })), /the zip central directory is inconsistent \(5000 entries in \d+ bytes/);
  });

  it("entry names with '..', absolute paths or backslashes", async () => {
    for (const name of ['../evil.sh', 'assets/../../x', '/etc/passwd', 'C:/x', 'a\\..\\b']) {
      await refused(file(makeZip([...members(), { name, data: text('x') }])), /the archive holds an entry with an unsafe path/);
    }
  });

  it('missing members, duplicated members, npz weights', async () => {
    await refused(file(makeZip(members().filter((m) => m.name !== 'model.weights.h5'))), /must hold config\.json and model\.weights\.h5\. Received: config\.json, metadata\.json \(no model\.weights\.h5\)/);
    await refused(file(makeZip(members().filter((m) => m.name !== 'config.json'))), /\(no config\.json\)/);
    await refused(file(makeZip([...members(), { name: 'config.json', data: text('{}') }])), /the archive holds 'config\.json' twice/);
    await refused(file(makeZip([members()[1]!, { name: 'model.weights.npz', data: text('PK') }])), /keeps its weights as model\.weights\.npz/);
  });

  it('a damaged member (CRC mismatch), a truncated archive, a truncated HDF5 file', async () => {
    await refused(file(makeZip(members({ weights: { crc: 12345 } }))), /'model\.weights\.h5' fails its CRC-32 check/);
    const whole = makeZip(members());
    await refused(file(whole.subarray(0, whole.length - 30)), /not a zip archive|zip central directory is inconsistent/);
    await refused(file(makeZip(members({ weights: { data: weights.subarray(0, 3000) } }))), /\(model\.weights\.h5\): (the HDF5 file is damaged|cannot read)/);
  });
});

describe('hostile configs', () => {
  it('an unknown layer class, named with the layer', async () => {
    await refused(withConfig((c) => { c.config.layers[2]!.class_name = 'FancyNorm'; }), /unknown Keras layer class 'FancyNorm' for layer 'batch_normalization'.*Received: class_name="FancyNorm"/);
  });

  it('Lambda layers and serialized Python functions are refused, never run', async () => {
    await refused(withConfig((c) => {
      c.config.layers.splice(1, 0, { class_name: 'Lambda', config: { name: 'evil', function: { class_name: '__lambda__', config: { code: 'b64...' } } } });
    }), /a Lambda layer \('evil'\), which is Python code; Tessera never runs code from a file/);
    await refused(withConfig((c) => { c.config.layers[1]!.config['activation'] = { class_name: '__lambda__', config: { value: ['code'] } }; }), /a Python lambda, which is Python code/);
  });

  it('a subclassed model, channels_first, unsupported options, a bad dtype', async () => {
    await refused(withConfig(() => ({ class_name: 'MyModel', config: { name: 'm' }, registered_name: 'Custom>MyModel' })), /holds a 'MyModel' model; Tessera rebuilds Sequential and Functional models only/);
    await refused(withConfig((c) => { c.config.layers[1]!.config['data_format'] = 'channels_first'; }), /layer 'conv2d' \(Conv2D\) uses data_format "channels_first"; Tessera computes channels-last only.*Received: data_format="channels_first"/);
    await refused(withConfig((c) => { c.config.layers[2]!.config['renorm'] = true; }), /layer 'batch_normalization' \(BatchNormalization\) uses renorm=true, which Tessera does not implement/);
    await refused(withConfig((c) => { c.config.layers[6]!.config['dtype'] = 'float64'; }), /layer 'dense' \(Dense\) uses dtype "float64"/);
    await refused(withConfig((c) => { c.config.layers[6]!.config['activation'] = 'hard_tanh'; }), /uses the activation 'hard_tanh', which Tessera does not have/);
    const userFn = { module: 'my_project.activations', class_name: 'function', config: 'relu', registered_name: 'relu' };
    await refused(withConfig((c) => { c.config.layers[6]!.config['activation'] = userFn; }), /layer 'dense' \(Dense\) has a custom activation object, which Tessera cannot rebuild/);
  });

  it('weights of the wrong shape name the weight, the expected and the received shapes', async () => {
    await refused(withConfig((c) => { c.config.layers[6]!.config['units'] = 11; }), /weight 0 of layer 'dense' \(dense\/kernel\) \('layers\/dense\/vars\/0'\) should have shape \[64,11\]\. Received: \[64,10\]/);
    await refused(withConfig((c) => { c.config.layers.push({ ...structuredClone(c.config.layers[6]!), config: { ...c.config.layers[6]!.config, name: 'dense_more' } }); }),
      /layer 'dense_more' \(Dense\) expects 2 weights \(\[10,10\], \[10\]\) at 'layers\/dense_1\/vars'\. Received: nothing there/);
    await refused(withConfig((c) => { c.config.layers.splice(2, 1); }), /the file has weights that no layer of the model takes.*Received: layers\/batch_normalization\/vars/);
  });

  it('sizes beyond the byte limit are refused before anything is built', async () => {
    await refused(withConfig((c) => { c.config.layers[6]!.config['units'] = 4e9; }), /layer 'dense' \(Dense\) has units=4000000000; it must be an integer ≥ 0 whose weights fit the byte limit/);
    await refused(withConfig((c) => { c.config.layers[0]!.config['batch_shape'] = [null, 1e12, 8, 1]; }), /has an invalid input shape/);
  });

  it('config.json that is not JSON, not a model, or absurdly nested', async () => {
    await refused(file(makeZip(members({ config: { data: text('{"class_name": ') } }))), /config\.json is not valid JSON/);
    await refused(withConfig(() => [1, 2, 3]), /the model config must be \{class_name, config\}\. Received: \[1,2,3\]/);
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const source = new TextDecoder().decode(cnn['config.json']!);
    await refused(withConfigText(source.replace('"data_format": "channels_last"', `"data_format": ${deep}`)), /uses data_format a list too deeply nested to print/);
    const deepValue = source.replace('"noise_shape": null', `"noise_shape": ${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    await refused(withConfigText(deepValue), /a config value nests more than 32 levels/);
    let nested: unknown = config;
    for (let i = 0; i < 40; i++) nested = { class_name: 'Sequential', config: { name: `s${i}`, layers: [nested] } };
    await refused(withConfig(() => nested), /nests layers more than 32 deep/);
  });
});

describe('hostile .h5 files', () => {
  it('an .h5 that is not HDF5, and HDF5 signatures over garbage', async () => {
    await refused(file(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), '.h5'), /neither a \.keras archive \(zip\) nor an HDF5 \.h5 file\. Received: 10 bytes starting 0x89504e470d0a1a0a/);
    const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    garbage.set([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
    await refused(file(garbage, '.h5'), /the HDF5 file is damaged/);
  });

  it('corrupted copies of a real .h5 model always end in a TesseraError', async () => {
    const good = readFileSync(fixture('cnn.h5'));
    let seed = 1;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let trial = 0; trial < 40; trial++) {
      const bad = new Uint8Array(good);
      for (let k = 0; k < 1 + (trial % 8); k++) bad[8 + (rand() % (bad.length - 8))] = rand() & 255;
      const err = await tsr.loadKerasModel(file(trial % 4 === 0 ? bad.subarray(0, rand() % bad.length) : bad, '.h5')).then(() => null, (e: unknown) => e);
      if (err !== null) expect(err).toBeInstanceOf(tsr.TesseraError);
    }
    // The reader still works afterwards.
    expect((await tsr.loadKerasModel(fixture('cnn.h5'))).layers).toHaveLength(6);
  });

  it('a Keras 2 model whose weight names list more weights than the layer has', async () => {
    await expect(tsr.loadKerasWeights(tsr.sequential([tsr.layers.dense({ units: 10, inputShape: [64] })]), fixture('cnn.weights.h5')))
      .rejects.toThrow(/loadKerasWeights: .*cnn\.weights\.h5: the model has 1 layers with weights/);
  });
});
