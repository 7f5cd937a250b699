/** The per-user rate limit both adapters share, on a hand-driven clock. */
import { describe, expect, it } from 'vitest';
import { createRateLimiter, enforceRateLimit } from '../../adapters/shared/rate-limit.js';
import { UserFacingError } from '../../src/index.js';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('createRateLimiter', () => {
  it('allows N requests a minute, refuses the next with the seconds left, and allows again once the window slides', () => {
    const c = clock();
    const limiter = createRateLimiter(3, c.now);
    expect(limiter.take('u')).toBe(0);
    c.advance(10_000);
    expect(limiter.take('u')).toBe(0);
    c.advance(10_000);
    expect(limiter.take('u')).toBe(0);
    // 20 s after the first request: it leaves the window in 40 s.
    expect(limiter.take('u')).toBe(40);
    c.advance(15_500);
    expect(limiter.take('u')).toBe(25); // 24.5 s, rounded up
    // The first request is a minute old: one slot is free, and only one.
    c.advance(24_500);
    expect(limiter.take('u')).toBe(0);
    expect(limiter.take('u')).toBe(10);
    // The second leaves at 70 s, the third at 80 s.
    c.advance(10_000);
    expect(limiter.take('u')).toBe(0);
    c.advance(9_999);
    expect(limiter.take('u')).toBe(1);
    c.advance(1);
    expect(limiter.take('u')).toBe(0);
  });

  it('a refused request does not count: waiting out the window is enough', () => {
    const c = clock();
    const limiter = createRateLimiter(1, c.now);
    expect(limiter.take('u')).toBe(0);
    for (let i = 0; i < 5; i++) {
      c.advance(10_000);
      expect(limiter.take('u')).toBeGreaterThan(0);
    }
    c.advance(10_000);
    expect(limiter.take('u')).toBe(0);
  });

  it('counts each user apart', () => {
    const c = clock();
    const limiter = createRateLimiter(2, c.now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 60]);
    expect([limiter.take('b'), limiter.take('b'), limiter.take('b')]).toEqual([0, 0, 60]);
  });

  it('0 turns the limit off', () => {
    const limiter = createRateLimiter(0, clock().now);
    for (let i = 0; i < 100; i++) expect(limiter.take('u')).toBe(0);
  });
});

describe('enforceRateLimit', () => {
  it('lets an allowed request through and refuses the next politely, naming the wait in both languages', () => {
    const limiter = createRateLimiter(1, clock().now);
    expect(() => enforceRateLimit(limiter, 'u')).not.toThrow();
    const refusal = (() => {
      try {
        enforceRateLimit(limiter, 'u');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(UserFacingError);
    expect((refusal as Error).message).toMatch(/あと 60 秒.*try again in 60 s/);
  });
});
