import { expect } from 'vitest';
import { deserialize, serialize } from '../../../src/io/serialization.js';
import { LearningRateSchedule } from '../../../src/optimizers/schedules/index.js';

/** The schedule rebuilt from JSON: same class, config and values at `steps`. */
export function checkScheduleRoundTrip(s: LearningRateSchedule, steps: readonly number[]): void {
  const back = deserialize<LearningRateSchedule>('schedule', JSON.parse(JSON.stringify(serialize(s))));
  expect(back).toBeInstanceOf(LearningRateSchedule);
  expect(back.className).toBe(s.className);
  expect(back.getConfig()).toEqual(s.getConfig());
  expect(steps.map((t) => back.at(t))).toEqual(steps.map((t) => s.at(t)));
}
