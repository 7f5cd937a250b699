import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadCoreConfig, parseSettings, PROJECT_ROOT } from '../src/index.js';

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

  it('never echoes the value of a token or secret', () => {
    const schema = z.object({ SOME_TOKEN: z.string().startsWith('xoxb-') });
    expect(() => parseSettings(schema, { SOME_TOKEN: 'hunter2-secret' })).toThrow(/SOME_TOKEN is set: /);
    expect(() => parseSettings(schema, { SOME_TOKEN: 'hunter2-secret' })).not.toThrow(/hunter2/);
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
