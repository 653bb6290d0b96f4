import type { Command } from '../command';
import { annotationsCommand } from './annotations';
import { demoCommand } from './demo';
import { importCommand } from './import';
import { recordsCommand } from './records';
import { serveCommand } from './serve';

export const commands: readonly Command[] = [
  demoCommand,
  importCommand,
  recordsCommand,
  annotationsCommand,
  serveCommand,
];
