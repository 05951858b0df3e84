/**
 * Ratings in the MovieLens formats (user, item, rating, timestamp): `ratings.csv` of ml-latest /
 * ml-25m (header userId,movieId,rating,timestamp), `ratings.dat` of ml-1m/10m (`::`-separated) and
 * `u.data` of ml-100k (tab-separated). User and item ids become dense indices 0..n-1 for Embedding
 * layers; the maps back to the original ids are kept.
 */
// The browser build (self-contained ESM) works in Node too; the Node build needs Node's Buffer.
import { parse } from 'csv-parse/browser/esm/sync';
import { TesseraError } from '../../core/errors.js';
import { readFileText } from '../../io/node-fs.js';
import { Tensor, fromData } from '../../core/tensor.js';
import { Dataset, fromArrays } from '../dataset.js';
import { hostRandom, randomPermutation } from '../random.js';

export interface Ratings {
  /** Dense user and item indices, one per rating. */
  users: Int32Array;
  items: Int32Array;
  ratings: Float32Array;
  /** Seconds since 1970 (0 when the file has none). */
  timestamps: Float64Array;
  /** The original id of each dense index. */
  userIds: string[];
  itemIds: string[];
  readonly numUsers: number;
  readonly numItems: number;
  readonly size: number;
  /** `[[user, item] int32 [2], rating float32]` elements. */
  dataset(): Dataset<readonly [Tensor, Tensor]>;
  /** {user [n], item [n]} int32 and rating [n] float32 tensors, for `fit` with a two-input model. */
  tensors(): { user: Tensor; item: Tensor; rating: Tensor };
  /** Splits into [train, test]: `random` (seeded) or by `time` (the latest ratings are the test set). */
  split(testFraction: number, options?: { by?: 'random' | 'time'; seed?: number }): [Ratings, Ratings];
}

export type RatingsFormat = 'csv' | 'dat' | 'tsv';

function detectFormat(firstLine: string): RatingsFormat {
  if (firstLine.includes('::')) return 'dat';
  if (firstLine.includes('\t')) return 'tsv';
  return 'csv';
}

class RatingsTable implements Ratings {
  constructor(
    readonly users: Int32Array, readonly items: Int32Array, readonly ratings: Float32Array, readonly timestamps: Float64Array,
    readonly userIds: string[], readonly itemIds: string[],
  ) {}

  get numUsers(): number { return this.userIds.length; }
  get numItems(): number { return this.itemIds.length; }
  get size(): number { return this.ratings.length; }

  dataset(): Dataset<readonly [Tensor, Tensor]> {
    const rows = Array.from({ length: this.size }, (_, i) => i);
    return fromArrays(rows).map((i) => [fromData(Int32Array.of(this.users[i]!, this.items[i]!), [2], 'int32'), fromData(Float32Array.of(this.ratings[i]!), [], 'float32')] as const);
  }

  tensors(): { user: Tensor; item: Tensor; rating: Tensor } {
    const n = this.size;
    return { user: fromData(this.users.slice(), [n], 'int32'), item: fromData(this.items.slice(), [n], 'int32'), rating: fromData(this.ratings.slice(), [n], 'float32') };
  }

  private subset(rows: ArrayLike<number>): RatingsTable {
    const pick = <A extends Int32Array | Float32Array | Float64Array>(a: A): A => {
      const out = new (a.constructor as new (n: number) => A)(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]!]!;
      return out;
    };
    // The index spaces stay those of the whole file, so a model trained on one split scores the other.
    return new RatingsTable(pick(this.users), pick(this.items), pick(this.ratings), pick(this.timestamps), this.userIds, this.itemIds);
  }

  split(testFraction: number, options: { by?: 'random' | 'time'; seed?: number } = {}): [Ratings, Ratings] {
    if (!(testFraction > 0 && testFraction < 1)) throw new TesseraError(`ratings.split: testFraction must be in (0, 1). Received: testFraction=${testFraction}`);
    const n = this.size;
    let order: Int32Array;
    if ((options.by ?? 'random') === 'time') {
      order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => this.timestamps[a]! - this.timestamps[b]! || a - b);
    } else {
      order = randomPermutation(n, hostRandom(options.seed ?? 0));
    }
    const nTest = Math.round(n * testFraction);
    return [this.subset(order.subarray(0, n - nTest)), this.subset(order.subarray(n - nTest))];
  }
}

/** Parses ratings text; `source` names the file in errors. */
export function parseRatings(text: string, options: { format?: RatingsFormat; source?: string } = {}): Ratings {
  const source = options.source ?? 'ratings data';
  const newline = text.indexOf('\n');
  const format = options.format ?? detectFormat(newline < 0 ? text : text.slice(0, newline));
  let records: string[][];
  try {
    records = format === 'csv'
      ? parse(text, { bom: true, skip_empty_lines: true, trim: true })
      : text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => l.split(format === 'dat' ? '::' : '\t'));
  } catch (e) {
    throw new TesseraError(`loadRatings: ${source} is not valid CSV: ${(e as Error).message}`);
  }
  // ratings.csv has a header row; the .dat and u.data formats do not.
  const hasHeader = format === 'csv' && records.length > 0 && !Number.isFinite(Number(records[0]![2]));
  if (hasHeader) records = records.slice(1);
  const lineOf = (i: number): number => i + (hasHeader ? 2 : 1); // 1-based, as an editor shows it
  if (records.length === 0) throw new TesseraError(`loadRatings: ${source} holds no ratings`);
  const n = records.length;
  const users = new Int32Array(n);
  const items = new Int32Array(n);
  const ratings = new Float32Array(n);
  const timestamps = new Float64Array(n);
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const indexOf = (m: Map<string, number>, id: string): number => {
    let k = m.get(id);
    if (k === undefined) m.set(id, (k = m.size));
    return k;
  };
  records.forEach((r, i) => {
    if (r.length < 3) throw new TesseraError(`loadRatings: ${source} line ${lineOf(i)} needs user, item, rating[, timestamp]. Received: ${r.length} field${r.length === 1 ? '' : 's'}`);
    const rating = Number(r[2]);
    if (!Number.isFinite(rating)) throw new TesseraError(`loadRatings: ${source} line ${lineOf(i)} has a rating that is not a number. Received: '${r[2]}'`);
    const ts = r.length > 3 ? Number(r[3]) : 0;
    if (!Number.isFinite(ts)) throw new TesseraError(`loadRatings: ${source} line ${lineOf(i)} has a timestamp that is not a number. Received: '${r[3]}'`);
    users[i] = indexOf(userIndex, r[0]!.trim());
    items[i] = indexOf(itemIndex, r[1]!.trim());
    ratings[i] = rating;
    timestamps[i] = ts;
  });
  return new RatingsTable(users, items, ratings, timestamps, [...userIndex.keys()], [...itemIndex.keys()]);
}

/** Loads a MovieLens-format ratings file (format detected from its first line unless given). */
export async function loadRatings(path: string, options: { format?: RatingsFormat } = {}): Promise<Ratings> {
  const text = await readFileText('loadRatings', path);
  return parseRatings(text, { format: options.format, source: `'${path}'` });
}
