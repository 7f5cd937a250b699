import { KnowledgeBase, loadCoreConfig } from './src/index.js';
import { readFileSync } from 'node:fs';
const kb = await KnowledgeBase.open(loadCoreConfig({ ...process.env, CORPUS_DIR: '../shared/data/docs-vue-ja/corpus', INDEX_DIR: '/tmp/wt12/idx-vue' }));
const qs = Object.fromEntries(readFileSync('../shared/data/docs-vue-ja/questions.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l)).map(q=>[q.id,q]));
for (const id of process.argv.slice(2)) {
  const q = qs[id];
  console.log('==', id, q.question, '| want', q.doc, q.answer_any, '| ev:', q.evidence);
  const a = await kb.ask(q.question);
  console.log(a.status, a.text.replace(/\n/g,' ⏎ '));
  for (const r of kb.search(q.question).slice(0, 6)) console.log(`  ${r.score.toFixed(2)} c${r.coverage.toFixed(2)} ${r.sentence.docId}:${r.sentence.line} [${r.sentence.section.join('›')}] ${r.sentence.text.slice(0,70)}`);
}
