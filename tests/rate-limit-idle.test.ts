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
