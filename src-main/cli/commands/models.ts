import { userInfo } from 'node:os';
import { listModels, readModelFiles, registerModel, removeModel } from '../../models';
import type { RegisteredModel } from '../../models';
import type { Study } from '../../store';
import { type CliIo, type Command, UsageError } from '../command';
import { formatTable } from '../table';

export const modelsCommand: Command = {
  name: 'models',
  summary: "list, register and remove a study's models",
  description:
    "Manages the models of a study. 'register PATH.onnx' checks the model card PATH.json beside the file against the ONNX graph (input window, output classes, sha256; a wrong card is refused naming the field), reports which ops the engine cannot differentiate, and stores the model in the study (--reference stores only its path). 'list' shows the registered models; 'remove ID' removes one with its stored predictions.",
  positionals: 'list | register PATH.onnx | remove ID',
  options: {
    study: { type: 'string', value: 'S', required: true, description: 'the study file' },
    reference: { type: 'boolean', description: 'register: keep the path of the .onnx file instead of a copy' },
  },
  async run({ values, positionals, json, io, openStudy }) {
    const [action, ...rest] = positionals;
    const arity = { list: 0, register: 1, remove: 1 } as const;
    if ((action !== 'list' && action !== 'register' && action !== 'remove') || rest.length !== arity[action]) {
      throw new UsageError("expected 'list', 'register PATH.onnx' or 'remove ID'");
    }
    const argument = rest[0] ?? '';
    if (values.reference === true && action !== 'register') throw new UsageError('--reference goes with register');
    const study = openStudy();
    try {
      if (action === 'list') listRegistered(study, json, io);
      else if (action === 'register') await register(study, argument, values.reference === true, json, io);
      else {
        removeModel(study.db, argument, userInfo().username);
        io.out(json ? `${JSON.stringify({ removed: argument })}\n` : `removed model ${argument}\n`);
      }
    } finally {
      study.close();
    }
  },
};

async function register(study: Study, path: string, reference: boolean, json: boolean, io: CliIo): Promise<void> {
  const model = await readModelFiles(path);
  const registered = registerModel(study.db, model, {
    actor: userInfo().username,
    storage: reference ? 'referenced' : 'embedded',
    onnxPath: path,
  });
  if (json) {
    io.out(`${JSON.stringify({ study: study.path, model: summary(registered), ops: model.signature.ops })}\n`);
    return;
  }
  const { card } = registered;
  io.out(
    `registered ${card.id} (${card.name} ${card.version}, ${card.task}: ${card.classNames.join(', ')}) in ${study.path}\n`,
  );
  io.out(`gradients: ${describeDifferentiability(registered)}\n`);
}

function listRegistered(study: Study, json: boolean, io: CliIo): void {
  const models = listModels(study.db);
  if (json) {
    io.out(`${JSON.stringify({ study: study.path, models: models.map(summary) })}\n`);
  } else if (models.length === 0) {
    io.out(`${study.path}: no models ('salience models register PATH.onnx --study S' adds one)\n`);
  } else {
    io.out(
      formatTable(
        ['id', 'name', 'version', 'task', 'classes', 'window', 'gradients', 'storage', 'registered'],
        models.map((m) => [
          m.id,
          m.card.name,
          m.card.version,
          m.card.task,
          m.card.classNames.join(','),
          `${m.card.input.windowLength}×${m.card.input.channels.length} at ${m.card.input.samplingRateHz} Hz`,
          m.differentiability.differentiable ? 'yes' : 'forward-only',
          m.storage,
          m.registeredAt.slice(0, 10),
        ]),
      ),
    );
  }
}

function summary(model: RegisteredModel): Omit<RegisteredModel, 'card'> & { name: string; version: string } {
  const { card, ...rest } = model;
  return { ...rest, name: card.name, version: card.version };
}

function describeDifferentiability({ differentiability }: RegisteredModel): string {
  if (differentiability.differentiable) return 'every op has a gradient rule (all explainers can use it)';
  if (differentiability.unsupportedOpset !== undefined) {
    return `forward-only: the engine does not import ONNX opset ${differentiability.unsupportedOpset}`;
  }
  const nodes = differentiability.forwardOnlyNodes.map((n) => `${n.op} (${n.node})`).join(', ');
  return `forward-only: no gradient rule for ${nodes}; occlusion and gradient-free explainers still work`;
}
