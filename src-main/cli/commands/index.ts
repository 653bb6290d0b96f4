import type { Command } from '../command';
import { annotationsCommand } from './annotations';
import { benchCommand } from './bench';
import { demoCommand } from './demo';
import { gradCommand } from './grad';
import { importCommand } from './import';
import { jobsCommand } from './jobs';
import { modelsCommand } from './models';
import { predictCommand } from './predict';
import { recordsCommand } from './records';
import { serveCommand } from './serve';
import { signalCommand } from './signal';

export const commands: readonly Command[] = [
  demoCommand,
  importCommand,
  recordsCommand,
  signalCommand,
  annotationsCommand,
  jobsCommand,
  predictCommand,
  gradCommand,
  benchCommand,
  modelsCommand,
  serveCommand,
];
