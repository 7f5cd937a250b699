/** What the person sees when their request fails: the reason when it is theirs to fix, else an apology. */
import { UserFacingError } from '../../src/index.js';

const APOLOGY = 'エラーが発生しました。しばらくしてからもう一度お試しください。(Something went wrong; please try again later.)';

export function userMessage(err: unknown): string {
  return err instanceof UserFacingError ? err.message : APOLOGY;
}
