// A sampled mutation score, for when a full run does not fit the time at hand (see README,
// Mutation testing): prints `count` code lines of `folder`, drawn at random with a fixed seed, as
// Stryker one-line mutation ranges, for
//   npm run test:mutation -- --ignoreStatic --mutate "$(node scripts/mutation-sample.mjs adapters 60)"
// Every mutant on a drawn line is tried, so the score estimates the folder's. A mutant that spans
// several lines (a whole block emptied) is never inside a one-line range and so is left out.
// Plain JavaScript, like build.mjs: nothing needs building first.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [folder, count, seedArg = '18'] = process.argv.slice(2);
if (!folder || !(Number(count) > 0)) {
  console.error('usage: node scripts/mutation-sample.mjs <folder> <count> [seed]');
  process.exit(2);
}

// The files stryker.config.json mutates: cli.ts and start.ts run only as child processes.
const NOT_MUTATED = new Set(['src/cli.ts', 'adapters/start.ts']);
const files = execFileSync('git', ['ls-files', `${folder}/*.ts`], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !NOT_MUTATED.has(file));

// Lines that can hold a mutant: not blank, not a comment, not an import or a type-only line.
const TYPE_ONLY = /^(import|export type|export interface|interface|type |\}|\)|\]|readonly )|^[\w?]+\??: [^=(]*;$/;
const lines = [];
for (const file of files) {
  let inComment = false;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      const line = text.trim();
      if (line.startsWith('/*')) inComment = true;
      if (!inComment && line && !line.startsWith('//') && !TYPE_ONLY.test(line)) lines.push(`${file}:${i + 1}-${i + 1}`);
      if (line.endsWith('*/')) inComment = false;
    });
}

// A linear congruential generator: the same seed draws the same lines, so runs can be compared.
let seed = Number(seedArg);
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const picked = new Set();
const wanted = Math.min(Number(count), lines.length);
while (picked.size < wanted) picked.add(lines[Math.floor(random() * lines.length)]);
console.error(`${folder}: ${wanted} of ${lines.length} code lines`);
console.log([...picked].sort().join(','));
