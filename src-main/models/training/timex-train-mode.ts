import { AppError } from '../../errors';
import type { LoadedModel } from '../loaded-model';
import { recoverParameters } from './recover-parameters';
import { TIMEX_RECIPES } from './timex-black-boxes';
import type { TimexDataset } from './timex-black-boxes';
import { networkTrainMode } from './train-mode';
import type { TrainModeModel } from './train-mode';
import { transformerMvts } from './transformer-mvts';

/**
 * A TimeX set's black box in train mode (its dropout on, as TimeX++ calls it while the explainer
 * trains; timexpp.md §9 #10): the §4 recipe's network for the card's window and classes, which
 * must be the architecture the card names, with its weights read back from the ONNX file.
 */
export function timexTrainMode(dataset: TimexDataset, model: LoadedModel): TrainModeModel {
  const { card } = model;
  const network = transformerMvts(
    { windowLength: card.input.windowLength, channels: card.input.channels.length, outputs: card.classNames.length },
    TIMEX_RECIPES[dataset].network,
  );
  const named = card.training?.architecture;
  if (named !== network.architecture) {
    throw new AppError(
      'invalid-request',
      `${model.source}: training.architecture is ${named ?? 'absent'}; the ${dataset} black box is ${network.architecture}`,
    );
  }
  return networkTrainMode(network, recoverParameters(network, model.bytes, model.source));
}
