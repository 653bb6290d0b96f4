export { differentiableOps, lookupOp } from './registry';
export { engineDomain, engineOpset } from './definition';
export type { CanonicalContext, NodeInfo, OpDefinition, VjpContext, VjpRule } from './definition';
