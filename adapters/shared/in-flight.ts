/**
 * Work in flight, for a graceful stop: once `close()` is called no new work is taken, and
 * `drain()` waits for what was already taken (up to a grace period) before the adapters disconnect.
 */
export class InFlight {
  private count = 0;
  private closed = false;
  private idle: (() => void) | undefined;

  /** Whether new work may start (false once stopping). */
  get accepting(): boolean {
    return !this.closed;
  }

  /** Runs `work`, counted until it settles. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      if (--this.count === 0) this.idle?.();
    }
  }

  close(): void {
    this.closed = true;
  }

  /** Resolves true when nothing is in flight, or false when `graceMs` passed first. */
  drain(graceMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      this.idle = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
