/** Node file access for callbacks that write files (imported lazily: the package also runs in browsers). */
import { TesseraError } from '../core/errors.js';

export async function nodeFs(what: string): Promise<typeof import('node:fs/promises')> {
  try {
    return await import('node:fs/promises');
  } catch {
    throw new TesseraError(`${what}: writing files needs Node.js (no file system in this environment)`);
  }
}

/**
 * Keras filepath templates: `{epoch:02d}` (1-based epoch), `{val_loss:.2f}`, `{name}`.
 * Unknown keys are an error naming the known ones.
 */
export function formatFilepath(template: string, epoch: number, logs: Record<string, number>): string {
  return template.replace(/\{(\w+)(?::([^}]*))?\}/g, (_m, key: string, spec: string | undefined) => {
    const value = key === 'epoch' ? epoch + 1 : logs[key];
    if (value === undefined) throw new TesseraError(`modelCheckpoint: the filepath uses {${key}}, which is not in the logs (available: epoch, ${Object.keys(logs).join(', ')})`);
    if (!spec) return String(value);
    const m = /^(0?)(\d*)(?:\.(\d+))?([dfe])$/.exec(spec);
    if (!m) throw new TesseraError(`modelCheckpoint: unsupported format spec '${spec}' in '${template}' (use d, .Nf or .Ne)`);
    const [, zero, width, precision, type] = m;
    let s = type === 'd' ? String(Math.round(value)) : type === 'e' ? value.toExponential(Number(precision ?? 6)) : value.toFixed(Number(precision ?? 6));
    if (width) s = s.padStart(Number(width), zero ? '0' : ' ');
    return s;
  });
}
