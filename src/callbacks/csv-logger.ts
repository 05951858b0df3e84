import { TesseraError } from '../core/errors.js';
import { Callback, type Logs } from './callback.js';
import { nodeFs } from './files.js';

/** Appends one row per epoch (epoch, then the logs' keys sorted) to a CSV file (Keras CSVLogger). */
export class CSVLogger extends Callback {
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | null = null;
  private writeHeader = true;

  constructor({ filename, separator = ',', append = false }: { filename: string; separator?: string; append?: boolean }) {
    super();
    if (typeof filename !== 'string' || !filename) throw new TesseraError(`csvLogger: filename is required. Received: ${JSON.stringify(filename)}`);
    this.filename = filename;
    this.separator = separator;
    this.append = append;
  }

  override async onTrainBegin(): Promise<void> {
    const fs = await nodeFs('csvLogger');
    this.keys = null;
    if (this.append) {
      const existing = await fs.readFile(this.filename, 'utf8').catch(() => '');
      this.writeHeader = existing.trim().length === 0;
    } else {
      await fs.writeFile(this.filename, '');
      this.writeHeader = true;
    }
  }

  override async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    const fs = await nodeFs('csvLogger');
    this.keys ??= Object.keys(logs).sort();
    const cell = (v: number | string): string => {
      const s = String(v);
      return s.includes(this.separator) || s.includes('"') ? `"${s.replace(/"/g, '""')}"` : s;
    };
    let text = '';
    if (this.writeHeader) {
      text += ['epoch', ...this.keys].map(cell).join(this.separator) + '\n';
      this.writeHeader = false;
    }
    text += [epoch, ...this.keys.map((k) => (k in logs ? logs[k]! : 'NA'))].map(cell).join(this.separator) + '\n';
    await fs.appendFile(this.filename, text);
  }
}
