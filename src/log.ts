/** The process-wide logger: JSON lines on stderr, so stdout stays clean for answers. */
import { pino } from 'pino';
import { coreSettingsSchema, loadDotEnv } from './config.js';

// The level may come from .env, so read it before the logger exists. A bad value is reported
// by the settings check at start-up; until then the default stands.
loadDotEnv();
const level = coreSettingsSchema.shape.LOG_LEVEL.safeParse(process.env.LOG_LEVEL || undefined);

export const log = pino({ level: level.success ? level.data : 'info' }, pino.destination(2));
