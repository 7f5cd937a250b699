/** The process-wide logger's lines, read by tests of what the bot tells whoever runs it. */
import { pino } from 'pino';
import { vi } from 'vitest';
import { log } from '../../src/index.js';

/** A line as pino writes it (JSON), parsed. */
export type LogLine = Record<string, any>;

/**
 * From now on, every line the logger writes goes into `lines`, parsed, instead of to stderr; the
 * function returned puts the stream back. The logger's level is read when it is made: a test file
 * that reads the log sets LOG_LEVEL in `vi.hoisted` first.
 */
export function captureLog(lines: LogLine[]): () => void {
  const stream = (log as unknown as Record<symbol, { write(line: string): boolean }>)[pino.symbols.streamSym]!;
  const write = vi.spyOn(stream, 'write').mockImplementation((line: string) => {
    lines.push(JSON.parse(line));
    return true;
  });
  return () => write.mockRestore();
}

/** The lines of `lines` whose message is `msg`. */
export function withMessage(lines: readonly LogLine[], msg: string): LogLine[] {
  return lines.filter((line) => line.msg === msg);
}
