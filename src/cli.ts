/**
 * The command line: `ask [--json|--explain] "<question>"`, `reindex`, `eval [--json] <file.jsonl>`.
 * Lets anyone try the bot without a chat platform.
 */
import { parseArgs } from 'node:util';
import { loadCoreConfig, loadDotEnv } from './config.js';
import { ConfigError, UserFacingError } from './errors.js';
import { EvalFileError, evaluate, readEvalFile, type EvalScores } from './evaluate.js';
import { KnowledgeBase } from './knowledge-base.js';
import { log } from './log.js';
import { answerToText, explainToText, reindexReportToText } from './render-text.js';

const USAGE = `usage:
  npm run ask -- [--json | --explain] "<question>"
  npm run reindex -- [--json]
  npm run eval -- [--json] <questions.jsonl>`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false }, explain: { type: 'boolean', default: false } }, allowPositionals: true });
  } catch (error) {
    // An unknown or malformed flag is the caller's to fix: say which, not where in our code.
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  loadDotEnv();
  const config = loadCoreConfig();
  // The terminal shows results itself; routine log lines would only clutter it.
  if (!process.env.LOG_LEVEL) log.level = 'warn';
  switch (command) {
    case 'ask': {
      if (positionals.length === 0) return fail(USAGE);
      const kb = await KnowledgeBase.open(config);
      const question = positionals.join(' ');
      const answer = await kb.ask(question);
      console.log(values.json ? JSON.stringify(answer, null, 2) : answerToText(answer));
      // Why this answer: the candidates it was composed from, with the signals that ranked them.
      if (values.explain) console.log(`\n${explainToText(kb.explain(question))}`);
      return 0;
    }
    case 'reindex': {
      // From the saved index even if the corpus changed: the reindex then analyzes only what did, and reports it.
      const kb = await KnowledgeBase.open(config, { anySnapshot: true });
      const report = await kb.reindex({ by: 'cli' });
      console.log(values.json ? JSON.stringify(report, null, 2) : reindexReportToText(report));
      return 0;
    }
    case 'eval': {
      if (positionals.length !== 1) return fail(USAGE);
      const items = await readEvalFile(positionals[0]!);
      const report = await evaluate(await KnowledgeBase.open(config), items);
      console.log(values.json ? JSON.stringify(report, null, 2) : evalReportToText(report.overall, report.byKind));
      return 0;
    }
    default:
      return fail(USAGE);
  }
}

function evalReportToText(overall: EvalScores, byKind: Record<string, EvalScores>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  // Follow-up files add the answer hit of the same questions asked in full.
  const full = overall.fullAnswerHit !== undefined;
  const row = (name: string, s: EvalScores) =>
    `${name.padEnd(14)}${String(s.n).padStart(4)} ${pct(s.answerHit)} ${pct(s.firstHit)} ${s.sentencesPerAnswer.toFixed(2).padStart(7)} ${pct(s.docHit)} ${pct(s.abstention)} ${pct(s.falseAbstention)}` +
    (full ? ` ${pct(s.fullAnswerHit ?? 0)}` : '');
  return [
    `${'kind'.padEnd(14)}${'n'.padStart(4)} ${'answer'.padStart(7)} ${'first'.padStart(7)} ${'sent/a'.padStart(7)} ${'doc'.padStart(7)} ${'abstain'.padStart(7)} ${'falseAb'.padStart(7)}` +
      (full ? ` ${'full'.padStart(7)}` : ''),
    ...Object.entries(byKind).map(([kind, s]) => row(kind, s)),
    row('overall', overall),
  ].join('\n');
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    // Expected problems get one clear line; anything else keeps its stack for a bug report.
    const expected = error instanceof UserFacingError || error instanceof ConfigError || error instanceof EvalFileError;
    console.error(expected ? error.message : error);
    process.exit(1);
  },
);
