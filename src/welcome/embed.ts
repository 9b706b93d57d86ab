/** The welcome / intro embed (pure): a server that adds VRCPulse, or a user who has not registered. */
import { type DiscordEmbed, EMBED_COLORS } from '../discord/presentation';
import { type Language, t } from '../i18n';

export function buildWelcomeEmbed(language: Language, audience: 'guild' | 'user'): DiscordEmbed {
  return {
    title: t(language, audience === 'guild' ? 'welcome.title' : 'welcome.dm.title'),
    description: t(language, audience === 'guild' ? 'welcome.description' : 'welcome.dm.description'),
    color: EMBED_COLORS.info,
    fields: [
      {
        name: t(language, 'welcome.setup.name'),
        value: t(language, audience === 'guild' ? 'welcome.setup.value' : 'welcome.dm.setup.value'),
      },
      { name: t(language, 'welcome.commands.name'), value: t(language, 'welcome.commands.value') },
    ],
    footer: { text: 'VRCPulse' },
  };
}
