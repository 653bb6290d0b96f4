import type { OpDefinition } from './definition';
import { unaryOp } from './shared/elementwise';

/** Forward only: no gradient rule yet. */
export const Softsign: OpDefinition = unaryOp('Softsign', {});
