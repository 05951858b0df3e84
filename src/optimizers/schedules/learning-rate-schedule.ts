/**
 * Learning-rate schedules (Keras `keras.optimizers.schedules`): a function of the optimizer's step
 * count. They run on the host — the optimizer evaluates one before each update and feeds the
 * value to the compiled step as a scalar input, so a changing rate never recompiles the step.
 */
import { deserialize, type Config, type ConfigValue, type Serializable } from '../../io/serialization.js';

export abstract class LearningRateSchedule implements Serializable {
  abstract readonly className: string;
  /** The learning rate at `step`, the number of updates applied so far (0 for the first update, as Keras). */
  abstract at(step: number): number;
  abstract getConfig(): Config;
}

/** A schedule given as an instance or as its `{className, config}` (e.g. read from an optimizer config). */
export function getSchedule(value: LearningRateSchedule | ConfigValue): LearningRateSchedule {
  if (value instanceof LearningRateSchedule) return value;
  return deserialize<LearningRateSchedule>('schedule', value);
}
