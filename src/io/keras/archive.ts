/**
 * Reading the members of a `.keras` archive (a zip) without trusting it. fflate parses and inflates;
 * around it this file checks what fflate does not: the end-of-central-directory record before any
 * entry is read (so a forged entry count cannot make the loop run for billions of iterations), every
 * entry's name (no `..`, absolute or drive paths: a hostile archive is refused outright, even though
 * nothing is ever extracted to disk), duplicate names, declared sizes against a byte limit and against
 * what deflate can possibly expand to, and each member's CRC-32. fflate inflates into a buffer of the
 * declared size and never grows it, so a member that inflates to more than it declares cannot allocate
 * more than the limit either.
 */
import { unzipSync } from 'fflate';
import { TesseraError } from '../../core/errors.js';

export interface ArchiveLimits {
  /** Largest total of the members read (declared uncompressed bytes). */
  maxBytes: number;
  /** Most entries an archive may list. */
  maxEntries: number;
}

/** Deflate's best ratio is about 1032:1; a member declaring more than this is forged. */
const MAX_DEFLATE_RATIO = 1100;
const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;

const u16 = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u32 = (b: Uint8Array, i: number): number => (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
/** A 64-bit little-endian field as a number (exact below 2^53; larger ones fail the bounds checks anyway). */
const u64 = (b: Uint8Array, i: number): number => u32(b, i) + u32(b, i + 4) * 2 ** 32;

/** The entry count and central directory extent from the end record (zip64 too), checked against the file. */
function centralDirectory(who: string, data: Uint8Array, limits: ArchiveLimits): { count: number; offset: number; size: number } {
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  let at = -1;
  for (let i = data.length - 22; i >= lowest; i--) {
    if (u32(data, i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new TesseraError(`${who}: not a zip archive (no end-of-central-directory record); a .keras file is a zip of config.json, metadata.json and model.weights.h5. Received: ${data.length} bytes starting ${hexStart(data)}`);
  let count = u16(data, at + 10);
  let size = u32(data, at + 12);
  let offset = u32(data, at + 16);
  if (at >= 20 && u32(data, at - 20) === EOCD64_LOCATOR) {
    const z = u64(data, at - 12);
    if (z + 56 > data.length || u32(data, z) !== EOCD64) throw new TesseraError(`${who}: the zip64 end record points outside the file. Received: offset ${z} in ${data.length} bytes`);
    count = u64(data, z + 32);
    size = u64(data, z + 40);
    offset = u64(data, z + 48);
  }
  if (count > limits.maxEntries) throw new TesseraError(`${who}: the archive lists too many entries (at most ${limits.maxEntries}). Received: ${count} entries`);
  // Each central directory entry takes at least 46 bytes, so a count the directory cannot hold is forged.
  if (offset + size > data.length || count * 46 > size) {
    throw new TesseraError(`${who}: the zip central directory is inconsistent (${count} entries in ${size} bytes at offset ${offset}). Received: a ${data.length}-byte file`);
  }
  return { count, offset, size };
}

function hexStart(data: Uint8Array): string {
  return `0x${[...data.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Entry names that could escape a folder if extracted: refused even though nothing is extracted here. */
export function unsafeEntryName(name: string): boolean {
  return name.length === 0 || name.includes('\0') || name.includes('\\') || name.startsWith('/')
    || /^[A-Za-z]:/.test(name) || name.split('/').some((part) => part === '..');
}

let crcTable: Uint32Array | null = null;

export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The CRC-32 recorded for each entry in the central directory, by name (fflate does not expose it). */
function recordedCrcs(data: Uint8Array, offset: number, count: number): Map<string, number> {
  const out = new Map<string, number>();
  const decoder = new TextDecoder();
  let p = offset;
  for (let i = 0; i < count && p + 46 <= data.length; i++) {
    const nameLength = u16(data, p + 28);
    const name = decoder.decode(data.subarray(p + 46, p + 46 + nameLength));
    out.set(name, u32(data, p + 16));
    p += 46 + nameLength + u16(data, p + 30) + u16(data, p + 32);
  }
  return out;
}

/**
 * The wanted members of a zip archive (absent ones are missing from the map). `who` starts every
 * error message (the caller and the file).
 */
export function readArchiveMembers(who: string, data: Uint8Array, wanted: readonly string[], limits: ArchiveLimits): Map<string, Uint8Array> {
  const { count, offset } = centralDirectory(who, data, limits);
  const seen = new Set<string>();
  let total = 0;
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(data, {
      filter(file) {
        if (unsafeEntryName(file.name)) throw new TesseraError(`${who}: the archive holds an entry with an unsafe path (absolute, '..' or '\\'). Received: ${JSON.stringify(file.name.slice(0, 200))}`);
        if (seen.has(file.name)) throw new TesseraError(`${who}: the archive holds '${file.name}' twice; each member must appear once. Received: a duplicate entry`);
        seen.add(file.name);
        if (seen.size > limits.maxEntries) throw new TesseraError(`${who}: the archive holds too many entries (at most ${limits.maxEntries}). Received: more than ${limits.maxEntries}`);
        if (!wanted.includes(file.name)) return false;
        if (file.compression !== 0 && file.compression !== 8) {
          throw new TesseraError(`${who}: '${file.name}' uses zip compression method ${file.compression}; only stored (0) and deflate (8) are read. Received: method ${file.compression}`);
        }
        const declared = file.originalSize;
        const bound = file.compression === 0 ? file.size : file.size * MAX_DEFLATE_RATIO + 1024;
        if (declared > bound || file.size > data.length) {
          throw new TesseraError(`${who}: '${file.name}' declares ${declared} bytes from ${file.size} compressed bytes, more than ${file.compression === 0 ? 'stored data can hold' : 'deflate can produce'}. Received: a forged size`);
        }
        total += declared;
        if (total > limits.maxBytes) {
          throw new TesseraError(`${who}: the archive's members need more than the ${limits.maxBytes}-byte limit (option maxBytes). Received: '${file.name}' declaring ${declared} bytes`);
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof TesseraError) throw e;
    throw new TesseraError(`${who}: the zip archive is damaged (${(e as Error).message}). Received: ${data.length} bytes`);
  }
  const crcs = recordedCrcs(data, offset, count);
  const out = new Map<string, Uint8Array>();
  for (const name of wanted) {
    const bytes = members[name];
    if (!bytes) continue;
    if (crc32(bytes) !== crcs.get(name)) throw new TesseraError(`${who}: '${name}' fails its CRC-32 check (the archive is damaged or was altered). Received: ${bytes.length} bytes`);
    out.set(name, bytes);
  }
  return out;
}
