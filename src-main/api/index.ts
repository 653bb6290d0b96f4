export * from './contract';
export * from './method-names';
export type { CallOutcome, PreloadBridge, WireCall, WireReply, WireEvent } from './wire';
export { encodeBinaryMessage, decodeBinaryMessage } from './wire';
export { dispatch, toErrorBody } from './dispatch';
export { ApiEventHub } from './events';
export { createService, type DesktopShell, type Service } from './service';
