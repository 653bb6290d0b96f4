#!/usr/bin/env node
// The `salience` command: runs the CLI that `npm run build` compiled into out/cli.
import { existsSync } from 'node:fs';

const cli = new URL('../out/cli/salience.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write("salience: the command is not built yet; run 'npm run build' in the project folder\n");
  process.exit(1);
}
await import(cli.href);
