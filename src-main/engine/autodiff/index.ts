export { gradients } from './gradients';
export type { GradientOptions } from './gradients';
