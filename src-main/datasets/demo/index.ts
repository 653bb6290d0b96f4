export { demoSources, DEMO_ICU_STAYS, type DemoSources } from './demo-sources';
export { createDemoStudy, ensureDefaultStudy, type DemoStudySummary } from './demo-study';
