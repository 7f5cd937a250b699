/** The process-wide logger's level (src/log.ts), read from LOG_LEVEL before the settings are checked. */
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the logger, made as at start-up with LOG_LEVEL `level`. */
async function loggerWith(level: string) {
  vi.stubEnv('LOG_LEVEL', level);
  vi.resetModules();
  return (await import('../src/log.js')).log;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('log', () => {
  it('logs at the level LOG_LEVEL names', async () => {
    expect((await loggerWith('warn')).level).toBe('warn');
  });

  it('logs at info while LOG_LEVEL is not a level, rather than failing before the settings check can say so', async () => {
    expect((await loggerWith('loud')).level).toBe('info');
  });
});
