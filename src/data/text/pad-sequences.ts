/** Keras's pad_sequences: ragged integer sequences to one [n, maxlen] tensor. */
import { TesseraError } from '../../core/errors.js';
import { fromData, type Tensor } from '../../core/tensor.js';

export interface PadSequencesOptions {
  /** Output length; default the longest sequence. */
  maxlen?: number;
  /** Where padding goes: 'pre' (default, as Keras) or 'post'. */
  padding?: 'pre' | 'post';
  /** Which end of a longer sequence is cut: 'pre' (default, as Keras) or 'post'. */
  truncating?: 'pre' | 'post';
  /** The padding value. Default 0. */
  value?: number;
  dtype?: 'int32' | 'float32';
}

export function padSequences(sequences: readonly ArrayLike<number>[], options: PadSequencesOptions = {}): Tensor {
  const { padding = 'pre', truncating = 'pre', value = 0, dtype = 'int32' } = options;
  if (!Array.isArray(sequences)) throw new TesseraError(`padSequences: expected an array of sequences. Received: ${typeof sequences}`);
  for (const [name, v] of [['padding', padding], ['truncating', truncating]] as const) {
    if (v !== 'pre' && v !== 'post') throw new TesseraError(`padSequences: ${name} must be 'pre' or 'post'. Received: ${name}='${String(v)}'`);
  }
  const maxlen = options.maxlen ?? sequences.reduce((m, s) => Math.max(m, s.length), 0);
  if (!Number.isInteger(maxlen) || maxlen < 0) throw new TesseraError(`padSequences: maxlen must be an integer ≥ 0. Received: maxlen=${maxlen}`);
  const out = dtype === 'int32' ? new Int32Array(sequences.length * maxlen) : new Float32Array(sequences.length * maxlen);
  out.fill(value);
  sequences.forEach((seq, i) => {
    const n = Math.min(seq.length, maxlen);
    const from = truncating === 'pre' ? seq.length - n : 0;
    const to = padding === 'pre' ? maxlen - n : 0;
    for (let k = 0; k < n; k++) out[i * maxlen + to + k] = seq[from + k]!;
  });
  return fromData(out, [sequences.length, maxlen], dtype);
}
