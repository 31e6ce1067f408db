// `npm run bench`: runs every `bench:*` script of package.json in turn, so a benchmark added
// with its own script is picked up. Each builds what it needs first.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const benches = Object.keys(scripts).filter((name) => name.startsWith('bench:')).sort();
for (const name of benches) {
  console.log(`\n== npm run ${name}\n`);
  execFileSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
}
