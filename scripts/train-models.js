// `npm run train:models`: retrains every shipped model (seeded, on the CPU: the same files each
// time) into models/, then lays their cards out as the repository's formatter does.
import { spawnSync } from 'node:child_process';
import { bundleAndRun } from './bundle-and-run.js';

const entry = `
import { trainShippedModels } from './src-main/models/shipped';
import { describeTrainingProgress } from './src-main/models/training';
const rebuilt = await trainShippedModels('models', (id, p) => console.log(\`\${id}: \${describeTrainingProgress(p)}\`));
for (const m of rebuilt) console.log(\`wrote \${m.path}: \${JSON.stringify(m.metrics)}\`);
`;
const status = await bundleAndRun({ contents: entry }, 'out/train-models/train-models.js');
if (status !== 0) process.exit(status);
process.exit(spawnSync('npx', ['prettier', '--write', 'models/*.json'], { stdio: 'inherit' }).status ?? 1);
