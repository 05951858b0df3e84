/**
 * ONNX operators that map onto one Tessera op or a few: elementwise math, activations, casts,
 * reductions, and the shape operators (whose shape-like inputs are folded to constants, see
 * OpContext.constant). Gradients are those of the Tessera ops.
 */
import type { DType } from '../../core/dtype.js';
import { broadcastShapes } from '../../core/shape.js';
import { arange, full, onesLike } from '../../core/creation.js';
import type { Tensor } from '../../core/tensor.js';
import * as ops from '../../ops/index.js';
import { normAxis, type OpContext, type OpImporter } from './context.js';
import { fromJSON, onnxDType } from './proto.js';

const unary = (f: (x: Tensor) => Tensor): OpImporter => (c) => f(c.x(0));
const isInt = (t: Tensor): boolean => t.dtype === 'int32' || t.dtype === 'int64';

/** Variadic elementwise ops (Sum, Max, …) fold their inputs pairwise. */
const variadic = (f: (a: Tensor, b: Tensor) => Tensor): OpImporter => (c) => c.inputs.filter((t): t is Tensor => !!t).reduce((a, b) => f(a, b));

/** ONNX Div truncates integers (shape arithmetic uses it); Tessera's div is true division. */
function divide(a: Tensor, b: Tensor): Tensor {
  if (!isInt(a) || !isInt(b)) return ops.div(a, b);
  const q = ops.div(ops.cast(a, 'float64'), ops.cast(b, 'float64'));
  return ops.cast(ops.where(ops.less(q, 0), ops.ceil(q), ops.floor(q)), a.dtype);
}

function reduce(f: (x: Tensor, axes: number[] | null, keep: boolean) => Tensor): OpImporter {
  return (c) => {
    const x = c.x(0);
    // Axes are an attribute up to opset 17 (ReduceSum: 12) and an input after.
    const axes = c.ints('axes') ?? c.optionalConstant(1, null);
    const keep = c.int('keepdims', 1) === 1;
    if (axes === null || axes.length === 0) {
      if (c.int('noop_with_empty_axes', 0) === 1) return x;
      return f(x, null, keep);
    }
    return f(x, axes.map((a) => normAxis(c, a, x.rank)), keep);
  };
}

function softmaxLike(f: (x: Tensor, axis: number) => Tensor): OpImporter {
  return (c) => {
    const x = c.x(0);
    // Before opset 13 Softmax flattened to 2-D at `axis` (default 1); from 13 it is one axis (default -1).
    if (c.opset >= 13) return f(x, normAxis(c, c.int('axis', -1), x.rank));
    const axis = normAxis(c, c.int('axis', 1), x.rank);
    const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    return ops.reshape(f(ops.reshape(x, [outer, -1]), 1), x.shape);
  };
}

function slice(c: OpContext): Tensor {
  const x = c.x(0);
  // Opset ≥ 10: starts/ends/axes/steps are inputs; before, attributes.
  const starts = c.opset >= 10 ? c.constant(1) : c.ints('starts')!;
  const ends = c.opset >= 10 ? c.constant(2) : c.ints('ends')!;
  const axes = (c.opset >= 10 ? c.optionalConstant(3, null) : c.ints('axes')) ?? starts.map((_, i) => i);
  const steps = (c.opset >= 10 ? c.optionalConstant(4, null) : null) ?? starts.map(() => 1);
  const begin: (number | null)[] = x.shape.map(() => 0);
  const end: (number | null)[] = [...x.shape];
  const strides = x.shape.map(() => 1);
  axes.forEach((a, i) => {
    const axis = normAxis(c, a, x.rank);
    const dim = x.shape[axis]!;
    const step = steps[i]!;
    if (step === 0) throw c.error('a slice step of 0. Received: steps[' + i + ']=0');
    const clampIndex = (v: number, lo: number, hi: number) => Math.min(Math.max(v < 0 ? v + dim : v, lo), hi);
    if (step > 0) {
      begin[axis] = clampIndex(starts[i]!, 0, dim);
      end[axis] = clampIndex(ends[i]!, 0, dim);
    } else {
      begin[axis] = clampIndex(starts[i]!, 0, dim - 1);
      const e = ends[i]! < -dim ? -1 : clampIndex(ends[i]!, -1, dim - 1);
      end[axis] = e === -1 ? null : e; // null: through index 0
    }
    strides[axis] = step;
  });
  return ops.stridedSlice(x, begin, end, strides);
}

function reshape(c: OpContext): Tensor {
  const x = c.x(0);
  const target = c.opset >= 5 ? c.constant(1) : c.ints('shape')!;
  const allowZero = c.int('allowzero', 0) === 1;
  return ops.reshape(x, target.map((d, i) => (d === 0 && !allowZero ? x.shape[i]! : d)));
}

function unsqueeze(c: OpContext): Tensor {
  const x = c.x(0);
  const given = c.opset >= 13 ? c.constant(1) : c.ints('axes')!;
  // Axes index the output, whose rank is the input's plus the axes inserted; insert in ascending order.
  const axes = given.map((a) => normAxis(c, a, x.rank + given.length)).sort((a, b) => a - b);
  return axes.reduce((t, a) => ops.expandDims(t, a), x);
}

function squeeze(c: OpContext): Tensor {
  const x = c.x(0);
  const axes = c.opset >= 13 ? c.optionalConstant(1, null) : c.ints('axes');
  return ops.squeeze(x, axes ? axes.map((a) => normAxis(c, a, x.rank)) : null);
}

function gather(c: OpContext): Tensor {
  const x = c.x(0);
  const axis = normAxis(c, c.int('axis', 0), x.rank);
  let indices = c.x(1);
  // Negative indices count from the end; fold them where the indices are known.
  if (indices._data !== null && Array.from(indices._data).some((v) => v < 0)) {
    const dim = x.shape[axis]!;
    indices = ops.where(ops.less(indices, 0), ops.add(indices, dim), indices);
  }
  return ops.gather(x, indices, axis);
}

function split(c: OpContext): Tensor[] {
  const x = c.x(0);
  const axis = normAxis(c, c.int('axis', 0), x.rank);
  const sizes = (c.opset >= 13 ? c.optionalConstant(1, null) : c.ints('split'));
  if (sizes) return ops.split(x, sizes, axis);
  const parts = c.int('num_outputs', c.node.outputs.length);
  const dim = x.shape[axis]!;
  const each = Math.ceil(dim / parts);
  return ops.split(x, Array.from({ length: parts }, (_, i) => Math.min(each, dim - i * each)), axis);
}

function pad(c: OpContext): Tensor {
  const x = c.x(0);
  const mode = c.string('mode', 'constant');
  if (mode !== 'constant' && mode !== 'reflect' && mode !== 'edge') c.unsupported('mode', mode, 'constant, reflect, edge');
  const pads = c.opset >= 11 ? c.constant(1) : c.ints('pads')!;
  const value = c.opset >= 11 ? (c.optionalConstant(2, [0])![0] ?? 0) : c.float('value', 0);
  const axes = (c.opset >= 18 ? c.optionalConstant(3, null) : null)?.map((a) => normAxis(c, a, x.rank)) ?? x.shape.map((_, i) => i);
  const pairs = x.shape.map(() => [0, 0] as [number, number]);
  axes.forEach((a, i) => { pairs[a] = [pads[i]!, pads[i + axes.length]!]; });
  return ops.pad(x, pairs, { mode, value });
}

function constant(c: OpContext): Tensor {
  const t = c.tensorAttr('value');
  if (t) return fromJSON(t);
  const f = c.node.attrs['value_float'];
  if (typeof f === 'number') return full([], f, 'float32');
  const fs = c.ints('value_floats');
  if (fs) return fromJSON({ dtype: 'float32', shape: [fs.length], data: fs });
  const i = c.node.attrs['value_int'];
  if (typeof i === 'number') return full([], i, 'int64');
  const is = c.ints('value_ints');
  if (is) return fromJSON({ dtype: 'int64', shape: [is.length], data: is });
  throw c.error('no supported value attribute (value, value_float(s), value_int(s))');
}

function castTo(c: OpContext): Tensor {
  return ops.cast(c.x(0), onnxDType(c.int('to', 1), `loadOnnx: Cast node '${c.node.name}'`));
}

function clip(c: OpContext): Tensor {
  const x = c.x(0);
  // Opset ≥ 11: min and max are optional inputs; before, attributes.
  const lo = c.opset >= 11 ? (c.has(1) ? c.x(1) : -Infinity) : c.float('min', -Infinity);
  const hi = c.opset >= 11 ? (c.has(2) ? c.x(2) : Infinity) : c.float('max', Infinity);
  return ops.clip(x, lo, hi);
}

function expand(c: OpContext): Tensor {
  const x = c.x(0);
  return ops.broadcastTo(x, broadcastShapes('Expand', x.shape, c.constant(1)));
}

function range(c: OpContext): Tensor {
  const [start, limit, delta] = [c.constant(0)[0]!, c.constant(1)[0]!, c.constant(2)[0]!];
  return ops.cast(arange(start, limit, delta), c.x(0).dtype);
}

function dropout(c: OpContext): Tensor | (Tensor | null)[] {
  const x = c.x(0);
  const ratio = c.opset >= 12 ? (c.optionalConstant(1, [0.5])![0] ?? 0.5) : c.float('ratio', 0.5);
  const training = c.opset >= 12 && c.has(2) ? c.constant(2)[0] === 1 : c.training;
  const y = training && ratio > 0 ? ops.dropout(x, ratio) : x;
  return c.node.outputs.length > 1 ? [y, ops.cast(onesLike(x), 'bool')] : y;
}

const cmp = (f: (a: Tensor, b: Tensor) => Tensor): OpImporter => (c) => f(c.x(0), c.x(1));

export const BASIC_OPS: Record<string, OpImporter> = {
  Identity: unary((x) => x),
  Add: cmp(ops.add), Sub: cmp(ops.sub), Mul: cmp(ops.mul), Div: cmp(divide), Pow: cmp(ops.pow),
  // fmod=1 is C's fmod (the dividend's sign); fmod=0 the divisor's sign, as Tessera's mod.
  Mod: (c) => {
    const [a, b] = [c.x(0), c.x(1)];
    if (c.int('fmod', 0) === 0) return ops.mod(a, b);
    const q = ops.div(a, b);
    return ops.sub(a, ops.mul(b, ops.where(ops.less(q, 0), ops.ceil(q), ops.floor(q))));
  },
  Sum: variadic(ops.add), Max: variadic(ops.maximum), Min: variadic(ops.minimum),
  Mean: (c) => ops.div(variadic(ops.add)(c) as Tensor, c.inputs.filter(Boolean).length),
  Equal: cmp(ops.equal), Less: cmp(ops.less), Greater: cmp(ops.greater), LessOrEqual: cmp(ops.lessEqual), GreaterOrEqual: cmp(ops.greaterEqual),
  And: cmp(ops.logicalAnd), Or: cmp(ops.logicalOr), Xor: cmp(ops.logicalXor), Not: unary(ops.logicalNot),
  Where: (c) => ops.where(c.x(0), c.x(1), c.x(2)),
  // Tessera's own exports use IsNaN (max pooling and reductions propagate NaN as PyTorch does).
  IsNaN: unary(ops.isNaN),
  IsInf: (c) => {
    const x = c.x(0);
    const inf = ops.logicalAnd(ops.logicalNot(ops.isFinite(x)), ops.logicalNot(ops.isNaN(x)));
    const neg = c.int('detect_negative', 1) === 1;
    const pos = c.int('detect_positive', 1) === 1;
    if (neg && pos) return inf;
    if (!neg && !pos) return ops.logicalAnd(inf, ops.logicalNot(inf));
    return ops.logicalAnd(inf, pos ? ops.greater(x, 0) : ops.less(x, 0));
  },
  Relu: unary(ops.relu), Sigmoid: unary(ops.sigmoid), Tanh: unary(ops.tanh), Exp: unary(ops.exp), Log: unary(ops.log),
  Sqrt: unary(ops.sqrt), Neg: unary(ops.neg), Abs: unary(ops.abs), Reciprocal: unary(ops.reciprocal), Erf: unary(ops.erf),
  Softplus: unary(ops.softplus), Floor: unary(ops.floor), Ceil: unary(ops.ceil), Round: unary(ops.round), Sign: unary(ops.sign),
  Sin: unary(ops.sin), Cos: unary(ops.cos),
  Elu: (c) => ops.elu(c.x(0), c.float('alpha', 1)),
  Selu: (c) => {
    if (Math.abs(c.float('alpha', 1.67326319217681884765625) - 1.6732632) > 1e-6 || Math.abs(c.float('gamma', 1.05070102214813232421875) - 1.0507010) > 1e-6) {
      c.unsupported('alpha/gamma', [c.float('alpha', 0), c.float('gamma', 0)], 'the standard SELU constants');
    }
    return ops.selu(c.x(0));
  },
  LeakyRelu: (c) => ops.leakyRelu(c.x(0), c.float('alpha', 0.01)),
  HardSigmoid: (c) => ops.clip(ops.add(ops.mul(c.x(0), c.float('alpha', 0.2)), c.float('beta', 0.5)), 0, 1),
  Softmax: softmaxLike(ops.softmax), LogSoftmax: softmaxLike(ops.logSoftmax),
  Clip: clip, Cast: castTo, Dropout: dropout, Constant: constant,
  ReduceMean: reduce(ops.mean), ReduceSum: reduce(ops.sum), ReduceMax: reduce(ops.max), ReduceMin: reduce(ops.min), ReduceProd: reduce(ops.prod),
  Shape: (c) => {
    const shape = c.x(0).shape;
    const r = shape.length;
    const norm = (v: number) => Math.min(Math.max(v < 0 ? v + r : v, 0), r);
    const dims = shape.slice(norm(c.int('start', 0)), Math.max(norm(c.int('start', 0)), norm(c.int('end', r))));
    return fromJSON({ dtype: 'int64', shape: [dims.length], data: [...dims] });
  },
  Size: (c) => full([], c.x(0).size, 'int64'),
  ConstantOfShape: (c) => {
    const value = c.tensorAttr('value');
    const dtype: DType = value?.dtype ?? 'float32';
    return full(c.constant(0), value?.data[0] ?? 0, dtype);
  },
  Reshape: reshape,
  Flatten: (c) => {
    const x = c.x(0);
    const axis = c.int('axis', 1) < 0 ? c.int('axis', 1) + x.rank : c.int('axis', 1);
    const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    return ops.reshape(x, [outer, -1]);
  },
  Transpose: (c) => {
    const x = c.x(0);
    return ops.transpose(x, c.ints('perm') ?? x.shape.map((_, i) => x.rank - 1 - i));
  },
  Squeeze: squeeze, Unsqueeze: unsqueeze,
  Concat: (c) => {
    const xs = c.inputs.filter((t): t is Tensor => !!t);
    return ops.concat(xs, normAxis(c, c.int('axis', 0), xs[0]!.rank));
  },
  Split: split, Slice: slice, Gather: gather, Expand: expand, Range: range, Pad: pad,
  Tile: (c) => ops.tile(c.x(0), c.constant(1)),
};
