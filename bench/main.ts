import { explainRecordBenchmarks } from './explain-record';
import { machineDescription, printTable } from './harness';
import { jobsEventLoopBenchmarks } from './jobs-event-loop';
import { storeAndFormatsBenchmarks } from './store-and-formats';

/** `npm run bench`: prints the machine, then each benchmark's median, min and max. */
console.log(`Salience Workbench benchmarks, ${new Date().toISOString().slice(0, 10)}, ${machineDescription()}`);
printTable([
  ...(await storeAndFormatsBenchmarks()),
  ...(await jobsEventLoopBenchmarks()),
  ...(await explainRecordBenchmarks()),
]);
