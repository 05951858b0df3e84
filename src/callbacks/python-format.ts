/**
 * Number formatting as Python prints it. Keras's progress bar, filepath templates and CSV files
 * are Python format strings; producing the same text lets logs, file names and scripts written
 * against Keras output work unchanged.
 */

function special(v: number): string | null {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return null;
}

/**
 * `f'{v:.{digits}f}'`. Python rounds exact binary ties to even (`f'{2.5:.0f}'` is '2'), where
 * `toFixed` rounds them up; both agree everywhere else.
 */
export function pyFixed(v: number, digits: number): string {
  const s = special(v);
  if (s !== null) return s;
  const scale = 10 ** digits;
  const scaled = Math.abs(v) * scale;
  if (scaled % 1 === 0.5 && scaled / scale === Math.abs(v) && Number.isSafeInteger(Math.floor(scaled))) {
    const lower = Math.floor(scaled);
    const even = lower % 2 === 0 ? lower : lower + 1;
    return `${v < 0 ? '-' : ''}${(even / scale).toFixed(digits)}`;
  }
  return v.toFixed(digits);
}

/** `f'{v:.{digits}e}'`: the exponent has a sign and at least two digits (`1.0000e-05`). */
export function pyExponential(v: number, digits: number): string {
  const s = special(v);
  if (s !== null) return s;
  return v.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** `str(v)` of a Python float: shortest round-trip digits, `1.0` for integers, `1e-05` below 1e-4. */
export function pyFloat(v: number): string {
  const s = special(v);
  if (s !== null) return s;
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = v.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const text = String(v); // shortest digits in positional notation for this exponent range
  return /[.e]/.test(text) ? text : `${text}.0`;
}
