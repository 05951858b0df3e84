/** `model.summary()`: Keras's table (layer and type, output shape, parameters, connections). */
import { InputLayer } from '../layers/core/input-layer.js';
import type { Layer } from '../layers/layer.js';
import { formatShape, type SymbolicShape } from '../layers/symbolic.js';
import type { Model } from './model.js';

function outputShapeOf(model: Model, layer: Layer, index: number): string {
  const seq = model as unknown as { layerOutputShapes?: () => (SymbolicShape | null)[] };
  if (seq.layerOutputShapes) return fmt(seq.layerOutputShapes()[index] ?? null);
  const nodes = layer.inboundNodes.filter((n) => n.outputs.length);
  if (!nodes.length) return '?';
  const outs = nodes[nodes.length - 1]!.outputs;
  return outs.length === 1 ? formatShape(outs[0]!.shape) : `[${outs.map((o) => formatShape(o.shape)).join(', ')}]`;
}

function fmt(s: SymbolicShape | null): string {
  return s ? formatShape(s) : '?';
}

function pad(s: string, n: number): string {
  return s.length >= n ? `${s.slice(0, n - 2)}… ` : s + ' '.repeat(n - s.length);
}

export function formatSummary(model: Model): string[] {
  const layers = model.layers;
  const functional = model.className === 'Functional' || model.className === 'Model' && layers.some((l) => l instanceof InputLayer);
  const widths = functional ? [30, 24, 12, 30] : [34, 28, 12];
  const total = widths.reduce((a, b) => a + b, 0);
  const row = (cells: string[]): string => cells.map((c, i) => pad(c, widths[i]!)).join('').trimEnd();
  const lines = [`Model: "${model.name}"`, '━'.repeat(total)];
  lines.push(row(functional ? ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'] : ['Layer (type)', 'Output Shape', 'Param #']));
  lines.push('━'.repeat(total));
  layers.forEach((layer, i) => {
    const cells = [`${layer.name} (${layer.className})`, outputShapeOf(model, layer, i), layer.countParams().toLocaleString('en-US')];
    if (functional) {
      const inbound = layer.inboundNodes.flatMap((n) => n.inputs.map((s) => `${s.sourceLayer.name}[${s.node.index}][${s.outputIndex}]`));
      cells.push(inbound.join(', ') || '-');
    }
    lines.push(row(cells));
    if (i < layers.length - 1) lines.push('─'.repeat(total));
  });
  lines.push('━'.repeat(total));
  const count = (ws: { size: number }[]): number => ws.reduce((n, w) => n + w.size, 0);
  const trainable = count(model.trainableWeights);
  const all = count(model.weights);
  const bytes = (n: number): string => (n * 4 < 1024 ? `${n * 4} B` : n * 4 < 1024 ** 2 ? `${(n * 4 / 1024).toFixed(2)} KB` : `${(n * 4 / 1024 ** 2).toFixed(2)} MB`);
  lines.push(` Total params: ${all.toLocaleString('en-US')} (${bytes(all)})`);
  lines.push(` Trainable params: ${trainable.toLocaleString('en-US')} (${bytes(trainable)})`);
  lines.push(` Non-trainable params: ${(all - trainable).toLocaleString('en-US')} (${bytes(all - trainable)})`);
  return lines;
}
