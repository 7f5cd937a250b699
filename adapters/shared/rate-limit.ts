/** Per-user sliding-window rate limit, shared by every adapter (setting RATE_LIMIT_PER_MINUTE). */
import { UserFacingError } from '../../src/index.js';

export interface RateLimiter {
  /** Records one request by `userId`; returns how many seconds to wait, or 0 when allowed. */
  take(userId: string): number;
}

const WINDOW_MS = 60_000;

/** `perMinute` 0 turns the limit off. `now` is injectable so tests need no real waiting. */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const recent = new Map<string, number[]>();
  return {
    take(userId) {
      if (perMinute <= 0) return 0;
      const t = now();
      const times = (recent.get(userId) ?? []).filter((at) => t - at < WINDOW_MS);
      if (times.length >= perMinute) {
        recent.set(userId, times);
        return Math.ceil((WINDOW_MS - (t - times[0]!)) / 1000);
      }
      times.push(t);
      recent.set(userId, times);
      return 0;
    },
  };
}

/** Records a request by `userId`; throws a polite UserFacingError when they are over the limit. */
export function enforceRateLimit(limiter: RateLimiter, userId: string): void {
  const wait = limiter.take(userId);
  if (wait > 0) throw new UserFacingError(`少し間をおいてください。あと ${wait} 秒ほどでまた使えます。(Too many requests; try again in ${wait} s.)`);
}
