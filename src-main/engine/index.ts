export { listExecutionProviders, onnxRuntimeVersion } from './execution-providers';
