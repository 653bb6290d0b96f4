export { importModel, missingGradientRules, supportedOpsets } from './import-model';
export type { ImportedModel, ImportOptions, MissingGradientRule } from './import-model';
