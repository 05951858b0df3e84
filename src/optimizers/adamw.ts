import { registerSerializable } from '../io/serialization.js';
import { Adam, type AdamOptions } from './adam.js';
import { optimizerOptionsFromConfig } from './optimizer.js';

export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight decay, p ← p − lr·wd·p before each update. Default 0.004. */
  weightDecay?: number;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), Keras 3's AdamW: Adam whose weight
 * decay defaults to 0.004. PyTorch's AdamW decays the same way (p ← p·(1 − lr·wd)).
 */
export class AdamW extends Adam {
  override readonly className: string = 'AdamW';

  constructor(options: AdamWOptions = {}) {
    super({ ...options, weightDecay: options.weightDecay ?? 0.004 }, 'adamw');
  }
}

registerSerializable('optimizer', 'AdamW', (c) => new AdamW(optimizerOptionsFromConfig(c) as AdamWOptions));
