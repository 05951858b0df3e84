/**
 * Plain-JS direct (naive loop) references for the conv family: written from the definitions,
 * independently of the im2col/gemm kernels, for the `reference:` checks of the op cases.
 */

export interface Geo {
  strides: number[];
  dilations: number[];
  pads: number[][];
  groups: number;
}

function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1]! * shape[i + 1]!;
  return s;
}

/** All multi-indices of a shape, row-major. */
function* indices(shape: readonly number[]): Generator<number[]> {
  const n = shape.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    yield idx.slice();
    for (let ax = shape.length - 1; ax >= 0; ax--) {
      if (++idx[ax]! < shape[ax]!) break;
      idx[ax] = 0;
    }
  }
}

function at(data: readonly number[], shape: readonly number[], idx: readonly number[]): number {
  const s = stridesOf(shape);
  return idx.reduce((o, v, i) => o + v * s[i]!, 0);
}

export function outSize(size: number, k: number, s: number, d: number, pb: number, pa: number): number {
  return Math.floor((size + pb + pa - ((k - 1) * d + 1)) / s) + 1;
}

/** TF 'same' padding pairs. */
export function samePads(sizes: number[], k: number[], s: number[], d: number[]): number[][] {
  return sizes.map((n, i) => {
    const total = Math.max((Math.ceil(n / s[i]!) - 1) * s[i]! + (k[i]! - 1) * d[i]! + 1 - n, 0);
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  });
}

/** Direct convolution, channels-last, kernel [k..., C/groups, F]. */
export function naiveConv(x: number[], xs: readonly number[], w: number[], ws: readonly number[], g: Geo): number[] {
  const r = xs.length - 2;
  const k = ws.slice(0, r);
  const cg = ws[r]!;
  const f = ws[r + 1]!;
  const fg = f / g.groups;
  const outSpatial = xs.slice(1, 1 + r).map((n, i) => outSize(n, k[i]!, g.strides[i]!, g.dilations[i]!, g.pads[i]![0]!, g.pads[i]![1]!));
  const out: number[] = [];
  for (const [n, ...rest] of indices([xs[0]!, ...outSpatial, f])) {
    const o = rest.slice(0, r);
    const fo = rest[r]!;
    const grp = Math.floor(fo / fg);
    let acc = 0;
    for (const kk of indices(k)) {
      const pos = o.map((oi, i) => oi * g.strides[i]! - g.pads[i]![0]! + kk[i]! * g.dilations[i]!);
      if (pos.some((p, i) => p < 0 || p >= xs[1 + i]!)) continue;
      for (let ci = 0; ci < cg; ci++) {
        acc += x[at(x, xs, [n!, ...pos, grp * cg + ci])]! * w[at(w, ws, [...kk, ci, fo])]!;
      }
    }
    out.push(acc);
  }
  return out;
}

/** Direct transposed convolution (scatter form), kernel [k..., out/groups, Cin]. */
export function naiveConvTranspose(x: number[], xs: readonly number[], w: number[], ws: readonly number[], g: Geo, outSpatial: number[]): number[] {
  const r = xs.length - 2;
  const k = ws.slice(0, r);
  const og = ws[r]!;
  const cin = ws[r + 1]!;
  const ig = cin / g.groups;
  const outShape = [xs[0]!, ...outSpatial, og * g.groups];
  const out = new Array<number>(outShape.reduce((a, b) => a * b, 1)).fill(0);
  for (const idx of indices(xs)) {
    const [n, ...rest] = idx;
    const i = rest.slice(0, r);
    const ci = rest[r]!;
    const grp = Math.floor(ci / ig);
    const v = x[at(x, xs, idx)]!;
    for (const kk of indices(k)) {
      const pos = i.map((ii, a) => ii * g.strides[a]! - g.pads[a]![0]! + kk[a]! * g.dilations[a]!);
      if (pos.some((p, a) => p < 0 || p >= outSpatial[a]!)) continue;
      for (let oc = 0; oc < og; oc++) {
        out[at(out, outShape, [n!, ...pos, grp * og + oc])]! += v * w[at(w, ws, [...kk, oc, ci])]!;
      }
    }
  }
  return out;
}

/** Direct pooling; padded cells are skipped (max) or excluded from the count (avg, unless includePad). */
export function naivePool(x: number[], xs: readonly number[], kind: 'max' | 'avg', pool: number[], strides: number[], pads: number[][], includePad = false): number[] {
  const r = xs.length - 2;
  const outSpatial = xs.slice(1, 1 + r).map((n, i) => outSize(n, pool[i]!, strides[i]!, 1, pads[i]![0]!, pads[i]![1]!));
  const out: number[] = [];
  for (const [n, ...rest] of indices([xs[0]!, ...outSpatial, xs[r + 1]!])) {
    const o = rest.slice(0, r);
    const c = rest[r]!;
    let best = -Infinity;
    let total = 0;
    let count = 0;
    for (const kk of indices(pool)) {
      const pos = o.map((oi, i) => oi * strides[i]! - pads[i]![0]! + kk[i]!);
      if (pos.some((p, i) => p < 0 || p >= xs[1 + i]!)) continue;
      const v = x[at(x, xs, [n!, ...pos, c])]!;
      best = Math.max(best, v);
      total += v;
      count++;
    }
    out.push(kind === 'max' ? best : total / (includePad ? pool.reduce((a, b) => a * b, 1) : count));
  }
  return out;
}

/** Direct 2-D resize of [N, H, W, C] with TF's coordinate rules (four taps per output pixel). */
export function naiveResize2d(x: number[], xs: readonly number[], size: number[], method: 'nearest' | 'bilinear', alignCorners: boolean, halfPixel: boolean): number[] {
  const [n, h, w, c] = xs as [number, number, number, number];
  const [oh, ow] = size as [number, number];
  const scale = (i: number, o: number): number => (alignCorners && o > 1 ? (i - 1) / (o - 1) : i / o);
  const sy = scale(h, oh);
  const sx = scale(w, ow);
  const get = (b: number, y: number, xx: number, ch: number): number => x[((b * h + y) * w + xx) * c + ch]!;
  const out: number[] = [];
  for (let b = 0; b < n; b++) {
    for (let y = 0; y < oh; y++) {
      for (let xx = 0; xx < ow; xx++) {
        for (let ch = 0; ch < c; ch++) {
          if (method === 'nearest') {
            const src = (o: number, s: number, len: number): number => {
              const v = halfPixel ? (o + 0.5) * s : o * s;
              return Math.min(alignCorners ? Math.round(v) : Math.floor(v), len - 1);
            };
            out.push(get(b, src(y, sy, h), src(xx, sx, w), ch));
            continue;
          }
          const cy = Math.max(halfPixel ? (y + 0.5) * sy - 0.5 : y * sy, 0);
          const cx = Math.max(halfPixel ? (xx + 0.5) * sx - 0.5 : xx * sx, 0);
          const y0 = Math.min(Math.floor(cy), h - 1);
          const x0 = Math.min(Math.floor(cx), w - 1);
          const y1 = Math.min(y0 + 1, h - 1);
          const x1 = Math.min(x0 + 1, w - 1);
          const fy = cy - Math.floor(cy);
          const fx = cx - Math.floor(cx);
          const top = get(b, y0, x0, ch) * (1 - fx) + get(b, y0, x1, ch) * fx;
          const bottom = get(b, y1, x0, ch) * (1 - fx) + get(b, y1, x1, ch) * fx;
          out.push(top * (1 - fy) + bottom * fy);
        }
      }
    }
  }
  return out;
}
