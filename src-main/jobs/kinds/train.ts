import { AppError } from '../../errors';
import { checkModel, registerModel } from '../../models';
import { describeTrainingProgress, trainModel } from '../../models/training';
import { studyTrainingData, trainingSpec } from '../../models/training/training-request';
import { applyEngineSettings } from '../../settings/study-settings';
import { defineJobKind } from '../job-kind';
import { TrainParams } from '../job-schema';

/**
 * Trains a model on the study's annotated windows and registers it there, ONNX embedded, with the
 * held-out metrics on its card. Nothing is stored before the model is registered, so a cancel
 * (checked before every optimisation step) or a crash leaves the study as it was; a resumed job
 * trains again from its seed.
 */
export const trainJob = defineJobKind({
  name: 'train',
  params: TrainParams,
  async run({ params, study, seed, actor, signal, reportProgress }) {
    applyEngineSettings(study.db);
    const data = studyTrainingData(study, {
      labels: params.labels,
      windowSec: params.windowSec,
      ...(params.channels ? { channels: params.channels } : {}),
      fractions: { validation: params.validation, test: params.test },
      seed,
    });
    const spec = trainingSpec(data, {
      architecture: params.architecture,
      ...(params.id === undefined ? {} : { id: params.id }),
      sizes: params.sizes,
      ...(params.bandPass ? { bandPass: { design: 'butterworth', ...params.bandPass } } : {}),
      subtractWindowMean: params.subtractWindowMean,
      licence: 'UNLICENSED',
      createdBy: `salience train job (${actor})`,
      options: {
        epochs: params.epochs,
        batchSize: params.batchSize,
        learningRate: params.learningRate,
        weightDecay: params.weightDecay,
        patience: params.patience,
        seed,
        cancel: signal,
        onProgress: (p) => reportProgress({ fraction: p.epoch / p.epochs, phase: describeTrainingProgress(p) }),
      },
    });
    const { id } = spec.description;
    // Refused before the training, not after it.
    if (study.db.prepare('SELECT 1 FROM models WHERE id = ?').get(id) !== undefined) {
      throw new AppError('bad-input', `a model with id '${id}' is already registered; give the job another id`);
    }
    reportProgress({ fraction: 0, phase: `training ${id} on ${data.sets.train.count} windows` });
    const { onnx, card, trained } = await trainModel(spec);
    const source = `${id}.onnx (trained by this job)`;
    const model = await checkModel(onnx, card, { onnx: source, card: `${id}.json (trained by this job)` });
    registerModel(study.db, model, { actor });
    const rowid = study.db.prepare<[string], { rowid: number }>('SELECT rowid FROM models WHERE id = ?').get(id);
    return {
      table: 'models',
      key: 'rowid',
      ids: rowid === undefined ? [] : [rowid.rowid],
      summary: {
        columns: ['model', 'architecture', 'epochs', 'kept epoch', ...Object.keys(card.metrics.values)],
        rows: [
          [
            id,
            card.training?.architecture ?? params.architecture,
            trained.history.length,
            trained.keptEpoch,
            ...Object.values(card.metrics.values),
          ],
        ],
      },
    };
  },
});
