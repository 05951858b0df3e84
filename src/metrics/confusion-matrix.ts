/**
 * The multi-class confusion matrix (host-side, after predict): rows are true classes, columns
 * predicted classes, as sklearn and tf.math.confusion_matrix lay it out.
 */
import { TesseraError } from '../core/errors.js';

export function confusionMatrix(labels: ArrayLike<number>, predictions: ArrayLike<number>, numClasses: number): number[][] {
  if (labels.length !== predictions.length) {
    throw new TesseraError(`confusionMatrix: labels and predictions must have the same length. Received: ${labels.length} and ${predictions.length}`);
  }
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i]!;
    const p = predictions[i]!;
    if (!(t >= 0 && t < numClasses && p >= 0 && p < numClasses)) {
      throw new TesseraError(`confusionMatrix: classes must be in 0..${numClasses - 1}. Received: label ${t}, prediction ${p} at ${i}`);
    }
    m[t]![p]!++;
  }
  return m;
}

/** The matrix as aligned text lines with class names (truncated to 8 characters) on both axes. */
export function formatConfusionMatrix(matrix: readonly (readonly number[])[], classNames?: readonly string[]): string[] {
  const names = matrix.map((_, i) => (classNames?.[i] ?? String(i)).slice(0, 8));
  const width = Math.max(...names.map((n) => n.length), ...matrix.flat().map((v) => String(v).length)) + 1;
  const pad = (s: string): string => s.padStart(width);
  const lines = [`${'true\\pred'.padEnd(9)}${names.map(pad).join('')}`];
  matrix.forEach((row, i) => lines.push(`${names[i]!.padEnd(9)}${row.map((v) => pad(String(v))).join('')}`));
  return lines;
}
