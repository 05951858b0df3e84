/**
 * Tabular data from CSV: typed columns, numeric columns standardised, categorical columns one-hot,
 * a label column. What the first (training) file learns — column types, means and deviations,
 * categories, label classes — is a `TabularSchema` (plain JSON) that encodes later files (test,
 * prediction) the same way. Parsing is csv-parse's (quotes, embedded newlines, BOM).
 */
// The browser build (self-contained ESM) works in Node too; the Node build needs Node's Buffer.
import { parse } from 'csv-parse/browser/esm/sync';
import { TesseraError } from '../../core/errors.js';
import { readFileText } from '../../io/node-fs.js';
import { Tensor, fromData } from '../../core/tensor.js';
import { Dataset, fromTensors } from '../dataset.js';

export type ColumnType = 'numeric' | 'categorical' | 'ignore';

export interface ColumnSchema {
  name: string;
  type: 'numeric' | 'categorical';
  /** numeric: the mean and standard deviation used to standardise (mean 0 / std 1 when not normalising). */
  mean?: number;
  std?: number;
  /** categorical: the categories in one-hot order (unseen values encode as all zeros). */
  categories?: string[];
}

export interface TabularSchema {
  columns: ColumnSchema[];
  label?: { name: string; type: 'numeric' | 'categorical'; classes?: string[] };
}

export interface LoadCsvOptions {
  /** The column to predict; left out of the features. */
  label?: string;
  /** `categorical` (default when its values are not all numbers): class indices; `numeric`: float values. */
  labelType?: 'numeric' | 'categorical';
  /** Column types that override inference (a column of numbers is numeric, anything else categorical). */
  columns?: Readonly<Record<string, ColumnType>>;
  /** Standardise numeric columns to mean 0, standard deviation 1 (default true). */
  normalize?: boolean;
  /** Encode with a schema learned on another file (the training set) instead of learning one. */
  schema?: TabularSchema;
  delimiter?: string;
  /**
   * Most features per row after one-hot expansion (default 10,000): a column of ids or free text read
   * as categorical would otherwise make the features rows × distinct values.
   */
  maxFeatures?: number;
}

export interface TabularData {
  /** [rows, features] float32. */
  features: Tensor;
  /** [rows] int32 class indices (categorical label) or float32 values (numeric); null without a label. */
  labels: Tensor | null;
  /** The name of each feature column after one-hot expansion (`colour=red`). */
  featureNames: string[];
  schema: TabularSchema;
  /** Rows as `[features [d], label]` elements. */
  dataset(): Dataset<readonly [Tensor, Tensor]>;
}

const DEFAULT_MAX_FEATURES = 10_000;

/** The cell values that count as missing: they encode as the column mean (numbers) or all zeros (categories). */
export const isMissing = (v: string): boolean => v === '' || v === 'NA' || v === 'NaN' || v === '?';
const isNumber = (v: string): boolean => v.trim() !== '' && Number.isFinite(Number(v));

/** Parses CSV text with a header row into records; `source` names the file in errors. */
export function parseCsv(text: string, source = 'CSV data', delimiter = ','): { header: string[]; rows: string[][] } {
  let records: string[][];
  try {
    records = parse(text, { delimiter, bom: true, skip_empty_lines: true, trim: true, relax_quotes: false });
  } catch (e) {
    throw new TesseraError(`parseCsv: ${source} is not valid CSV: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new TesseraError(`parseCsv: ${source} is empty; expected a header row and data rows`);
  const [header, ...rows] = records as [string[], ...string[][]];
  if (new Set(header).size !== header.length) throw new TesseraError(`parseCsv: ${source} has duplicate column names. Received: ${header.join(', ')}`);
  return { header, rows };
}

function learnSchema(header: string[], rows: string[][], options: LoadCsvOptions, source: string): TabularSchema {
  const normalize = options.normalize ?? true;
  const columns: ColumnSchema[] = [];
  for (const name of Object.keys(options.columns ?? {})) {
    if (!header.includes(name)) throw new TesseraError(`loadCsv: ${source} has no column '${name}' (named in options.columns). Received columns: ${header.join(', ')}`);
  }
  header.forEach((name, c) => {
    if (name === options.label) return;
    const values = rows.map((r) => r[c]!);
    const present = values.filter((v) => !isMissing(v));
    const declared = options.columns?.[name];
    if (declared === 'ignore') return;
    const type = declared ?? (present.length > 0 && present.every(isNumber) ? 'numeric' : 'categorical');
    if (type === 'numeric') {
      const bad = present.find((v) => !isNumber(v));
      if (bad !== undefined) throw new TesseraError(`loadCsv: ${source} column '${name}' is numeric but holds '${bad}'`);
      const xs = present.map(Number);
      const mean = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
      const variance = xs.length ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length : 0;
      columns.push({ name, type, mean: normalize ? mean : 0, std: normalize && variance > 0 ? Math.sqrt(variance) : 1 });
    } else {
      columns.push({ name, type, categories: [...new Set(present)].sort() });
    }
  });
  if (options.label === undefined) return { columns };
  const labelValues = rows.map((r) => r[header.indexOf(options.label!)]!);
  const type = options.labelType ?? (labelValues.every(isNumber) && labelValues.every((v) => Number.isInteger(Number(v)) && Number(v) >= 0) ? 'categorical' : labelValues.every(isNumber) ? 'numeric' : 'categorical');
  const classes = type === 'categorical'
    ? [...new Set(labelValues)].sort((a, b) => (isNumber(a) && isNumber(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0))
    : undefined;
  return { columns, label: { name: options.label, type, classes } };
}

/** Encodes parsed rows with a schema: standardised numbers (missing → the mean, i.e. 0), one-hot categories. */
export function encodeRows(header: string[], rows: string[][], schema: TabularSchema, source = 'CSV data', maxFeatures = DEFAULT_MAX_FEATURES): { features: Float32Array; width: number; featureNames: string[]; labels: Int32Array | Float32Array | null } {
  const index = (name: string): number => {
    const c = header.indexOf(name);
    if (c < 0) throw new TesseraError(`loadCsv: ${source} has no column '${name}'. Received columns: ${header.join(', ')}`);
    return c;
  };
  const featureNames: string[] = [];
  for (const col of schema.columns) {
    if (col.type === 'numeric') featureNames.push(col.name);
    else for (const cat of col.categories!) featureNames.push(`${col.name}=${cat}`);
  }
  const width = featureNames.length;
  if (width > maxFeatures) {
    const widest = schema.columns.filter((c) => c.type === 'categorical').sort((a, b) => b.categories!.length - a.categories!.length)[0];
    const hint = widest ? `; column '${widest.name}' has ${widest.categories!.length} categories — if it is an id or free text, leave it out with columns: { ${widest.name}: 'ignore' }` : '';
    throw new TesseraError(`loadCsv: ${source}: one-hot encoding would make ${width} features per row, more than maxFeatures=${maxFeatures}${hint}. Received: ${width} features`);
  }
  const features = new Float32Array(rows.length * width);
  const positions = schema.columns.map((col) => index(col.name));
  rows.forEach((row, r) => {
    if (row.length !== header.length) throw new TesseraError(`loadCsv: ${source} row ${r + 2} has ${row.length} fields, expected ${header.length}`);
    let k = r * width;
    schema.columns.forEach((col, j) => {
      const v = row[positions[j]!]!;
      if (col.type === 'numeric') {
        if (!isMissing(v) && !isNumber(v)) throw new TesseraError(`loadCsv: ${source} row ${r + 2} column '${col.name}' must be a number. Received: '${v}'`);
        features[k++] = isMissing(v) ? 0 : (Number(v) - col.mean!) / col.std!;
      } else {
        const at = col.categories!.indexOf(v);
        if (at >= 0) features[k + at] = 1;
        k += col.categories!.length;
      }
    });
  });
  let labels: Int32Array | Float32Array | null = null;
  if (schema.label) {
    const c = index(schema.label.name);
    const { type, classes } = schema.label;
    labels = type === 'numeric' ? new Float32Array(rows.length) : new Int32Array(rows.length);
    rows.forEach((row, r) => {
      const v = row[c]!;
      if (type === 'numeric') {
        if (!isNumber(v)) throw new TesseraError(`loadCsv: ${source} row ${r + 2} label '${schema.label!.name}' must be a number. Received: '${v}'`);
        labels![r] = Number(v);
      } else {
        const at = classes!.indexOf(v);
        if (at < 0) throw new TesseraError(`loadCsv: ${source} row ${r + 2} has label '${v}', not one of the classes the schema knows (${classes!.join(', ')})`);
        labels![r] = at;
      }
    });
  }
  return { features, width, featureNames, labels };
}

/** Loads a CSV file (with a header row) as features and labels; see LoadCsvOptions. */
export async function loadCsv(pathOrText: string, options: LoadCsvOptions & { text?: boolean } = {}): Promise<TabularData> {
  let text: string;
  const source = options.text ? 'CSV text' : `'${pathOrText}'`;
  if (options.text) text = pathOrText;
  else text = await readFileText('loadCsv', pathOrText);
  const { header, rows } = parseCsv(text, source, options.delimiter);
  if (options.label !== undefined && !header.includes(options.label)) {
    throw new TesseraError(`loadCsv: ${source} has no label column '${options.label}'. Received columns: ${header.join(', ')}`);
  }
  if (rows.length === 0) throw new TesseraError(`loadCsv: ${source} has a header but no data rows`);
  const schema = options.schema ?? learnSchema(header, rows, options, source);
  const maxFeatures = options.maxFeatures ?? DEFAULT_MAX_FEATURES;
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) throw new TesseraError(`loadCsv: maxFeatures must be an integer ≥ 1. Received: maxFeatures=${String(options.maxFeatures)}`);
  const enc = encodeRows(header, rows, schema, source, maxFeatures);
  const features = fromData(enc.features, [rows.length, enc.width], 'float32');
  const labels = enc.labels ? fromData(enc.labels, [rows.length], enc.labels instanceof Int32Array ? 'int32' : 'float32') : null;
  return {
    features,
    labels,
    featureNames: enc.featureNames,
    schema,
    dataset: () => {
      if (!labels) throw new TesseraError(`loadCsv: ${source} was loaded without a label column; pass options.label to get [features, label] elements`);
      return fromTensors([features, labels] as const);
    },
  };
}
