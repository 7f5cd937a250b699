/** Per-user sliding-window rate limit, shared by every adapter (setting RATE_LIMIT_PER_MINUTE). */
import { UserFacingError } from '../../src/index.js';

export interface RateLimiter {
  /** Records one request by `userId`; returns how many seconds to wait, or 0 when allowed. */
  take(userId: string): number;
}

const WINDOW_MS = 60_000;

/** `perMinute` 0 turns the limit off. `now` is injectable so tests need no real waiting. */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter & { tracked(): number } {
  const recent = new Map<string, number[]>();
  let sweptAt = now();
  /** Forgets users idle for a whole window, at most once a window, so the map holds only recent askers. */
  const sweep = (t: number) => {
    if (t - sweptAt < WINDOW_MS) return;
    sweptAt = t;
    for (const [user, times] of recent) if (t - times[times.length - 1]! >= WINDOW_MS) recent.delete(user);
  };
  return {
    take(userId) {
      if (perMinute <= 0) return 0;
      const t = now();
      sweep(t);
      const times = (recent.get(userId) ?? []).filter((at) => t - at < WINDOW_MS);
      if (times.length >= perMinute) {
        recent.set(userId, times);
        return Math.ceil((WINDOW_MS - (t - times[0]!)) / 1000);
      }
      times.push(t);
      recent.set(userId, times);
      return 0;
    },
    tracked: () => recent.size,
  };
}

/** Records a request by `userId`; throws a polite UserFacingError when they are over the limit. */
export function enforceRateLimit(limiter: RateLimiter, userId: string): void {
  const wait = limiter.take(userId);
  if (wait > 0) throw new UserFacingError(`少し間をおいてください。あと ${wait} 秒ほどでまた使えます。(Too many requests; try again in ${wait} s.)`);
}
