import type { Command } from '../command';
import { recordsCommand } from './records';
import { serveCommand } from './serve';

export const commands: readonly Command[] = [recordsCommand, serveCommand];
