// `npm run bench`: compiles bench/ with esbuild (as the app is compiled) and runs it with Node.
import { bundleAndRun } from './bundle-and-run.js';

process.exit(await bundleAndRun('bench/main.ts', 'out/bench/bench.js', process.argv.slice(2)));
