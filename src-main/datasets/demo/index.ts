export { demoSources, DEMO_ICU_STAYS, type DemoSources } from './demo-sources';
