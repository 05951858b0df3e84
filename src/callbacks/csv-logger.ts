/**
 * Writes each epoch's logs as a CSV row (Keras's CSVLogger): columns `epoch` (0-based) then the
 * log names sorted, numbers as Python's str() writes them, so files match Keras's. Lines end in
 * '\n' (Keras's csv module writes '\r\n'; '\n' is what JavaScript tools expect).
 */
import { TesseraError } from '../core/errors.js';
import { registerSerializable, type Config } from '../io/serialization.js';
import { Callback, type Logs } from './callback.js';
import { exists, nodeFs } from '../io/node-fs.js';
import { pyFloat } from './python-format.js';

export interface CSVLoggerOptions {
  filename: string;
  /** Default ','. */
  separator?: string;
  /** Add to an existing file (no second header) instead of overwriting it. Default false. */
  append?: boolean;
}

const WHO = 'csvLogger';

export class CSVLogger extends Callback {
  readonly className = 'CSVLogger';
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | null = null;
  private writeHeader = true;

  constructor(opts: CSVLoggerOptions) {
    super();
    if (typeof opts.filename !== 'string' || !opts.filename) throw new TesseraError(`csvLogger: filename must be a non-empty path. Received: filename=${String(opts.filename)}`);
    const sep = opts.separator ?? ',';
    if (typeof sep !== 'string' || sep.length !== 1 || sep === '"' || sep === '\n' || sep === '\r') {
      throw new TesseraError(`csvLogger: separator must be one character other than a quote or a line break. Received: separator=${JSON.stringify(sep)}`);
    }
    this.filename = opts.filename;
    this.separator = sep;
    this.append = opts.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    const fs = await nodeFs(WHO);
    this.keys = null;
    if (this.append && (await exists(fs, this.filename))) {
      this.writeHeader = (await fs.readFile(this.filename, 'utf8')).length === 0;
    } else {
      this.writeHeader = true;
      await fs.writeFile(this.filename, '');
    }
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    if (this.keys === null) {
      this.keys = Object.keys(logs).sort();
      // As Keras: without validation logs in the first row, val_ columns are kept for later
      // epochs (validationFreq > 1), shown as NA until they come. learning_rate has no val_ twin.
      if (this.keys.length && !this.keys.some((k) => k.startsWith('val_'))) {
        this.keys.push(...this.keys.filter((k) => k !== 'learning_rate').map((k) => `val_${k}`));
      }
    }
    let text = '';
    if (this.writeHeader) {
      text += this.row(['epoch', ...this.keys]);
      this.writeHeader = false;
    }
    text += this.row([String(epoch), ...this.keys.map((k) => (logs[k] === undefined ? 'NA' : pyFloat(logs[k]!)))]);
    await (await nodeFs(WHO)).appendFile(this.filename, text);
  }

  private row(cells: string[]): string {
    return `${cells.map((c) => this.quote(c)).join(this.separator)}\n`;
  }

  /** Quotes a cell holding the separator, a quote or a line break (as Python's csv module). */
  private quote(cell: string): string {
    return cell.includes(this.separator) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }

  getConfig(): Config {
    return { filename: this.filename, separator: this.separator, append: this.append };
  }
}

export function csvLogger(opts: CSVLoggerOptions): CSVLogger {
  return new CSVLogger(opts);
}

registerSerializable('callback', 'CSVLogger', (c) => new CSVLogger(c as unknown as CSVLoggerOptions));
