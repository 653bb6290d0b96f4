import type { Value } from '../engine/ir';
import { AppError } from '../errors';
import { describeShape } from './graph-signature';
import type { GraphSignature } from './graph-signature';
import type { ModelSources } from './loaded-model';
import type { ModelCard } from './model-card';

/** Output columns the card promises: one per class (or regression target), one risk for binary-risk. */
export function expectedOutputWidth(card: ModelCard): number {
  return card.task === 'binary-risk' ? 1 : card.classNames.length;
}

/**
 * Checks a card against the ONNX file it describes: the file's sha256, the input window
 * [B, T, D] float32 and the output [B, K] float32 as far as the graph declares them (symbolic
 * dimensions are checked later, on a probe run). A disagreement names the card's field.
 */
export function checkCardAgainstGraph(
  card: ModelCard,
  signature: GraphSignature,
  sha256: string,
  sources: ModelSources,
): void {
  const refuse = (field: string, message: string): never => {
    throw fieldError(sources.card, field, message);
  };
  if (card.sha256 !== sha256) refuse('sha256', `is ${card.sha256} but the ONNX file's sha256 is ${sha256}`);

  const { input, output } = signature;
  requireFloat32(input, sources.onnx);
  requireFloat32(output, sources.onnx);
  if (input.shapeUnknown !== true) {
    if (input.shape.length !== 3) {
      refuse('input', `describes [B, T, D] windows but the ONNX input '${input.name}' is ${describeShape(input)}`);
    }
    const [, time = -1, channels = -1] = input.shape;
    if (time >= 0 && time !== card.input.windowLength) {
      refuse(
        'input.windowLength',
        `is ${card.input.windowLength} but the ONNX input '${input.name}' is ${describeShape(input)} (T = ${time})`,
      );
    }
    if (channels >= 0 && channels !== card.input.channels.length) {
      refuse(
        'input.channels',
        `lists ${card.input.channels.length} channels but the ONNX input '${input.name}' is ${describeShape(input)} (D = ${channels})`,
      );
    }
  }
  if (output.shapeUnknown !== true)
    checkOutputShape(card, output.name, output.shape, sources.card, describeShape(output));
  const inputBatch = input.shape[0] ?? -1;
  const outputBatch = output.shape[0] ?? -1;
  if (inputBatch >= 0 && outputBatch >= 0 && inputBatch !== outputBatch) {
    throw new AppError(
      'bad-input',
      `${sources.onnx}: the ONNX input is ${describeShape(input)} but the output is ${describeShape(output)}: one output row per window is expected`,
    );
  }
}

/** Checks an output shape (declared, or produced by a probe run) against the card's task and classes. */
export function checkOutputShape(
  card: ModelCard,
  outputName: string,
  shape: readonly number[],
  cardSource: string,
  shown = `[${shape.join(', ')}]`,
): void {
  const refuse = (field: string, message: string): never => {
    throw fieldError(cardSource, field, message);
  };
  if (card.perTimeStep === true) {
    const time = shape[1] ?? -1;
    if (shape.length !== 3 || (time >= 0 && time !== card.input.windowLength)) {
      refuse(
        'perTimeStep',
        `is true (output [B, T, K] with T = ${card.input.windowLength}) but the ONNX output '${outputName}' is ${shown}`,
      );
    }
  } else if (shape.length !== 2) {
    const hint = shape.length === 3 ? ' (a model that answers per time step says perTimeStep: true)' : '';
    refuse('task', `is ${card.task}, whose output is [B, K], but the ONNX output '${outputName}' is ${shown}${hint}`);
  }
  const width = shape.at(-1) ?? -1;
  const expected = expectedOutputWidth(card);
  if (width < 0 || width === expected) return;
  if (card.task === 'binary-risk') {
    refuse('task', `is binary-risk (one risk column) but the ONNX output '${outputName}' is ${shown} (K = ${width})`);
  }
  refuse(
    'classNames',
    `has ${card.classNames.length} names but the ONNX output '${outputName}' is ${shown} (K = ${width})`,
  );
}

function requireFloat32(value: Value, onnxSource: string): void {
  if (value.typeUnknown !== true && value.dtype !== 'float32') {
    throw new AppError(
      'bad-input',
      `${onnxSource}: the ONNX value '${value.name}' is ${value.dtype}; models take and give float32`,
    );
  }
}

/** A disagreement between the card and the graph, named by the card's field. */
function fieldError(cardSource: string, field: string, message: string): AppError {
  return new AppError('bad-input', `model card ${cardSource}: field '${field}' ${message}`);
}
