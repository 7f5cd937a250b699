import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, InvalidQuestionError, loadCoreConfig, parseSettings, PROJECT_ROOT, ReindexError, UserFacingError } from '../src/index.js';

describe('loadCoreConfig', () => {
  it('has defaults for everything, resolved against the project', () => {
    const config = loadCoreConfig({});
    expect(config.corpusDir).toBe(`${PROJECT_ROOT}/corpus`);
    expect(config.indexDir).toBe(`${PROJECT_ROOT}/index`);
    expect(config.maxSentenceChars).toBe(300);
  });

  it('takes SOURCE_URL_TEMPLATE only as an http(s) URL with {path}', () => {
    const template = 'https://ja.vuejs.org/{path}.html#{anchor}';
    expect(loadCoreConfig({ SOURCE_URL_TEMPLATE: template }).sourceUrlTemplate).toBe(template);
    expect(loadCoreConfig({}).sourceUrlTemplate).toBeUndefined();
    expect(() => loadCoreConfig({ SOURCE_URL_TEMPLATE: 'https://example.com/docs' })).toThrow(/SOURCE_URL_TEMPLATE.*\{path\}/);
    expect(() => loadCoreConfig({ SOURCE_URL_TEMPLATE: 'ftp://example.com/{path}' })).toThrow(/SOURCE_URL_TEMPLATE.*http/);
  });

  it('treats an empty value as not set', () => {
    expect(loadCoreConfig({ MAX_SENTENCE_CHARS: '' }).maxSentenceChars).toBe(300);
    expect(loadCoreConfig({ MAX_SENTENCE_CHARS: '  ' }).maxSentenceChars).toBe(300);
    expect(loadCoreConfig({ MAX_SENTENCE_CHARS: undefined }).maxSentenceChars).toBe(300);
  });

  it('takes an upload folder only inside the corpus folder', () => {
    expect(loadCoreConfig({ CORPUS_UPLOAD_DIR: 'uploads' }).corpusUploadDir).toBe(`${PROJECT_ROOT}/corpus/uploads`);
    expect(loadCoreConfig({}).corpusUploadDir).toBe(`${PROJECT_ROOT}/corpus`);
    expect(() => loadCoreConfig({ CORPUS_UPLOAD_DIR: '../elsewhere' })).toThrow(/CORPUS_UPLOAD_DIR is "\.\.\/elsewhere": must be a folder inside CORPUS_DIR/);
  });

  it('never echoes the value of a token or secret', () => {
    const schema = z.object({ SOME_TOKEN: z.string().startsWith('xoxb-') });
    expect(() => parseSettings(schema, { SOME_TOKEN: 'hunter2-secret' })).toThrow(/SOME_TOKEN is set: /);
    expect(() => parseSettings(schema, { SOME_TOKEN: 'hunter2-secret' })).not.toThrow(/hunter2/);
  });

  it('names the variable, the value and what is allowed', () => {
    const load = () => loadCoreConfig({ MAX_SENTENCE_CHARS: 'lots', ANSWER_MAX_SENTENCES: '0' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/MAX_SENTENCE_CHARS is "lots": .*number/);
    expect(load).toThrow(/ANSWER_MAX_SENTENCES is "0": .*>=\s*1/);
    // One line a variable, under the heading.
    expect(load).toThrow(/^Invalid settings \(see \.env\.example\):\n  MAX_SENTENCE_CHARS is "lots": [^\n]*\n  ANSWER_MAX_SENTENCES is "0": [^\n]*$/);
  });
});

describe('errors', () => {
  it('name their kind where they are printed or logged', () => {
    expect([new InvalidQuestionError('q'), new ReindexError('r'), new ConfigError('c'), new UserFacingError('u')].map(String)).toEqual([
      'InvalidQuestionError: q',
      'ReindexError: r',
      'ConfigError: c',
      'UserFacingError: u',
    ]);
  });
});
