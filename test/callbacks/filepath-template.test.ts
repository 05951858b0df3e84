import { describe, expect, it } from 'vitest';
import { formatFilepath } from '../../src/callbacks/index.js';

// Expected strings are Python's: '{...}'.format(**logs) as Keras formats checkpoint paths.
describe('formatFilepath', () => {
  const cases: [string, Record<string, number>, string][] = [
    ['{val_loss:.2f}', { val_loss: 0.41666 }, '0.42'],
    ['{loss}', { loss: 0.5 }, '0.5'],
    ['{loss}', { loss: 1 }, '1.0'],
    ['{loss}', { loss: 1e-5 }, '1e-05'],
    ['{loss}', { loss: 1e16 }, '1e+16'],
    ['{loss}', { loss: 123456789012345.6 }, '123456789012345.6'],
    ['{loss:.3e}', { loss: 0.00012345 }, '1.234e-04'],
    ['{loss:E}', { loss: 12345.678 }, '1.234568E+04'],
    ['{acc:.1%}', { acc: 0.98765 }, '98.8%'],
    ['{loss:+.2f}', { loss: 1.234 }, '+1.23'],
    ['{loss:08.3f}', { loss: -1.5 }, '-001.500'],
    ['{loss:g}', { loss: 0.0001234 }, '0.0001234'],
    ['{loss:g}', { loss: 1234567 }, '1.23457e+06'],
    ['{loss:g}', { loss: 100000 }, '100000'],
    ['{loss:g}', { loss: 1e-5 }, '1e-05'],
    ['{loss:.3g}', { loss: 2 }, '2'],
    ['{loss:.2f}', { loss: NaN }, 'nan'],
    ['{loss:.0f}', { loss: 2.5 }, '2'],
    ['{loss:.2f}', { loss: 0.125 }, '0.12'],
    ['{loss:.2f}', { loss: 0.375 }, '0.38'],
  ];
  it.each(cases)('%s with %j gives %s', (template, logs, expected) => {
    expect(formatFilepath(template, 0, logs)).toBe(expected);
  });

  it('writes epoch and batch 1-based, with integer specs, alignment and escaped braces', () => {
    expect(formatFilepath('ckpt/{epoch:02d}', 2, {})).toBe('ckpt/03');
    expect(formatFilepath('{epoch:>4}|{epoch:<4}x|{epoch:*^7}', 6, {})).toBe('   7|7   x|***7***');
    expect(formatFilepath('{{literal}}-{epoch}-{batch:03d}', 0, {}, 41)).toBe('{literal}-1-042');
    expect(formatFilepath('{epoch:*^7}', 11, {})).toBe('**12***');
  });

  it('explains what it cannot format', () => {
    expect(() => formatFilepath('{batch}', 0, { loss: 1 })).toThrow('modelCheckpoint: the filepath uses {batch}, which is not in the logs (available: epoch, loss). Received: filepath={batch}');
    expect(() => formatFilepath('{loss:d}', 0, { loss: 0.5 })).toThrow('modelCheckpoint: {loss:d} formats integers, but loss is not one; use a float format such as {loss:.4f}. Received: loss=0.5');
    expect(() => formatFilepath('{loss:.2q}', 0, { loss: 0.5 })).toThrow("modelCheckpoint: unsupported format spec '{loss:.2q}' in the filepath");
  });
});
