import type { Command } from '../command';
import { annotationsCommand } from './annotations';
import { recordsCommand } from './records';
import { serveCommand } from './serve';

export const commands: readonly Command[] = [recordsCommand, annotationsCommand, serveCommand];
