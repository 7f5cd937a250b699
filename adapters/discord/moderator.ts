/** Who is a moderator on Discord: for /reindex and /unanswered. */
import { type ChatInputCommandInteraction, PermissionFlagsBits } from 'discord.js';
import { UserFacingError } from '../../src/index.js';
import { moderatorsOnly, type ModeratorAction } from '../shared/moderators.js';

/**
 * Members with Manage Server or one of DISCORD_MODERATOR_ROLE_IDS. Checked at run time although
 * the commands are registered for Manage Server only: server admins can hand a command to anyone
 * in Integrations settings, and the moderator roles setting grants it without Manage Server.
 */
export function requireModerator(interaction: ChatInputCommandInteraction, moderatorRoleIds: string[], action: ModeratorAction): void {
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return;
  const roles = interaction.member?.roles;
  const held = !roles ? [] : Array.isArray(roles) ? roles : [...roles.cache.keys()];
  if (held.some((id) => moderatorRoleIds.includes(id))) return;
  throw new UserFacingError(moderatorsOnly(action, ': Manage Server permission or a moderator role'));
}
