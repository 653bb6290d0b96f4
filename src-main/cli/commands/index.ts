import type { Command } from '../command';
import { annotationsCommand } from './annotations';
import { auditCommand } from './audit';
import { benchCommand } from './bench';
import { demoCommand } from './demo';
import { explainCommand } from './explain';
import { explainersCommand } from './explainers';
import { exportCommand } from './export';
import { gradCommand } from './grad';
import { importCommand } from './import';
import { jobsCommand } from './jobs';
import { modelsCommand } from './models';
import { predictCommand } from './predict';
import { recordsCommand } from './records';
import { reportCommand } from './report';
import { serveCommand } from './serve';
import { signalCommand } from './signal';
import { trainCommand } from './train';

export const commands: readonly Command[] = [
  demoCommand,
  importCommand,
  recordsCommand,
  signalCommand,
  annotationsCommand,
  exportCommand,
  reportCommand,
  jobsCommand,
  predictCommand,
  gradCommand,
  explainCommand,
  explainersCommand,
  benchCommand,
  trainCommand,
  modelsCommand,
  auditCommand,
  serveCommand,
];
