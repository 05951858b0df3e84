/**
 * ONNX's recurrent operators (LSTM, GRU, RNN — what PyTorch's exporter emits for nn.LSTM/GRU/RNN)
 * unrolled into Tessera ops over the time steps. The input projection of all steps is one MatMul;
 * each step adds the recurrent projection. Gate orders are ONNX's: LSTM i, o, f, c; GRU z, r, h.
 * Only the default activations are supported (a different one is named in an error).
 */
import { zeros } from '../../core/creation.js';
import type { Tensor } from '../../core/tensor.js';
import * as ops from '../../ops/index.js';
import { sliceAxis } from '../../ops/shape/slice.js';
import type { OpContext, OpImporter } from './context.js';

type Cell = (xw: Tensor, h: Tensor, c: Tensor | null, r: Tensor, rb: Tensor) => { h: Tensor; c: Tensor | null };

const cols = (t: Tensor, k: number, hidden: number): Tensor => sliceAxis(t, t.rank - 1, k * hidden, (k + 1) * hidden);

const lstmCell = (hidden: number): Cell => (xw, h, c, r, rb) => {
  const g = ops.add(ops.add(xw, ops.matmul(h, r, { transposeB: true })), rb);
  const i = ops.sigmoid(cols(g, 0, hidden));
  const o = ops.sigmoid(cols(g, 1, hidden));
  const f = ops.sigmoid(cols(g, 2, hidden));
  const cNext = ops.add(ops.mul(f, c!), ops.mul(i, ops.tanh(cols(g, 3, hidden))));
  return { h: ops.mul(o, ops.tanh(cNext)), c: cNext };
};

const gruCell = (hidden: number, linearBeforeReset: boolean): Cell => (xw, h, _c, r, rb) => {
  // R is [3H, H]: each gate's recurrent weights are a block of rows.
  const [rz, rr, rh] = [0, 1, 2].map((k) => sliceAxis(r, 0, k * hidden, (k + 1) * hidden)) as [Tensor, Tensor, Tensor];
  const [bz, br, bh] = [0, 1, 2].map((k) => cols(rb, k, hidden));
  const z = ops.sigmoid(ops.add(ops.add(cols(xw, 0, hidden), ops.matmul(h, rz, { transposeB: true })), bz!));
  const rGate = ops.sigmoid(ops.add(ops.add(cols(xw, 1, hidden), ops.matmul(h, rr, { transposeB: true })), br!));
  const recurrent = linearBeforeReset
    ? ops.mul(rGate, ops.add(ops.matmul(h, rh, { transposeB: true }), bh!))
    : ops.add(ops.matmul(ops.mul(rGate, h), rh, { transposeB: true }), bh!);
  const candidate = ops.tanh(ops.add(cols(xw, 2, hidden), recurrent));
  return { h: ops.add(ops.mul(ops.sub(1, z), candidate), ops.mul(z, h)), c: null };
};

const rnnCell: Cell = (xw, h, _c, r, rb) => ({ h: ops.tanh(ops.add(ops.add(xw, ops.matmul(h, r, { transposeB: true })), rb)), c: null });

function recurrent(kind: 'LSTM' | 'GRU' | 'RNN'): OpImporter {
  const gates = { LSTM: 4, GRU: 3, RNN: 1 }[kind];
  const defaults = { LSTM: ['Sigmoid', 'Tanh', 'Tanh'], GRU: ['Sigmoid', 'Tanh'], RNN: ['Tanh'] }[kind];
  return (c: OpContext) => {
    const hidden = c.int('hidden_size', 0);
    if (hidden < 1) throw c.error(`hidden_size must be ≥ 1. Received: ${hidden}`);
    const direction = c.string('direction', 'forward');
    const dirs = direction === 'bidirectional' ? 2 : 1;
    const activations = (c.node.attrs['activations'] as string[] | undefined) ?? [];
    if (activations.some((a, i) => a.toLowerCase() !== defaults[i % defaults.length]!.toLowerCase())) c.unsupported('activations', activations, defaults.join(', '));
    if (c.node.attrs['clip'] !== undefined) c.unsupported('clip', c.node.attrs['clip'], 'no cell clipping');
    if (c.int('input_forget', 0) !== 0) c.unsupported('input_forget', 1, 'input_forget 0');
    if (kind === 'LSTM' && c.has(7)) c.unsupported('P (peepholes)', c.node.inputs[7], 'no peepholes');
    const layout = c.int('layout', 0);
    let x = c.x(0);
    if (layout === 1) x = ops.transpose(x, [1, 0, 2]); // [batch, seq, in] → [seq, batch, in]
    const [steps, batch] = [x.shape[0]!, x.shape[1]!];
    if (c.has(4)) {
      const lens = c.constant(4);
      if (lens.some((l) => l !== steps)) c.unsupported('sequence_lens', lens, `every sequence ${steps} steps long`);
    }
    const w = c.x(1);
    const r = c.x(2);
    const b = c.has(3) ? c.x(3) : zeros([dirs, 2 * gates * hidden], x.dtype);
    const h0 = c.has(5) ? c.x(5) : zeros([dirs, batch, hidden], x.dtype);
    const c0 = kind === 'LSTM' ? (c.has(6) ? c.x(6) : zeros([dirs, batch, hidden], x.dtype)) : null;
    const cell = kind === 'LSTM' ? lstmCell(hidden) : kind === 'GRU' ? gruCell(hidden, c.int('linear_before_reset', 0) === 1) : rnnCell;
    const ys: Tensor[] = [];
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let d = 0; d < dirs; d++) {
      const pick = (t: Tensor) => ops.squeeze(sliceAxis(t, 0, d, d + 1), 0);
      const wd = pick(w);
      const bd = pick(b);
      const wb = sliceAxis(bd, 0, 0, gates * hidden);
      const rb = sliceAxis(bd, 0, gates * hidden, 2 * gates * hidden);
      // All steps' input projections in one MatMul: [seq·batch, in] · [in, gates·H].
      const xw = ops.reshape(ops.add(ops.matmul(ops.reshape(x, [steps * batch, -1]), wd, { transposeB: true }), wb), [steps, batch, gates * hidden]);
      let h = pick(h0);
      let cState = c0 ? pick(c0) : null;
      const outs: Tensor[] = new Array<Tensor>(steps);
      const reverse = direction === 'reverse' || d === 1;
      for (let k = 0; k < steps; k++) {
        const t = reverse ? steps - 1 - k : k;
        ({ h, c: cState } = cell(ops.squeeze(sliceAxis(xw, 0, t, t + 1), 0), h, cState, pick(r), rb));
        outs[t] = h;
      }
      ys.push(ops.stack(outs, 0));
      hs.push(h);
      if (cState) cs.push(cState);
    }
    let y = ops.stack(ys, 1); // [seq, dirs, batch, H]
    if (layout === 1) y = ops.transpose(y, [2, 0, 1, 3]);
    const hLast = layout === 1 ? ops.stack(hs, 1) : ops.stack(hs, 0);
    const outputs: (Tensor | null)[] = [y, hLast];
    if (kind === 'LSTM') outputs.push(layout === 1 ? ops.stack(cs, 1) : ops.stack(cs, 0));
    return outputs;
  };
}

export const RNN_OPS: Record<string, OpImporter> = {
  LSTM: recurrent('LSTM'),
  GRU: recurrent('GRU'),
  RNN: recurrent('RNN'),
};
