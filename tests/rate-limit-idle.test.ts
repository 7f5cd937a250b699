/** The per-user rate limit forgets people who stopped asking, so its memory follows the recent askers only. */
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../adapters/shared/rate-limit.js';

describe('rate limiter memory', () => {
  it('forgets users idle for a whole window, and keeps the one still asking', () => {
    let now = 0;
    const limiter = createRateLimiter(2, () => now);
    for (let i = 0; i < 1000; i++) limiter.take(`U${i}`);
    expect(limiter.tracked()).toBe(1000);
    now = 30_000;
    limiter.take('U0');
    expect(limiter.tracked()).toBe(1000);
    now = 61_000;
    limiter.take('U0');
    // U0 asked 31 s ago and again now; the other 999 were last seen 61 s ago.
    expect(limiter.tracked()).toBe(1);
    expect(limiter.take('U0')).toBeGreaterThan(0);
  });
});

describe('when the limiter sweeps', () => {
  /** 100 users who asked once at `at`, on a limiter whose clock the test moves. */
  function askedOnceAt(at: number) {
    let now = at;
    const limiter = createRateLimiter(2, () => now);
    for (let i = 0; i < 100; i++) limiter.take(`U${i}`);
    return { limiter, setNow: (t: number) => void (now = t) };
  }

  it('forgets users idle for exactly a whole window at the next request', () => {
    const { limiter, setNow } = askedOnceAt(1_000_000);
    setNow(1_060_000);
    limiter.take('U0');
    expect(limiter.tracked()).toBe(1);
  });

  it('still forgets idle users after a quiet spell longer than a window, and at every window after it', () => {
    const { limiter, setNow } = askedOnceAt(1_000_000);
    // Nobody asks for five minutes; then one user asks.
    setNow(1_300_000);
    limiter.take('late');
    expect(limiter.tracked()).toBe(1);
    // Another window later, that user is idle too, and the next asker is the only one remembered.
    setNow(1_360_000);
    limiter.take('later');
    expect(limiter.tracked()).toBe(1);
  });

  it('sweeps at most once a window, however many requests come in between', () => {
    const { limiter, setNow } = askedOnceAt(1_000_000);
    setNow(1_010_000);
    limiter.take('V');
    // The sweep at 1,060,000 forgets the 100 users (idle a whole window) but not V (50 s).
    setNow(1_060_000);
    limiter.take('W');
    expect(limiter.tracked()).toBe(2);
    // V has been idle a whole window by 1,070,000, but the next sweep is not due until 1,120,000.
    setNow(1_070_000);
    limiter.take('W');
    expect(limiter.tracked()).toBe(2);
    setNow(1_120_000);
    limiter.take('W');
    expect(limiter.tracked()).toBe(1);
  });
});
