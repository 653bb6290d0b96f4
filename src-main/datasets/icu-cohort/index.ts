export { generateIcuCohort, type IcuCohortOptions, type IcuCohortSummary } from './generate';
export { Random } from './prng';
