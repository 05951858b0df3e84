/** Where the CLI writes: process streams in use, buffers in tests. */
import type { ProgbarStream } from '../callbacks/progbar.js';

export interface CliIO {
  out: ProgbarStream;
  err: ProgbarStream;
}

export const processIO = (): CliIO => ({ out: process.stdout, err: process.stderr });

export const line = (stream: ProgbarStream, text = ''): void => {
  stream.write(`${text}\n`);
};
