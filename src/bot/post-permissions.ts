/** What the bot needs to post an embed in a server's channel, and which of it it lacks there. */
import { type GuildBasedChannel, PermissionFlagsBits } from 'discord.js';

/** See the channel, post in it, post embeds. */
export const POST_PERMISSIONS = ['ViewChannel', 'SendMessages', 'EmbedLinks'] as const;
export type PostPermission = (typeof POST_PERMISSIONS)[number];

/** The permissions of POST_PERMISSIONS the bot lacks in `channel` (its own member fetched when not cached). */
export async function missingPostPermissions(channel: GuildBasedChannel): Promise<PostPermission[]> {
  const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe());
  const permissions = channel.permissionsFor(me);
  return POST_PERMISSIONS.filter((name) => !permissions.has(PermissionFlagsBits[name]));
}
