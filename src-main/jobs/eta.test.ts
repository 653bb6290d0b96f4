import { expect, it } from 'vitest';
import { EtaEstimator } from './eta';

function estimator() {
  let nowMs = 0;
  const eta = new EtaEstimator(() => nowMs);
  return { at: (seconds: number, fraction: number) => ((nowMs = seconds * 1000), eta.estimate(fraction)) };
}

it('estimates the time left from the pace since the run began', () => {
  const run = estimator();
  expect(run.at(0, 0)).toBeNull();
  expect(run.at(10, 0.25)).toBe(30);
  expect(run.at(20, 0.5)).toBe(20);
});

it('does not count a resumed run’s checkpointed part as work done at its pace', () => {
  const run = estimator();
  expect(run.at(0, 0.5)).toBeNull();
  expect(run.at(5, 0.75)).toBe(5);
});

it('has no estimate while the job has not moved', () => {
  const run = estimator();
  run.at(0, 0.1);
  expect(run.at(3, 0.1)).toBeNull();
});
