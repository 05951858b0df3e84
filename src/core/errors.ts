/** Errors raised by Tessera carry the op (or file) they concern, and end with what was received. */
export class TesseraError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TesseraError';
  }
}

/** A shape, dtype or argument error raised while building the graph, naming the op. */
export class OpError extends TesseraError {
  constructor(readonly op: string, detail: string) {
    super(`${op}: ${detail}`);
    this.name = 'OpError';
  }
}

export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}
