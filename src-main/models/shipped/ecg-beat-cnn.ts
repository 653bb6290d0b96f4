import { beatWindows, generateEcg } from '../../datasets/ecg-synth';
import type { BeatClass, EcgOptions } from '../../datasets/ecg-synth';
import type { LabelledWindows } from '../training/labelled-windows';
import { cnn1d } from '../training/networks';
import type { ModelTrainingSpec } from '../training/train-model';
import type { ShippedModel } from './shipped-model';

/** The AAMI classes the synthetic ECG contains, in card order, with the generator's name for each. */
const CLASSES: readonly { aami: string; beatClass: BeatClass }[] = [
  { aami: 'N', beatClass: 'normal' },
  { aami: 'S', beatClass: 'apc' },
  { aami: 'V', beatClass: 'pvc' },
];

type RecordPlan = Omit<EcgOptions, 'durationSec'>;

/** Seeds apart from the demo study's (2024 onwards), rhythms spanning the demo records'. */
const ectopy = { pvcFraction: 0.12, apcFraction: 0.12 };
const training: readonly RecordPlan[] = [
  { seed: 101, heartRateBpm: 60, noiseMv: 0.02, ...ectopy },
  { seed: 102, heartRateBpm: 72, noiseMv: 0.03, ...ectopy },
  { seed: 103, heartRateBpm: 84, noiseMv: 0.02, heartRateStdBpm: 3, ...ectopy },
  { seed: 104, heartRateBpm: 66, noiseMv: 0.04, ...ectopy },
];
const validation: readonly RecordPlan[] = [{ seed: 201, heartRateBpm: 78, noiseMv: 0.03, ...ectopy }];
const heldOut: RecordPlan = { seed: 301, heartRateBpm: 70, noiseMv: 0.03, heartRateStdBpm: 2, ...ectopy };
const RECORD_SEC = 600;

/** One window per beat, centred on its R peak, labelled with the beat's AAMI class index. */
function beatSet(plans: readonly RecordPlan[]): LabelledWindows {
  const parts = plans.map((plan) =>
    beatWindows(generateEcg({ ...plan, durationSec: RECORD_SEC }), { classes: CLASSES.map((c) => c.beatClass) }),
  );
  const count = parts.reduce((n, p) => n + p.shape[0], 0);
  const windows = new Float32Array(parts.reduce((n, p) => n + p.values.length, 0));
  const targets = new Float32Array(count);
  let offset = 0;
  let row = 0;
  for (const part of parts) {
    windows.set(part.values, offset);
    targets.set(part.labels, row);
    offset += part.values.length;
    row += part.shape[0];
  }
  return { windows, targets, count };
}

export const ecgBeatCnn: ShippedModel = {
  id: 'ecg-beat-cnn',
  heldOut: () => Promise.resolve(beatSet([heldOut])),
  spec(): Promise<ModelTrainingSpec> {
    const train = beatSet(training);
    return Promise.resolve({
      description: {
        id: 'ecg-beat-cnn',
        name: 'ECG beat classifier (1-D CNN)',
        version: '1.0.0',
        task: 'classification',
        classNames: CLASSES.map((c) => c.aami),
        input: {
          windowLength: 360,
          samplingRateHz: 360,
          channels: [
            { name: 'MLII', units: 'mV' },
            { name: 'V5', units: 'mV' },
          ],
        },
        trainingData: {
          description: `1-second windows centred on every beat of ${training.length} seeded synthetic ECG records (ECGSYN-style, ${RECORD_SEC} s each, 60–84 bpm, 12 % PVCs and 12 % APCs), early-stopped on a fifth record`,
          samples: train.count,
        },
        licence: 'UNLICENSED',
        createdBy: 'salience train (Salience Workbench)',
      },
      filter: 'subtract-window-mean',
      network: cnn1d({ windowLength: 360, channels: 2, outputs: CLASSES.length }, { filters: [8, 16, 16], kernel: 7 }),
      data: {
        train,
        validation: beatSet(validation),
        test: beatSet([heldOut]),
        testDescription: `beats of a held-out synthetic ECG record (seed ${heldOut.seed}, ${RECORD_SEC} s, ${heldOut.heartRateBpm ?? 60} bpm)`,
      },
      options: { epochs: 30, batchSize: 32, learningRate: 0.005, weightDecay: 1e-4, patience: 6, seed: 5 },
    });
  },
};
