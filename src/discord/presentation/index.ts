/**
 * Discord presentation: what VRCPulse's messages look like, as opposed to how they are sent.
 *
 * src/discord/ holds both halves of talking to Discord. Its top level is the transport (rest.ts,
 * rate-gate.ts, send.ts: HTTP, pacing, error handling); this folder is the presentation, pure
 * functions with no I/O that any process may use, the workflow-facing alert renderers included:
 * - embed.ts   the embed kit: the DiscordEmbed type, Discord's limits, colours, status emoji,
 *              embedLength and fitEmbed (every embed VRCPulse sends goes through it)
 * - format.ts  Discord timestamp tokens, safe URLs, numbers
 * - text.ts    Discord markdown: truncation, line fitting, escaping, Statuspage HTML to markdown
 * It stays under src/discord/ rather than a top-level src/presentation/ because everything in it is
 * Discord's format (embed JSON, markdown, `<t:…>` tokens), not a general rendering layer. The
 * renderers of each feature live with the feature (src/alerts/embeds.ts, src/bot/status-embed.ts,
 * src/bot/replies.ts, src/welcome/embed.ts); the words come from src/i18n/.
 */
export * from './embed';
export * from './format';
export * from './text';
