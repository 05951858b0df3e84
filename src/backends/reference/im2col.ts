/**
 * im2col and col2im: the loops behind convolution, its gradients and patch extraction.
 * An image is [N, D, H, W, C] row-major (1D and 2D lift to this with size-1 leading axes);
 * a column buffer holds, for each window position (row), the window's cells [kD, kH, kW, c]
 * for a contiguous channel range, so conv = im2col · W without any transpose (channels-last).
 * Loops walk positions with incremental counters: no division or modulo per element.
 */
import type { TypedArray } from '../../core/dtype.js';

export interface Geom3 {
  /** Batch and channels of the image. */
  n: number;
  c: number;
  inD: number; inH: number; inW: number;
  /** Window-position grid. */
  outD: number; outH: number; outW: number;
  kD: number; kH: number; kW: number;
  sD: number; sH: number; sW: number;
  dD: number; dH: number; dW: number;
  /** Padding before each axis (the padding after only limits the grid, already in out*). */
  pD: number; pH: number; pW: number;
}

/** Number of window positions (rows of the column matrix). */
export function positions(g: Geom3): number {
  return g.n * g.outD * g.outH * g.outW;
}

/** Decomposes a flat position index into [n, od, oh, ow] (once per call, not per element). */
function position(g: Geom3, m: number): [number, number, number, number] {
  const ow = m % g.outW;
  let t = (m - ow) / g.outW;
  const oh = t % g.outH;
  t = (t - oh) / g.outH;
  const od = t % g.outD;
  return [(t - od) / g.outD, od, oh, ow];
}

/**
 * Writes `rows` rows of the column matrix, starting at position `m0`, into `cols`
 * (row length kD*kH*kW*cCount): channels [cStart, cStart+cCount) of each window cell,
 * `padValue` where the cell falls in the padding.
 */
export function im2col(
  x: TypedArray, g: Geom3, cols: TypedArray, m0: number, rows: number,
  cStart: number, cCount: number, padValue: number,
): void {
  const { c, inD, inH, inW, outD, outH, outW, kD, kH, kW, sD, sH, sW, dD, dH, dW, pD, pH, pW } = g;
  const rowW = kW * cCount;
  const rowH = kH * rowW;
  const imageSize = inD * inH * inW * c;
  // A whole kernel row is one contiguous run of x when it covers all channels without dilation.
  const contiguousRow = dW === 1 && cCount === c;
  let [n, od, oh, ow] = position(g, m0);
  let o = 0;
  for (let r = 0; r < rows; r++) {
    const base = n * imageSize + cStart;
    const iw0 = ow * sW - pW;
    const wInside = iw0 >= 0 && iw0 + (kW - 1) * dW < inW;
    for (let kd = 0; kd < kD; kd++) {
      const id = od * sD - pD + kd * dD;
      if (id < 0 || id >= inD) {
        cols.fill(padValue, o, o + rowH);
        o += rowH;
        continue;
      }
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * sH - pH + kh * dH;
        if (ih < 0 || ih >= inH) {
          cols.fill(padValue, o, o + rowW);
          o += rowW;
          continue;
        }
        const lineBase = base + (id * inH + ih) * inW * c;
        if (wInside && contiguousRow) {
          const src = lineBase + iw0 * c;
          for (let j = 0; j < rowW; j++) cols[o + j] = x[src + j]!;
          o += rowW;
          continue;
        }
        for (let kw = 0; kw < kW; kw++) {
          const iw = iw0 + kw * dW;
          if (iw < 0 || iw >= inW) {
            for (let j = 0; j < cCount; j++) cols[o + j] = padValue;
          } else {
            const src = lineBase + iw * c;
            for (let j = 0; j < cCount; j++) cols[o + j] = x[src + j]!;
          }
          o += cCount;
        }
      }
    }
    if (++ow === outW) {
      ow = 0;
      if (++oh === outH) {
        oh = 0;
        if (++od === outD) {
          od = 0;
          n++;
        }
      }
    }
  }
}

/**
 * The adjoint of im2col: adds each of `rows` column rows (starting at position `m0`) back into
 * channels [cStart, cStart+cCount) of the image `img`; cells in the padding are dropped.
 */
export function col2im(
  cols: TypedArray, g: Geom3, img: TypedArray, m0: number, rows: number, cStart: number, cCount: number,
): void {
  const { c, inD, inH, inW, outD, outH, outW, kD, kH, kW, sD, sH, sW, dD, dH, dW, pD, pH, pW } = g;
  const rowW = kW * cCount;
  const rowH = kH * rowW;
  const imageSize = inD * inH * inW * c;
  const contiguousRow = dW === 1 && cCount === c;
  let [n, od, oh, ow] = position(g, m0);
  let o = 0;
  for (let r = 0; r < rows; r++) {
    const base = n * imageSize + cStart;
    const iw0 = ow * sW - pW;
    const wInside = iw0 >= 0 && iw0 + (kW - 1) * dW < inW;
    for (let kd = 0; kd < kD; kd++) {
      const id = od * sD - pD + kd * dD;
      if (id < 0 || id >= inD) {
        o += rowH;
        continue;
      }
      for (let kh = 0; kh < kH; kh++) {
        const ih = oh * sH - pH + kh * dH;
        if (ih < 0 || ih >= inH) {
          o += rowW;
          continue;
        }
        const lineBase = base + (id * inH + ih) * inW * c;
        if (wInside && contiguousRow) {
          const dst = lineBase + iw0 * c;
          for (let j = 0; j < rowW; j++) img[dst + j] += cols[o + j]!;
          o += rowW;
          continue;
        }
        for (let kw = 0; kw < kW; kw++) {
          const iw = iw0 + kw * dW;
          if (iw >= 0 && iw < inW) {
            const dst = lineBase + iw * c;
            for (let j = 0; j < cCount; j++) img[dst + j] += cols[o + j]!;
          }
          o += cCount;
        }
      }
    }
    if (++ow === outW) {
      ow = 0;
      if (++oh === outH) {
        oh = 0;
        if (++od === outD) {
          od = 0;
          n++;
        }
      }
    }
  }
}

/** Rows per im2col chunk: bounded so the column buffer stays in cache and memory stays small. */
export function chunkRows(rowLength: number, totalRows: number): number {
  const CHUNK_ELEMENTS = 1 << 16;
  return Math.max(1, Math.min(totalRows, Math.floor(CHUNK_ELEMENTS / Math.max(rowLength, 1))));
}

/**
 * Depthwise convolution on column rows (one input channel per group): for each of `rows` rows
 * of cols [rows, kp, c], out[row, ch·mult + j] = Σ_k cols[row, k, ch] · w[k, ch·mult + j].
 * Replaces `c` tiny gemms whose inner loop would be `mult` long.
 */
export function depthwiseRows(cols: TypedArray, rows: number, kp: number, c: number, mult: number, w: TypedArray, out: TypedArray, outOffset: number): void {
  const f = c * mult;
  const acc = new Float64Array(f);
  for (let i = 0; i < rows; i++) {
    acc.fill(0);
    for (let k = 0; k < kp; k++) {
      const src = (i * kp + k) * c;
      const wk = k * f;
      if (mult === 1) {
        for (let ch = 0; ch < c; ch++) acc[ch] += cols[src + ch]! * w[wk + ch]!;
      } else {
        for (let ch = 0; ch < c; ch++) {
          const v = cols[src + ch]!;
          const o = ch * mult;
          for (let j = 0; j < mult; j++) acc[o + j] += v * w[wk + o + j]!;
        }
      }
    }
    const dst = outOffset + i * f;
    for (let j = 0; j < f; j++) out[dst + j] = acc[j]!;
  }
}

/**
 * The transpose of depthwiseRows: cols[row, k, ch] = Σ_j x[row, ch·mult + j] · w[k, ch·mult + j]
 * for `rows` rows of x (row length c·mult) starting at element `xOffset`.
 */
export function depthwiseColumns(x: TypedArray, xOffset: number, rows: number, kp: number, c: number, mult: number, w: TypedArray, cols: TypedArray): void {
  const f = c * mult;
  for (let i = 0; i < rows; i++) {
    const xi = xOffset + i * f;
    for (let k = 0; k < kp; k++) {
      const dst = (i * kp + k) * c;
      const wk = k * f;
      if (mult === 1) {
        for (let ch = 0; ch < c; ch++) cols[dst + ch] = x[xi + ch]! * w[wk + ch]!;
      } else {
        for (let ch = 0; ch < c; ch++) {
          const o = ch * mult;
          let s = 0;
          for (let j = 0; j < mult; j++) s += x[xi + o + j]! * w[wk + o + j]!;
          cols[dst + ch] = s;
        }
      }
    }
  }
}
