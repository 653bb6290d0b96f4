import { Rng } from '../../engine/program';
import type { LabelledWindows } from '../training/labelled-windows';
import type { ModelDescription } from '../training/train-model';

/**
 * Three classes of noisy windows [T, 2]: a bump on channel 0, a bump on channel 1, or a dip on
 * channel 0, at a random place. A small CNN separates them; chance is 1/3.
 */
export function bumps(count: number, seed: number, time = 48): LabelledWindows {
  const rng = new Rng(seed);
  const windows = rng.normal([count, time, 2], { std: 0.3 }).data as Float32Array;
  const targets = new Float32Array(count);
  for (let n = 0; n < count; n++) {
    const label = Math.floor(rng.next() * 3);
    const centre = 6 + Math.floor(rng.next() * (time - 12));
    const channel = label === 1 ? 1 : 0;
    for (let t = centre - 4; t <= centre + 4; t++) {
      const i = (n * time + t) * 2 + channel;
      windows[i] = (windows[i] ?? 0) + (label === 2 ? -1.5 : 1.5) * Math.exp(-((t - centre) ** 2) / 8);
    }
    targets[n] = label;
  }
  return { windows, targets, count };
}

/** The card's description of a model of the bump task: its three classes over channels a and b. */
export function bumpsDescription(
  id: string,
  name: string,
  signal: { samplingRateHz: number; units: string },
): ModelDescription {
  const { samplingRateHz, units } = signal;
  return {
    id,
    name,
    version: '0.1.0',
    task: 'classification',
    classNames: ['up-0', 'up-1', 'down-0'],
    input: {
      windowLength: 48,
      samplingRateHz,
      channels: [
        { name: 'a', units },
        { name: 'b', units },
      ],
    },
    trainingData: { description: 'synthetic bumps' },
    licence: 'CC0-1.0',
    createdBy: 'tests',
  };
}

/** Two classes of sequences [T, 2] whose first channel is shifted up or down; chance is 1/2. */
export function drifts(count: number, seed: number, time = 16): LabelledWindows {
  const rng = new Rng(seed);
  const windows = rng.normal([count, time, 2], { std: 0.5 }).data as Float32Array;
  const targets = new Float32Array(count);
  for (let n = 0; n < count; n++) {
    const label = rng.next() < 0.5 ? 0 : 1;
    for (let t = 0; t < time; t++) {
      const i = (n * time + t) * 2;
      windows[i] = (windows[i] ?? 0) + (label === 1 ? 0.8 : -0.8);
    }
    targets[n] = label;
  }
  return { windows, targets, count };
}
