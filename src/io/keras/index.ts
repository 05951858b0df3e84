/**
 * Keras models and weights into Tessera:
 *   loadKerasModel(path)          a `.keras` archive (Keras 3) or a tf.keras 2 `.h5` model file →
 *                                 a Sequential or Functional model with the file's weights, uncompiled;
 *   loadKerasWeights(model, path) the weights of a `.keras`, `.weights.h5` (Keras 3) or tf.keras 2
 *                                 `.h5` file into a Tessera model of the same architecture.
 * Files are read whole and checked before they are trusted (see archive.ts, hdf5.ts); every error is
 * a TesseraError that names the file. The model is rebuilt from registered Tessera classes only.
 */
import { TesseraError } from '../../core/errors.js';
import type { Layer } from '../../layers/layer.js';
import { Model } from '../../models/model.js';
import { deserialize, probeConfig } from '../serialization.js';
import { readFileBytes } from '../node-fs.js';
import { readArchiveMembers, type ArchiveLimits } from './archive.js';
import { convertKerasModel, type KerasOutline } from './config.js';
import { Hdf5File, isHdf5 } from './hdf5.js';
import { assignWeights, weightLayout, type WeightLayout } from './weights.js';

export interface LoadKerasOptions {
  /** Most bytes read from the file's weights and archive members (default 4 GiB). */
  maxBytes?: number;
  /** Most entries a `.keras` archive may list (default 10,000). */
  maxEntries?: number;
  /**
   * Most milliseconds the HDF5 reader may take before it is stopped (default 30 s plus 0.2 s per
   * MB): the HDF5 library can loop forever on a damaged file.
   */
  timeoutMs?: number;
}

const CONFIG = 'config.json';
const METADATA = 'metadata.json';
const WEIGHTS = 'model.weights.h5';
/** A model config is text describing layers; anything this large is not one. */
const MAX_CONFIG_BYTES = 64 * 2 ** 20;

function limits(who: string, opts: LoadKerasOptions): ArchiveLimits & { timeoutMs?: number } {
  const maxBytes = opts.maxBytes ?? 4 * 2 ** 30;
  const maxEntries = opts.maxEntries ?? 10_000;
  if (!(maxBytes > 0) || !Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TesseraError(`${who}: maxBytes must be > 0 and maxEntries an integer ≥ 1. Received: maxBytes=${String(opts.maxBytes)}, maxEntries=${String(opts.maxEntries)}`);
  }
  if (opts.timeoutMs !== undefined && !(opts.timeoutMs > 0)) throw new TesseraError(`${who}: timeoutMs must be > 0. Received: timeoutMs=${String(opts.timeoutMs)}`);
  return { maxBytes, maxEntries, ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }) };
}

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

function parseJson(who: string, what: string, bytes: Uint8Array): unknown {
  if (bytes.length > MAX_CONFIG_BYTES) throw new TesseraError(`${who}: ${what} is too large for a model config (at most ${MAX_CONFIG_BYTES} bytes). Received: ${bytes.length} bytes`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch (e) {
    throw new TesseraError(`${who}: ${what} is not valid JSON (${(e as Error).message}). Received: ${bytes.length} bytes`);
  }
}

/** Keras's layer order of each model loaded from a file: its weights are found by it (and again by loadKerasWeights). */
const outlines = new WeakMap<Model, KerasOutline>();

/** Rebuilds the model a converted config describes (registered Tessera classes only). */
function build(who: string, config: unknown, maxBytes: number): Model {
  const { model: serialized, outline } = convertKerasModel(who, config, maxBytes);
  let layer: Layer;
  try {
    // Each size in the config is bounded, their products are not: a probe built with lazy
    // initializers (nothing allocated) counts the weights before the real model allocates them.
    const probe = deserialize<Layer>('layer', probeConfig(who, serialized));
    const declared = probe.weights.reduce((n, w) => n + w.size * 4, 0);
    if (declared > maxBytes) {
      throw new TesseraError(`${who}: the config declares ${probe.weights.length} weights of ${declared} bytes in all, over the byte limit of ${maxBytes} (option maxBytes). Received: a model of ${declared / 4} parameters`);
    }
    layer = deserialize<Layer>('layer', serialized);
  } catch (e) {
    if (e instanceof TesseraError && e.message.startsWith(who)) throw e;
    throw new TesseraError(`${who}: cannot build the model from its config: ${(e as Error).message}`);
  }
  if (!(layer instanceof Model)) throw new TesseraError(`${who}: the config does not describe a model. Received: ${layer.className}`);
  if (!layer.built) {
    throw new TesseraError(`${who}: the config gives no input shape, so the model's weights cannot be created. Received: a model without an InputLayer or batch_input_shape`);
  }
  outlines.set(layer, outline);
  return layer;
}

async function withHdf5<T>(who: string, bytes: Uint8Array, lim: ArchiveLimits & { timeoutMs?: number }, use: (h5: Hdf5File) => T): Promise<T> {
  // The file was read whole by a worker: nothing stays open to release.
  return use(await Hdf5File.open(who, bytes, lim.maxBytes, lim.timeoutMs));
}

function requireLayout(h5: Hdf5File): WeightLayout {
  const layout = weightLayout(h5);
  if (!layout) throw new TesseraError(`${h5.who}: holds no Keras weights (expected a 'layers' group (Keras 3), or 'model_weights' / a 'layer_names' attribute (tf.keras 2)). Received: groups ${h5.keys('/').join(', ') || 'none'}`);
  return layout;
}

/** Wraps anything unexpected (a library's own error) so that every failure names the file. */
async function guarded<T>(who: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof TesseraError) throw e;
    throw new TesseraError(`${who}: ${e instanceof RangeError ? 'the file is too deeply nested or too large to read' : 'cannot read the file'}. Received: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The members of a `.keras` archive that loading needs. */
function archive(who: string, bytes: Uint8Array, lim: ArchiveLimits): { config: Uint8Array; weights: Uint8Array } {
  const members = readArchiveMembers(who, bytes, [CONFIG, METADATA, WEIGHTS, 'model.weights.npz'], lim);
  const config = members.get(CONFIG);
  const weights = members.get(WEIGHTS);
  if (!weights && members.has('model.weights.npz')) throw new TesseraError(`${who}: the archive keeps its weights as model.weights.npz; Tessera reads the default HDF5 weights (model.save(path) with weights_format='h5'). Received: model.weights.npz`);
  if (!config || !weights) {
    throw new TesseraError(`${who}: a .keras archive must hold ${CONFIG} and ${WEIGHTS}. Received: ${[...members.keys()].join(', ') || 'neither'}${config ? '' : ` (no ${CONFIG})`}${weights ? '' : ` (no ${WEIGHTS})`}`);
  }
  return { config, weights };
}

/**
 * Loads a Keras model: a `.keras` archive (Keras 3) or a tf.keras 2 `.h5` model file. The result is
 * a Tessera Sequential or Functional model with the file's weights; compile it before `fit`.
 */
export async function loadKerasModel(path: string, opts: LoadKerasOptions = {}): Promise<Model> {
  const who = `loadKerasModel: ${path}`;
  return guarded(who, async () => {
    const lim = limits(who, opts);
    const bytes = await readFileBytes('loadKerasModel', path);
    if (isZip(bytes)) {
      const { config, weights } = archive(who, bytes, lim);
      const model = build(who, parseJson(who, CONFIG, config), lim.maxBytes);
      await withHdf5(`${who} (${WEIGHTS})`, weights, lim, (h5) =>
        assignWeights(model, h5, requireLayout(h5), { outline: outlines.get(model), byName: true, maxBytes: lim.maxBytes }));
      return model;
    }
    if (!isHdf5(bytes)) throw notKeras(who, bytes);
    return withHdf5(who, bytes, lim, (h5) => {
      const text = h5.attr('/', 'model_config');
      if (typeof text !== 'string') {
        const hint = weightLayout(h5) ? ' (it holds weights only: build the model in Tessera and use loadKerasWeights(model, path))' : '';
        throw new TesseraError(`${who}: the HDF5 file has no model_config attribute, so it holds no Keras model${hint}. Received: attributes ${h5.attrNames('/').join(', ') || 'none'}`);
      }
      const model = build(who, parseJson(who, 'model_config', new TextEncoder().encode(text)), lim.maxBytes);
      assignWeights(model, h5, requireLayout(h5), { outline: outlines.get(model), byName: true, maxBytes: lim.maxBytes });
      return model;
    });
  });
}

function notKeras(who: string, bytes: Uint8Array): TesseraError {
  const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return new TesseraError(`${who}: neither a .keras archive (zip) nor an HDF5 .h5 file. Received: ${bytes.length} bytes starting 0x${head}`);
}

/**
 * Loads Keras weights into `model` (built, same architecture): from a `.keras` archive, a Keras 3
 * `.weights.h5` file, or a tf.keras 2 `.h5` (model or save_weights) file. Layers are matched as Keras
 * matches them: Keras 3 files by class and position in `model.layers`, tf.keras 2 files by position
 * among the layers that have weights. Nothing is changed unless every weight fits.
 */
export async function loadKerasWeights(model: Model, path: string, opts: LoadKerasOptions = {}): Promise<void> {
  const who = `loadKerasWeights: ${path}`;
  await guarded(who, async () => {
    if (!(model instanceof Model)) throw new TesseraError(`${who}: expected a Tessera model. Received: ${typeof model}`);
    if (!model.built || !model.weights.length) throw new TesseraError(`${who}: build the model first (give it an input shape) so that its weights exist. Received: model '${model.name}' without weights`);
    const lim = limits(who, opts);
    const bytes = await readFileBytes('loadKerasWeights', path);
    let h5Bytes = bytes;
    let h5Who = who;
    if (isZip(bytes)) {
      h5Bytes = archive(who, bytes, lim).weights;
      h5Who = `${who} (${WEIGHTS})`;
    } else if (!isHdf5(bytes)) throw notKeras(who, bytes);
    await withHdf5(h5Who, h5Bytes, lim, (h5) =>
      assignWeights(model, h5, requireLayout(h5), { outline: outlines.get(model), byName: false, maxBytes: lim.maxBytes }));
  });
}
