import { describe, expect, it } from 'vitest';
import { ConfigError, loadCoreConfig, PROJECT_ROOT } from '../src/index.js';

describe('loadCoreConfig', () => {
  it('has defaults for everything, resolved against the project', () => {
    const config = loadCoreConfig({});
    expect(config.corpusDir).toBe(`${PROJECT_ROOT}/corpus`);
    expect(config.indexDir).toBe(`${PROJECT_ROOT}/index`);
    expect(config.maxSentenceChars).toBe(300);
  });

  it('treats an empty value as not set', () => {
    expect(loadCoreConfig({ MAX_SENTENCE_CHARS: '' }).maxSentenceChars).toBe(300);
  });

  it('names the variable, the value and what is allowed', () => {
    expect(() => loadCoreConfig({ MAX_SENTENCE_CHARS: 'lots', ANSWER_MAX_SENTENCES: '0' })).toThrow(ConfigError);
    try {
      loadCoreConfig({ MAX_SENTENCE_CHARS: 'lots', ANSWER_MAX_SENTENCES: '0' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/MAX_SENTENCE_CHARS is "lots": .*number/);
      expect(message).toMatch(/ANSWER_MAX_SENTENCES is "0": .*>=\s*1/);
    }
  });
});
