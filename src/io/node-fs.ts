/**
 * File access for what reads or writes files (checkpoints, backups, CSV logs, data loaders).
 * `node:fs` is imported lazily, inside the call, so the package still loads in a browser; there
 * these functions fail with an error that names the caller.
 */
import { TesseraError } from '../core/errors.js';

export type NodeFs = typeof import('node:fs/promises');

export async function nodeFs(who: string): Promise<NodeFs> {
  try {
    return await import('node:fs/promises');
  } catch {
    throw new TesseraError(`${who}: file access needs Node.js (node:fs), which this environment (a browser?) does not have`);
  }
}

/** The bytes of a file, or an error naming the caller and the file. */
export async function readFileBytes(who: string, path: string): Promise<Uint8Array> {
  const fs = await nodeFs(who);
  try {
    return await fs.readFile(path);
  } catch (e) {
    throw new TesseraError(`${who}: cannot read '${path}': ${(e as Error).message}`);
  }
}

/** The text of a UTF-8 file, or an error naming the caller and the file. */
export async function readFileText(who: string, path: string): Promise<string> {
  return new TextDecoder().decode(await readFileBytes(who, path));
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
 * Writes `data` to `file` atomically: a temporary file beside it, fsync, rename, fsync of the
 * folder. A run killed while writing leaves the previous file whole (rename replaces a file in one
 * step); the folder's fsync makes the new name survive a power loss too.
 */
export async function writeFileAtomic(who: string, file: string, data: Uint8Array | string): Promise<void> {
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
  await syncDirectory(fs, dirname(file) || '.');
}

/**
 * Flushes a folder's entries (a rename's new name) to disk, so that after a power loss the file is
 * there under its new name, not just its data. A process killed by a signal needs no fsync (the
 * kernel holds the writes); a crashed machine does. Windows cannot open folders: skipped there.
 */
async function syncDirectory(fs: NodeFs, dir: string): Promise<void> {
  let handle: Awaited<ReturnType<NodeFs['open']>> | null = null;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported here (Windows, some network file systems): the rename itself was atomic.
  } finally {
    await handle?.close();
  }
}

export async function exists(fs: NodeFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}
