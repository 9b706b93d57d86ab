/**
 * Who may use `/admin`: the Discord application's owner; if a team owns it, the team's owner and the
 * members who accepted their invitation and hold the admin or developer role (not read-only ones);
 * plus DISCORD_OWNER_IDS. A server Administrator is not enough: the settings are global.
 */
import { Team, TeamMemberMembershipState, TeamMemberRole, type Client, User } from 'discord.js';
import type { Logger } from '../logger';

/** How long the application's owners are trusted before they are fetched again. */
const OWNERS_TTL_MS = 10 * 60_000;

export interface OwnerCheck {
  isOwner(userId: string): Promise<boolean>;
}

export function createOwnerCheck(client: Client, extraIds: readonly string[], logger: Logger): OwnerCheck {
  let known: { ids: Set<string>; at: number } | null = null;

  async function applicationOwners(): Promise<Set<string>> {
    if (known && Date.now() - known.at < OWNERS_TTL_MS) return known.ids;
    try {
      const application = await client.application!.fetch();
      const ids = new Set<string>();
      const owner = application.owner;
      if (owner instanceof User) ids.add(owner.id);
      if (owner instanceof Team) {
        if (owner.ownerId) ids.add(owner.ownerId);
        for (const [memberId, member] of owner.members) {
          const accepted = member.membershipState === TeamMemberMembershipState.Accepted;
          const mayChange = member.role === TeamMemberRole.Admin || member.role === TeamMemberRole.Developer;
          if (accepted && mayChange) ids.add(memberId);
        }
      }
      known = { ids, at: Date.now() };
      return ids;
    } catch (err) {
      // Discord unreachable: the last known owners stay valid; without any, only DISCORD_OWNER_IDS.
      logger.warn({ err }, 'could not fetch the application owners; using the last known list');
      return known?.ids ?? new Set();
    }
  }

  return {
    async isOwner(userId) {
      if (extraIds.includes(userId)) return true;
      return (await applicationOwners()).has(userId);
    },
  };
}
