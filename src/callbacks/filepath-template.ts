/**
 * Keras filepath templates, Python `str.format` syntax: `model-{epoch:02d}-{val_loss:.2f}` gives
 * `model-03-0.41` (epoch 1-based, as Keras names files). Supported specs: `[[fill]align][sign][0]
 * [width][.precision][type]` with type d, f, e, g, % or none; `{{` and `}}` are literal braces.
 */
import { TesseraError } from '../core/errors.js';
import { pyExponential, pyFixed, pyFloat } from './python-format.js';

const SPEC = /^(?:(.)?([<>^=]))?([+\- ]?)(0?)(\d*)(?:\.(\d+))?([dfFeEgG%]?)$/;

/** Python's `g`: `precision` significant digits, positional between 1e-4 and 10^precision, zeros trimmed. */
function pyGeneral(v: number, precision: number): string {
  if (!Number.isFinite(v)) return pyFixed(v, 0);
  const p = precision === 0 ? 1 : precision;
  const exp = v === 0 ? 0 : Number(v.toExponential(p - 1).split('e')[1]);
  const trim = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  if (exp >= -4 && exp < p) return trim(pyFixed(v, p - 1 - exp));
  const [m, e] = pyExponential(v, p - 1).split('e') as [string, string];
  return `${trim(m)}e${e}`;
}

function formatValue(key: string, value: number, isInt: boolean, spec: string, template: string): string {
  const m = SPEC.exec(spec);
  if (!m) throw new TesseraError(`modelCheckpoint: unsupported format spec '{${key}:${spec}}' in the filepath (use e.g. {epoch:02d}, {val_loss:.2f}). Received: filepath=${template}`);
  const [, fill, align, sign = '', zero, width, precision, type = ''] = m;
  const p = precision === undefined ? undefined : Number(precision);
  let body: string;
  const abs = Math.abs(value);
  switch (type) {
    case 'd':
      if (!Number.isInteger(value)) throw new TesseraError(`modelCheckpoint: {${key}:${spec}} formats integers, but ${key} is not one; use a float format such as {${key}:.4f}. Received: ${key}=${value}`);
      body = String(abs);
      break;
    case 'f': case 'F': body = pyFixed(abs, p ?? 6); break;
    case 'e': case 'E': body = pyExponential(abs, p ?? 6); break;
    case 'g': case 'G': body = pyGeneral(abs, p ?? 6); break;
    case '%': body = `${pyFixed(abs * 100, p ?? 6)}%`; break;
    default: body = p !== undefined ? pyGeneral(abs, p) : isInt ? String(abs) : pyFloat(abs);
  }
  if (type === 'E' || type === 'F' || type === 'G') body = body.toUpperCase();
  const signText = value < 0 || Object.is(value, -0) ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
  const w = width ? Number(width) : 0;
  const padLength = Math.max(0, w - signText.length - body.length);
  // Python: a leading 0 means fill '0' with '=' alignment (padding between sign and digits).
  const how = align ?? (zero ? '=' : '>');
  const pad = (fill ?? (zero && !align ? '0' : ' ')).repeat(padLength);
  if (how === '=') return signText + pad + body;
  if (how === '<') return signText + body + pad;
  if (how === '^') {
    const left = pad.slice(0, Math.floor(padLength / 2));
    return left + signText + body + pad.slice(left.length);
  }
  return pad + signText + body;
}

/**
 * Fills a template with `epoch` (0-based here, written 1-based), `batch` (likewise, when saving
 * every n batches) and the log values. A key missing from the logs is an error naming those there are.
 */
export function formatFilepath(template: string, epoch: number, logs: Readonly<Record<string, number>>, batch?: number): string {
  return template.replace(/\{\{|\}\}|\{([^{}:]*)(?::([^{}]*))?\}/g, (whole, key: string | undefined, spec: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const name = key ?? '';
    let value: number | undefined;
    let isInt = false;
    if (name === 'epoch') [value, isInt] = [epoch + 1, true];
    else if (name === 'batch' && batch !== undefined && !('batch' in logs)) [value, isInt] = [batch + 1, true];
    else value = logs[name];
    if (value === undefined) {
      const known = ['epoch', ...(batch !== undefined ? ['batch'] : []), ...Object.keys(logs)];
      throw new TesseraError(`modelCheckpoint: the filepath uses {${name}}, which is not in the logs (available: ${known.join(', ')}). Received: filepath=${template}`);
    }
    return spec === undefined ? (isInt ? String(value) : pyFloat(value)) : formatValue(name, value, isInt, spec, template);
  });
}
