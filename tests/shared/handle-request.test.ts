/** The one request path both adapters share: what the user is told, and what the log says, for each way a request ends. */
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { handleRequest, type ChatRequest } from '../../adapters/shared/handle-request.js';
import { InFlight } from '../../adapters/shared/in-flight.js';
import { createRateLimiter } from '../../adapters/shared/rate-limit.js';
import { UserFacingError } from '../../src/index.js';

/** A real pino logger writing into an array, so tests read the lines as an operator would. */
function recordingLogger() {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** A request whose `run` does `work`, recording the private replies it gets. */
function request(work: () => Promise<void>, user = 'U1') {
  const replies: string[] = [];
  const req: ChatRequest = { user, meta: { command: '/ask', channel: 'C1' }, run: work, replyPrivately: async (text) => void replies.push(text) };
  return { req, replies };
}

const INFO = 30;
const ERROR = 50;

describe('handleRequest', () => {
  it('runs the request and logs it as handled, with its meta, its user and how long it took', async () => {
    const { logger, lines } = recordingLogger();
    let ran = 0;
    const { req, replies } = request(async () => void ran++);
    await handleRequest(createRateLimiter(5), logger, req);
    expect(ran).toBe(1);
    expect(replies).toEqual([]);
    expect(lines).toEqual([expect.objectContaining({ level: INFO, msg: 'request handled', command: '/ask', channel: 'C1', user: 'U1', ms: expect.any(Number) })]);
  });

  it('tells the user why a request was refused, privately, and logs it at info', async () => {
    const { logger, lines } = recordingLogger();
    const { req, replies } = request(async () => {
      throw new UserFacingError('質問が空です。');
    });
    await handleRequest(createRateLimiter(5), logger, req);
    expect(replies).toEqual(['質問が空です。']);
    expect(lines).toEqual([expect.objectContaining({ level: INFO, msg: 'request refused or failed', user: 'U1', command: '/ask', err: expect.objectContaining({ message: '質問が空です。' }) })]);
  });

  it('answers a failure with an apology only, the details going to the error log', async () => {
    const { logger, lines } = recordingLogger();
    const { req, replies } = request(async () => {
      throw new Error('secret path /srv/x failed');
    });
    await handleRequest(createRateLimiter(5), logger, req);
    expect(replies).toEqual(['エラーが発生しました。しばらくしてからもう一度お試しください。(Something went wrong; please try again later.)']);
    expect(lines).toEqual([expect.objectContaining({ level: ERROR, msg: 'request refused or failed', user: 'U1', err: expect.objectContaining({ message: 'secret path /srv/x failed' }) })]);
  });

  it('refuses a user over the rate limit before running anything', async () => {
    const { logger } = recordingLogger();
    let ran = 0;
    const limiter = createRateLimiter(1);
    const first = request(async () => void ran++);
    const second = request(async () => void ran++);
    const other = request(async () => void ran++, 'U2');
    await handleRequest(limiter, logger, first.req);
    await handleRequest(limiter, logger, second.req);
    await handleRequest(limiter, logger, other.req);
    expect(ran).toBe(2);
    expect(second.replies).toEqual([expect.stringMatching(/Too many requests; try again in \d+ s/)]);
    expect(other.replies).toEqual([]);
  });

  it('logs a reply that could not be sent instead of throwing', async () => {
    const { logger, lines } = recordingLogger();
    const req: ChatRequest = {
      user: 'U1',
      meta: {},
      run: async () => {
        throw new UserFacingError('no');
      },
      replyPrivately: async () => {
        throw new Error('channel gone');
      },
    };
    await expect(handleRequest(createRateLimiter(5), logger, req)).resolves.toBeUndefined();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [INFO, 'request refused or failed'],
      [ERROR, 'could not reply'],
    ]);
    expect(lines[1]).toMatchObject({ user: 'U1', err: { message: 'channel gone' } });
  });

  it('while stopping, turns new work away politely; until then counts it as in flight', async () => {
    const { logger } = recordingLogger();
    const inFlight = new InFlight();
    let release!: () => void;
    const held = request(() => new Promise<void>((resolve) => (release = resolve)));
    const running = handleRequest(createRateLimiter(5), logger, held.req, inFlight);
    // Held, so a stop with no grace period finds it still in flight.
    expect(await inFlight.drain(0)).toBe(false);
    release();
    await running;
    expect(await inFlight.drain(0)).toBe(true);

    inFlight.close();
    let ran = 0;
    const late = request(async () => void ran++);
    await handleRequest(createRateLimiter(5), logger, late.req, inFlight);
    expect(ran).toBe(0);
    expect(late.replies).toEqual(['ボットは再起動中です。少し待ってからもう一度お試しください。(The bot is restarting; please ask again in a moment.)']);
  });
});
