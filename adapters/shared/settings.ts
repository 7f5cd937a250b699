/** Settings every adapter shares. */
import { z } from 'zod';

export const sharedAdapterSchema = z.object({
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(10_000).default(10),
});

/** What a started adapter hands back so `npm start` can shut everything down cleanly. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}
