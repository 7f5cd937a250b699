import { KnowledgeBase, loadCoreConfig } from './src/index.js';
const kb = await KnowledgeBase.open(loadCoreConfig({ ...process.env, CORPUS_DIR: '../shared/data/docs-vue-ja/corpus', INDEX_DIR: '/tmp/wt12/idx-vue' }));
const r = kb.search(process.argv[2]!);
const i = r.findIndex(x => x.sentence.docId === process.argv[3] && x.sentence.line === Number(process.argv[4]));
console.log('rank', i, i >= 0 ? [r[i]!.score, r[i]!.coverage] : '');
// @ts-ignore
const idx = kb.current.index; const s = idx.sentences.find((s: any) => s.docId === process.argv[3] && s.line === Number(process.argv[4]));
console.log(s);
// @ts-ignore
console.log(idx.miniSearch.search('hydrateonvisible', { fields: ['code'] }).slice(0,5));
