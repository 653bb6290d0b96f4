import { initial } from './001-initial';
import { signalsAndAudit } from './002-signals-audit';
import { jobs } from './003-jobs';
import { models } from './004-models';
import { explanations } from './005-explanations';
import { annotationLabels } from './006-annotation-labels';
import { settings } from './007-settings';
import { fittedExplainers } from './008-fitted-explainers';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  initial,
  signalsAndAudit,
  jobs,
  models,
  explanations,
  annotationLabels,
  settings,
  fittedExplainers,
];

export const latestSchemaVersion = migrations.length;
