/** The welcome message a server gets when VRCPulse joins it. */
export const WELCOME_WORKFLOW_TYPE = 'welcomeWorkflow';

/** One welcome per join: joining, leaving and joining again welcomes again. */
export const welcomeWorkflowId = (guildId: string, joinedAtMs: number): string =>
  `welcome-${guildId}-${joinedAtMs}`;

export interface WelcomeInput {
  guildId: string;
  /** The server's system channel. */
  channelId: string;
  /** The server's preferred locale: the welcome's language. */
  locale: string | null;
}

export type WelcomeOutcome =
  { status: 'sent'; messageId: string } | { status: 'not_sent'; reason: string; code: number | null };
