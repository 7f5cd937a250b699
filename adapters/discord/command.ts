/** The shape of a slash command module, as in the discord.js guide: `data` to register, `execute` to run. */
import type { ChatInputCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Services } from '../shared/ask.js';
import type { DiscordSettings } from './settings.js';

export interface CommandContext extends Services {
  settings: DiscordSettings;
}

export interface Command {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Replies to the interaction; throws a UserFacingError for a polite, private refusal. */
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
}
