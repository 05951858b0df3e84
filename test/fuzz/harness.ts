/**
 * Runs fuzz cases against a parser and checks the three things issue 10 asks of every parser on
 * hostile input: it loads or throws the project's own error (TesseraError and subclasses: anything
 * else — a TypeError, a RangeError, a library's own error — is a bug), within a bounded time per
 * case, and within bounded memory (the process's peak RSS, which also sees an allocation that was
 * made and freed within the case, may not grow by more than `maxRssGrowthMB` over the run).
 *
 * Case counts and the seed come from the environment so that `npm run fuzz` runs the same tests
 * longer: FUZZ_SCALE (multiplies each test's own count, the npm test budget; `npm run fuzz` sets 10),
 * FUZZ_CASES (one count for every parser instead), FUZZ_SEED (default 1). A failure names the seed
 * and the case index; FUZZ_ONLY=<index> reruns one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { TesseraError } from '../../src/core/errors.js';
import { Rng, caseSeed } from './mutate.js';

export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 1);

/** The number of cases for a parser: FUZZ_CASES when set, else `fallback` (the npm test budget) × FUZZ_SCALE. */
export function fuzzCases(fallback: number): number {
  const n = Number(process.env['FUZZ_CASES']);
  if (Number.isInteger(n) && n > 0) return n;
  const scale = Number(process.env['FUZZ_SCALE']);
  return Number.isFinite(scale) && scale > 0 ? Math.max(1, Math.round(fallback * scale)) : fallback;
}

/** Whether a run is the long `npm run fuzz` (cases get more time then). */
export const LONG_RUN = process.env['FUZZ_CASES'] !== undefined || process.env['FUZZ_SCALE'] !== undefined;

/** The time one fuzz test (all its cases) may take. */
export const FUZZ_TEST_TIMEOUT = LONG_RUN ? 3_600_000 : 600_000;

export interface FuzzStats {
  parser: string;
  cases: number;
  loaded: number;
  refused: number;
  worstMs: number;
  totalMs: number;
  rssGrowthMB: number;
}

export interface FuzzOptions {
  /** Cases to run (default fuzzCases(defaultCases)). */
  cases: number;
  /** Most wall-clock time one case may take. */
  caseTimeoutMs?: number;
  /** Most growth of the process's peak RSS over the run. */
  maxRssGrowthMB?: number;
}

function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** What a rejection must be: the project's own error type, with a message. */
const kinds = new Map<string, number>();
const firstCase = new Map<string, number>();

function checkRejection(parser: string, index: number, e: unknown): void {
  if (e instanceof TesseraError && e.message.length > 0) {
    // FUZZ_VERBOSE=1 lists the kinds of refusal reached (paths and numbers folded together).
    if (process.env['FUZZ_VERBOSE']) {
      const kind = e.message.replace(/\/tmp\/\S+/g, 'FILE').replace(/\d+/g, 'N').slice(0, 150);
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (!firstCase.has(kind)) firstCase.set(kind, index);
    }
    return;
  }
  const what = e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack ?? ''}` : `a thrown ${typeof e}: ${String(e)}`;
  throw new Error(`${parser} fuzz case ${index} (FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY=${index}) threw something other than a TesseraError: ${what}`);
}

/**
 * Runs `cases` fuzz cases: `make(rng, index)` builds the hostile input, `load(input, index)` parses it
 * (it may return normally or throw a TesseraError). Returns counts for the report.
 */
export async function fuzz<T>(parser: string, opts: FuzzOptions, make: (rng: Rng, index: number) => T | Promise<T>, load: (input: T, index: number) => unknown): Promise<FuzzStats> {
  const caseTimeoutMs = opts.caseTimeoutMs ?? 2_000;
  const maxGrowth = opts.maxRssGrowthMB ?? 512;
  const only = process.env['FUZZ_ONLY'] === undefined ? null : Number(process.env['FUZZ_ONLY']);
  const rssStart = peakRssMB();
  const stats: FuzzStats = { parser, cases: 0, loaded: 0, refused: 0, worstMs: 0, totalMs: 0, rssGrowthMB: 0 };
  for (let i = 0; i < opts.cases; i++) {
    if (only !== null && i !== only) continue;
    // FUZZ_PROGRESS=1 names each case before it runs: a case that hangs the thread is the last named.
    if (process.env['FUZZ_PROGRESS']) process.stderr.write(`[fuzz] ${parser} case ${i}\n`);
    const input = await make(new Rng(caseSeed(FUZZ_SEED, parser, i)), i);
    // FUZZ_DUMP=<folder> (with FUZZ_ONLY) writes the case's input there to inspect it.
    if (process.env['FUZZ_DUMP'] && only !== null) dump(process.env['FUZZ_DUMP'], parser, i, input);
    const t0 = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), caseTimeoutMs);
    });
    const outcome = await Promise.race([
      Promise.resolve().then(() => load(input, i)).then(() => 'loaded' as const, (e: unknown) => {
        checkRejection(parser, i, e);
        return 'refused' as const;
      }),
      timeout,
    ]);
    clearTimeout(timer);
    const ms = performance.now() - t0;
    // A synchronous parser cannot be interrupted: its time is checked once it returns.
    if (outcome === 'timeout' || ms > caseTimeoutMs) {
      throw new Error(`${parser} fuzz case ${index(i)} took ${Math.round(ms)} ms (limit ${caseTimeoutMs} ms)`);
    }
    const growth = peakRssMB() - rssStart;
    if (growth > maxGrowth) throw new Error(`${parser} fuzz case ${index(i)}: peak RSS grew by ${Math.round(growth)} MB (limit ${maxGrowth} MB)`);
    stats.cases++;
    stats[outcome]++;
    stats.worstMs = Math.max(stats.worstMs, ms);
    stats.totalMs += ms;
  }
  stats.rssGrowthMB = Math.round(peakRssMB() - rssStart);
  report(stats);
  if (process.env['FUZZ_VERBOSE']) {
    for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${n}\t#${firstCase.get(kind)}\t${kind}`);
    kinds.clear();
    firstCase.clear();
  }
  return stats;
}

function dump(dir: string, parser: string, i: number, input: unknown): void {
  mkdirSync(dir, { recursive: true });
  const parts = input instanceof Uint8Array ? { bin: input } : typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : { value: input };
  const flat = (prefix: string, v: unknown): void => {
    if (v instanceof Uint8Array) writeFileSync(join(dir, `${parser}-${i}-${prefix}`), v);
    else if (typeof v === 'string') writeFileSync(join(dir, `${parser}-${i}-${prefix}.txt`), v);
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) flat(`${prefix}.${k}`, x);
    else writeFileSync(join(dir, `${parser}-${i}-${prefix}.json`), JSON.stringify(v));
  };
  for (const [k, v] of Object.entries(parts)) flat(k, v);
}

const index = (i: number): string => `${i} (FUZZ_SEED=${FUZZ_SEED} FUZZ_ONLY=${i})`;

/** One line per parser; `npm run fuzz` collects these for the record. */
function report(s: FuzzStats): void {
  if (!LONG_RUN && !process.env['FUZZ_REPORT']) return;
  console.log(`[fuzz] ${s.parser}: ${s.cases} cases, ${s.loaded} loaded, ${s.refused} refused (TesseraError), worst ${s.worstMs.toFixed(1)} ms, total ${(s.totalMs / 1000).toFixed(1)} s, peak RSS +${s.rssGrowthMB} MB`);
}

/** Both outcomes were reached: the mutator neither breaks everything nor nothing. */
export function expectBothOutcomes(s: FuzzStats): void {
  expect(s.refused).toBeGreaterThan(0);
  expect(s.loaded + s.refused).toBe(s.cases);
}
