import type { Tensor } from '../../core/tensor.js';
import type { Config } from '../../io/serialization.js';
import { reshape } from '../../ops/shape/reshape.js';
import { checkDataFormat, type DataFormat } from '../convolutional/conv-args.js';
import { Layer, type LayerArgs } from '../layer.js';
import { registerLayer } from '../registry.js';
import { singleInput } from './layer-args.js';

export interface FlattenArgs extends LayerArgs {
  /** Only 'channels_last' (Tessera's layout); kept in the config for Keras files. */
  dataFormat?: DataFormat;
}

/** [batch, d1, d2, …] → [batch, d1·d2·…] in row-major (channels-last) order; [batch] → [batch, 1]. */
export class Flatten extends Layer {
  readonly className = 'Flatten';
  readonly dataFormat: 'channels_last';

  constructor(args: FlattenArgs = {}) {
    super(args);
    this.dataFormat = checkDataFormat('flatten', args.dataFormat);
  }

  call(inputs: Tensor | Tensor[]): Tensor {
    const x = singleInput(this.name, inputs);
    const features = x.shape.slice(1).reduce((a, b) => a * b, 1);
    // Explicit sizes rather than -1: a batch of 0 samples still flattens.
    return reshape(x, [x.shape[0]!, features]);
  }

  override getConfig(): Config {
    return { ...super.getConfig(), dataFormat: this.dataFormat };
  }
}

registerLayer('Flatten', Flatten);
