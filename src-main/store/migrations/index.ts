import { initial } from './001-initial';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [initial];

export const latestSchemaVersion = migrations.length;
