/**
 * File access for the callbacks that write files (checkpoints, backups, CSV logs). `node:fs` is
 * imported lazily, inside the call, so the package still loads in a browser; there these
 * callbacks fail with an error that names them.
 */
import { TesseraError } from '../core/errors.js';

export type NodeFs = typeof import('node:fs/promises');

export async function nodeFs(who: string): Promise<NodeFs> {
  try {
    return await import('node:fs/promises');
  } catch {
    throw new TesseraError(`${who}: writing files needs Node.js file access (node:fs), which this environment (a browser?) does not have`);
  }
}

/** The folder part of a path ('' when there is none); both separators, as paths may come from Windows. */
export function dirname(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i <= 0 ? (i === 0 ? path.slice(0, 1) : '') : path.slice(0, i);
}

export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * Writes `data` to `file` atomically: a temporary file beside it, fsync, rename. A run killed
 * while writing leaves the previous file whole (rename replaces a file in one step).
 */
export async function writeFileAtomic(who: string, file: string, data: string): Promise<void> {
  const fs = await nodeFs(who);
  const tmp = `${file}.tmp-${typeof process !== 'undefined' ? process.pid : 0}-${Date.now()}`;
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}

export async function exists(fs: NodeFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}
