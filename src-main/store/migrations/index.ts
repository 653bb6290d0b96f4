import { initial } from './001-initial';
import { signalsAndAudit } from './002-signals-audit';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [initial, signalsAndAudit];

export const latestSchemaVersion = migrations.length;
