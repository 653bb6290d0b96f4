export * from './contract';
export * from './method-names';
export type { CallOutcome, PreloadBridge, WireCall, WireReply, WireEvent } from './wire';
export { encodeBinaryMessage, decodeBinaryMessage } from './wire';
export { dispatch, toErrorBody } from './dispatch';
export { ApiEventHub } from './events';
export { createService, type Service, type StudyService } from './service';
export { StudyHost, type DesktopShell, type StudyHostOptions } from './study-host';
