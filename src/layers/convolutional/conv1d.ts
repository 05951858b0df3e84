import { registerLayer } from '../registry.js';
import { BaseConv, type ConvArgs } from './base-conv.js';

export type Conv1DArgs = ConvArgs;

/** 1D convolution over steps: inputs [batch, steps, channels], kernel [k, in/groups, filters]; padding may be 'causal' (output t sees inputs ≤ t). */
export class Conv1D extends BaseConv {
  readonly className = 'Conv1D';

  constructor(args: Conv1DArgs) {
    super(1, 'conv1d', args);
  }
}

registerLayer('Conv1D', Conv1D);
