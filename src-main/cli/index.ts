export { runCli, exitCodes } from './run';
export type { CliIo } from './command';
