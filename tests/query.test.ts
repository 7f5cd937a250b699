/** Planning a question keeps the analyses of synonym and thesaurus terms it meets, but only so many. */
import { expect, it } from 'vitest';
import { Analyzer } from '../src/analyze.js';
import { ANALYZED_TERMS_KEPT, keptTermAnalyses, planQuery } from '../src/query.js';
import { Thesaurus } from '../src/thesaurus.js';

it('keeps at most ANALYZED_TERMS_KEPT term analyses, however many terms questions meet', async () => {
  const analyzer = await Analyzer.load();
  // One group whose paraphrases outnumber what is kept.
  const paraphrases = Array.from({ length: ANALYZED_TERMS_KEPT + 100 }, (_, i) => ({ expandControl: 1 as const, midashi: `語彙${i}` }));
  const thesaurus = Thesaurus.fromGroups([{ items: [{ expandControl: 0, midashi: '防衛' }, ...paraphrases] }]);
  const plan = planQuery('防衛について教えて', analyzer, { synonyms: [], thesaurus });
  expect(plan.alternatives[plan.words.indexOf('防衛')]).toContain(String(ANALYZED_TERMS_KEPT + 99));
  expect(keptTermAnalyses()).toBe(ANALYZED_TERMS_KEPT);
});
