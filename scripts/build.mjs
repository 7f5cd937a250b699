// `npm run build` (and `npm install`, through `prepare`): bundles each command's TypeScript into
// plain JavaScript under dist/ with esbuild, so no TypeScript is compiled when the bot starts.
// Plain JavaScript itself, because it must run before anything is built. It does nothing when
// dist/ is newer than every source file, so `npm run ask` and `npm start` may call it each time;
// without esbuild (a production install) an up-to-date dist/ is used as it is.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
const stamp = path.join(outdir, '.built');

/** What `npm run` starts: the CLI, the chat adapters, the command registration, the benchmarks, the report. */
const ENTRY_POINTS = [
  'src/cli.ts',
  'adapters/start.ts',
  'adapters/discord/register.ts',
  'scripts/bench.ts',
  'scripts/bench-process.ts',
  'scripts/bench-jsquad-process.ts',
  'scripts/bench-jsquad.ts',
  'scripts/bench-adversarial.ts',
  'scripts/bench-discord.ts',
  'scripts/bench-slack.ts',
  'scripts/fit.ts',
  'scripts/report.ts',
];
const SOURCES = ['src', 'adapters', 'scripts', 'package.json', 'package-lock.json'];

function newestChange(file) {
  const info = statSync(file);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newestChange(path.join(file, name))));
}

const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : -1;
// A runtime image holds dist/ without the sources: nothing to compare, nothing to build.
const changedAt = Math.max(...SOURCES.filter((s) => existsSync(path.join(root, s))).map((s) => newestChange(path.join(root, s))));
if (builtAt >= changedAt && !process.argv.includes('--force')) process.exit(0);

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  if (builtAt >= 0) {
    console.error('dist/ is older than the sources, but esbuild (a development dependency) is not installed: using dist/ as it is.');
    process.exit(0);
  }
  console.error('Cannot build: esbuild is not installed. Run `npm install` (with development dependencies) first.');
  process.exit(1);
}

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ENTRY_POINTS,
  outdir,
  outbase: '.',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.12',
  // Installed packages are loaded from node_modules as usual; only our own code is bundled.
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
writeFileSync(stamp, new Date().toISOString());
