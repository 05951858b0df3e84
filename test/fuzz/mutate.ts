/**
 * A small structure-aware mutator for the parser fuzz tests. Every mutation starts from a VALID seed
 * file (made in memory by the test) and breaks it the way a hostile or damaged file would: bytes
 * flipped, truncated or extended; length, size, count and offset fields set to huge, negative
 * (two's-complement), zero or overlapping values; chunks, entries and protobuf fields duplicated,
 * deleted or swapped; JSON values replaced with wrong types, huge numbers, deep nesting, wrong dtype
 * strings. Deterministic: a case is reproduced from (seed, parser, case index) alone.
 */

/** mulberry32: a tiny, fast, seeded PRNG (uniform in [0, 1)). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A per-case seed from the run's seed, the parser's name and the case index (FNV-1a). */
export function caseSeed(seed: number, parser: string, index: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (const c of `${parser}#${index}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

/** Integers that break size arithmetic: zero, one, sign and width boundaries, powers of two. */
export const INTERESTING = [
  0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256, 1023, 1024, 4095, 4096, 65535, 65536,
  0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 2 ** 31 - 8, 2 ** 32 + 1, 2 ** 40, 2 ** 53 - 1,
];

/** A field of a binary format: its byte offset, width and byte order. */
export interface Field {
  at: number;
  bytes: 1 | 2 | 4 | 8;
  bigEndian?: boolean;
}

/** A chunk, entry or record of a binary format: [start, end). */
export interface Span {
  start: number;
  end: number;
}

export function writeUint(out: Uint8Array, f: Field, value: number): void {
  let v = BigInt.asUintN(f.bytes * 8, BigInt(Math.trunc(value)));
  for (let i = 0; i < f.bytes; i++) {
    const at = f.bigEndian ? f.at + f.bytes - 1 - i : f.at + i;
    if (at >= 0 && at < out.length) out[at] = Number(v & 0xffn);
    v >>= 8n;
  }
}

export function readUint(b: Uint8Array, f: Field): number {
  let v = 0;
  for (let i = f.bytes - 1; i >= 0; i--) v = v * 256 + (b[f.bigEndian ? f.at + f.bytes - 1 - i : f.at + i] ?? 0);
  return v;
}

/** A value for a size/offset/count field: interesting, negative, off by a little, or a multiple of the old one. */
function fieldValue(rng: Rng, old: number, fileLength: number): number {
  switch (rng.int(6)) {
    case 0: return rng.pick(INTERESTING);
    case 1: return -1 - rng.int(1024); // written two's-complement: huge when read unsigned
    case 2: return old + rng.int(17) - 8;
    case 3: return old * rng.pick([2, 3, 1000, 65536]);
    case 4: return fileLength + rng.int(64) - 32;
    default: return rng.int(Math.max(1, fileLength));
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Unstructured byte mutations: flips, random bytes, truncation, extension, insertion, deletion, duplication. */
export function mutateBytes(rng: Rng, input: Uint8Array): Uint8Array {
  let b: Uint8Array = new Uint8Array(input);
  const n = b.length;
  switch (rng.int(8)) {
    case 0: {
      for (let k = 1 + rng.int(8); k > 0 && n; k--) b[rng.int(n)]! ^= 1 << rng.int(8);
      return b;
    }
    case 1: {
      for (let k = 1 + rng.int(16); k > 0 && n; k--) b[rng.int(n)] = rng.pick([0, 0xff, 0x7f, 0x80, rng.int(256)]);
      return b;
    }
    case 2: return b.slice(0, rng.int(n + 1)); // truncated
    case 3: return concat([b, randomBytes(rng, 1 + rng.int(rng.chance(0.1) ? 65536 : 64))]); // trailing junk
    case 4: {
      const at = rng.int(n + 1);
      return concat([b.subarray(0, at), randomBytes(rng, 1 + rng.int(32)), b.subarray(at)]);
    }
    case 5: {
      const at = rng.int(n + 1);
      return concat([b.subarray(0, at), b.subarray(Math.min(n, at + 1 + rng.int(64)))]);
    }
    case 6: {
      const a = rng.int(n + 1);
      const e = Math.min(n, a + 1 + rng.int(256));
      const to = rng.int(n + 1);
      return concat([b.subarray(0, to), b.subarray(a, e), b.subarray(to)]);
    }
    default: {
      if (n >= 4) writeUint(b, { at: rng.int(n - 3), bytes: 4, bigEndian: rng.chance(0.5) }, rng.pick(INTERESTING));
      b = b.slice();
      return b;
    }
  }
}

export function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

/** Sets one of the format's length/size/count/offset fields to a hostile value. */
export function mutateField(rng: Rng, input: Uint8Array, fields: readonly Field[]): Uint8Array {
  const out = new Uint8Array(input);
  if (!fields.length) return mutateBytes(rng, out);
  const f = rng.pick(fields);
  writeUint(out, f, fieldValue(rng, readUint(out, f), out.length));
  return out;
}

/** Deletes, duplicates, swaps or truncates whole chunks / entries / records. */
export function mutateSpans(rng: Rng, input: Uint8Array, spans: readonly Span[]): Uint8Array {
  if (!spans.length) return mutateBytes(rng, input);
  const s = rng.pick(spans);
  const before = input.subarray(0, s.start);
  const body = input.subarray(s.start, s.end);
  const after = input.subarray(s.end);
  switch (rng.int(4)) {
    case 0: return concat([before, after]);
    case 1: return concat([before, body, ...Array.from({ length: 1 + rng.int(rng.chance(0.2) ? 200 : 3) }, () => body), after]);
    case 2: {
      const t = rng.pick(spans);
      if (t.start >= s.end) return concat([before, input.subarray(t.start, t.end), input.subarray(s.end, t.start), body, input.subarray(t.end)]);
      return concat([before, body, body, after]);
    }
    default: return concat([before, body.subarray(0, rng.int(body.length + 1)), after]);
  }
}

// ---------------------------------------------------------------------------------------------
// JSON

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container path in a JSON value (arrays and objects), root included. */
function containers(v: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v !== null && typeof v === 'object') {
    out.push(path);
    if (out.length > 10_000) return out;
    if (Array.isArray(v)) v.forEach((x, i) => containers(x, [...path, i], out));
    else for (const [k, x] of Object.entries(v)) containers(x, [...path, k], out);
  }
  return out;
}

function at(v: Json, path: readonly (string | number)[]): Json {
  let cur: Json = v;
  for (const p of path) cur = (cur as Record<string | number, Json>)[p]!;
  return cur;
}

/** Values that a parser might trust: wrong types, huge and negative sizes, wrong dtype strings, deep nesting. */
export function hostileValue(rng: Rng, old: Json): Json {
  switch (rng.int(12)) {
    case 0: return null;
    case 1: return rng.pick([1e12, 2 ** 53, 1e308, -1, -(2 ** 31), 0, 0.5, 2 ** 31, 4294967296]);
    case 2: return typeof old === 'number' ? old * rng.pick([-1, 0, 1e6, 1e9, 0.5]) + rng.pick([0, 1, -1]) : rng.int(1 << 20);
    case 3: return rng.pick(['', 'float65', 'F128', 'I64', 'BF16', 'complex64', 'string', 'object', '__proto__', 'constructor', '\u0000', 'x'.repeat(10_000)]);
    case 4: return Array.isArray(old) ? [...old, ...old] : [old];
    case 5: return Array.isArray(old) ? old.slice(0, rng.int(old.length + 1)) : {};
    case 6: return deepNest(rng.pick([40, 200, 5000]), rng.chance(0.5));
    case 7: return Array.from({ length: rng.pick([3, 100]) }, () => rng.pick(INTERESTING) * (rng.chance(0.3) ? -1 : 1));
    case 8: return rng.chance(0.5) ? true : false;
    case 9: return typeof old === 'string' ? old + rng.pick(['_1', '/..', '\\', '"', '']) : String(old);
    case 10: return { class_name: rng.pick(['Lambda', 'TFOpLambda', '__lambda__', 'Dense', 'Nope']), config: { function: 'lambda x: __import__("os").system("x")' } };
    default: return { className: rng.pick(['Dense', 'Conv2D', 'Nope', '__proto__', 'Function']), config: { units: rng.pick([1e9, 1e5, -1]) } };
  }
}

/**
 * Deep nesting, as a marker string that `jsonText` expands: a value 5,000 levels deep would overflow
 * the stack of JSON.stringify and structuredClone in the mutator itself, before the parser sees it.
 */
export function deepNest(depth: number, asArray: boolean): Json {
  return `__DEEP_${depth}_${asArray ? 'a' : 'o'}__`;
}

/** JSON text of a mutated value, deep-nesting markers expanded. */
export function jsonText(v: Json): string {
  return JSON.stringify(v).replace(/"__DEEP_(\d+)_([ao])__"/g, (_, n: string, kind: string) =>
    kind === 'a' ? `${'['.repeat(Number(n))}0${']'.repeat(Number(n))}` : `${'{"a":'.repeat(Number(n))}0${'}'.repeat(Number(n))}`);
}

/** One structural edit of a JSON value (a deep copy is edited): replace, delete, duplicate, swap or add. */
export function mutateJson(rng: Rng, input: Json): Json {
  const root = structuredClone(input);
  const paths = containers(root);
  if (!paths.length) return hostileValue(rng, root);
  const path = rng.pick(paths);
  const c = at(root, path) as Record<string, Json> | Json[];
  const keys = Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c);
  if (!keys.length) {
    if (Array.isArray(c)) c.push(hostileValue(rng, null));
    else c[rng.pick(['name', 'dtype', 'shape', 'units', 'x'])] = hostileValue(rng, null);
    return root;
  }
  const key = rng.pick(keys as (string | number)[]);
  const rec = c as Record<string | number, Json>;
  switch (rng.int(6)) {
    case 0:
    case 1:
    case 2: rec[key] = hostileValue(rng, rec[key]!); break;
    case 3: if (Array.isArray(c)) c.splice(key as number, 1); else delete rec[key]; break;
    case 4: if (Array.isArray(c)) c.splice(key as number, 0, structuredClone(c[key as number]!)); else rec[`${key}_copy`] = structuredClone(rec[key]!); break;
    default: {
      const other = rng.pick(keys as (string | number)[]);
      const t = rec[key]!;
      rec[key] = rec[other]!;
      rec[other] = t;
    }
  }
  return root;
}

/** Several JSON edits in a row (`count` 1..n), or the text itself damaged (truncated, junk inserted). */
export function mutateJsonText(rng: Rng, input: Json, maxEdits = 3): string {
  let v = input;
  for (let k = 1 + rng.int(maxEdits); k > 0; k--) v = mutateJson(rng, v);
  const text = jsonText(v);
  if (rng.chance(0.15)) {
    const bytes = mutateBytes(rng, new TextEncoder().encode(text));
    return new TextDecoder().decode(bytes);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Protocol buffers (ONNX): a wire-format walker so that lengths, varints and fields can be edited.

export interface PbField {
  /** The whole field (tag included). */
  start: number;
  end: number;
  /** The length prefix of a length-delimited field (start, end of the varint), else null. */
  lengthAt: Span | null;
  /** The payload of a length-delimited field. */
  body: Span | null;
  wireType: number;
  /** The enclosing length-delimited fields, innermost first (their lengths are fixed up after an edit). */
  parents: PbField[];
}

function readVarint(b: Uint8Array, p: number): [number, number] | null {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (p + i >= b.length) return null;
    const x = b[p + i]!;
    v += (x & 0x7f) * mul;
    mul *= 128;
    if (!(x & 0x80)) return [v, p + i + 1];
  }
  return null;
}

function encodeVarint(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return Uint8Array.from(out);
}

/** The fields of a message in [start, end) and, recursively, of sub-messages (null when it does not parse). */
export function pbFields(b: Uint8Array, start = 0, end = b.length, depth = 0, out: PbField[] = [], parents: PbField[] = []): PbField[] | null {
  let p = start;
  const mine: PbField[] = [];
  while (p < end) {
    const tag = readVarint(b, p);
    if (!tag || tag[0] === 0) return null;
    const wire = tag[0] % 8;
    let q = tag[1];
    let lengthAt: Span | null = null;
    let body: Span | null = null;
    if (wire === 0) {
      const v = readVarint(b, q);
      if (!v) return null;
      q = v[1];
    } else if (wire === 1) q += 8;
    else if (wire === 5) q += 4;
    else if (wire === 2) {
      const len = readVarint(b, q);
      if (!len) return null;
      lengthAt = { start: q, end: len[1] };
      body = { start: len[1], end: len[1] + len[0] };
      q = body.end;
    } else return null;
    if (q > end) return null;
    mine.push({ start: p, end: q, lengthAt, body, wireType: wire, parents });
    p = q;
  }
  out.push(...mine);
  if (depth < 12) for (const f of mine) if (f.body && f.body.end > f.body.start) pbFields(b, f.body.start, f.body.end, depth + 1, out, [f, ...parents]);
  return out;
}

/**
 * Replaces bytes [start, end) with `replacement` and rewrites the length prefixes of the enclosing
 * fields so that the message still parses (the edit stays structural instead of breaking the framing).
 */
function pbSplice(input: Uint8Array, f: PbField, start: number, end: number, replacement: Uint8Array): Uint8Array {
  let out = concat([input.subarray(0, start), replacement, input.subarray(end)]);
  let delta = replacement.length - (end - start);
  // Innermost first: each prefix lies before the edit and before the inner prefixes, so positions hold.
  for (const parent of f.parents) {
    const newLength = parent.body!.end - parent.body!.start + delta;
    const prefix = encodeVarint(BigInt(newLength));
    out = concat([out.subarray(0, parent.lengthAt!.start), prefix, out.subarray(parent.lengthAt!.end)]);
    delta += prefix.length - (parent.lengthAt!.end - parent.lengthAt!.start);
  }
  return out;
}

/** A protobuf edit: a length prefix set to a hostile value, a varint replaced, a field deleted or duplicated. */
export function mutateProtobuf(rng: Rng, input: Uint8Array): Uint8Array {
  const fields = pbFields(input) ?? [];
  if (!fields.length || rng.chance(0.1)) return mutateBytes(rng, input);
  const f = rng.pick(fields);
  const fixed = rng.chance(0.8); // mostly keep the enclosing framing valid
  const splice = (start: number, end: number, bytes: Uint8Array): Uint8Array =>
    fixed ? pbSplice(input, f, start, end, bytes) : concat([input.subarray(0, start), bytes, input.subarray(end)]);
  switch (rng.int(5)) {
    case 0: {
      if (!f.lengthAt) break;
      const old = f.body!.end - f.body!.start;
      const value = BigInt(Math.trunc(fieldValue(rng, old, input.length)));
      return concat([input.subarray(0, f.lengthAt.start), encodeVarint(value), input.subarray(f.lengthAt.end)]);
    }
    case 1: {
      if (f.wireType !== 0) break;
      const tag = readVarint(input, f.start)!;
      const value = rng.chance(0.5) ? BigInt(rng.pick(INTERESTING)) : -BigInt(1 + rng.int(1000));
      return splice(tag[1], f.end, encodeVarint(value));
    }
    case 2: return splice(f.start, f.end, new Uint8Array(0));
    case 3: {
      if (!f.body) break;
      // The payload of a bytes/string field (raw_data, a name, a dims packing) damaged or resized.
      const body = input.subarray(f.body.start, f.body.end);
      const edited = mutateBytes(rng, body);
      const prefix = encodeVarint(BigInt(edited.length));
      return splice(f.lengthAt!.start, f.body.end, concat([prefix, edited]));
    }
    default: break;
  }
  const copies = Array.from({ length: 1 + rng.int(rng.chance(0.1) ? 100 : 2) }, () => input.subarray(f.start, f.end));
  return splice(f.end, f.end, concat(copies));
}
