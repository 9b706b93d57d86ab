/**
 * The root pino logger. JSON lines by default (for log shippers), pretty when stdout is a TTY and
 * pino-pretty is installed: it is a development dependency, so a production install (the Docker
 * image prunes them) writes JSON even on a terminal, and `npm ci` on a workstation prints pretty.
 *
 * Secrets never reach the output: known secret keys are redacted by path, and every finished
 * line is scrubbed of the configured bot token and of anything shaped like a Discord token or an
 * Authorization header, wherever it hides (messages, error stacks, nested objects).
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';
import { currentLogContext } from './log-context';

export type { Logger } from 'pino';

export const REDACTED = '[REDACTED]';

/** Keys whose values are secrets wherever they appear (one and two levels deep). */
const SECRET_KEYS = ['token', 'discordToken', 'DISCORD_TOKEN', 'authorization', 'Authorization', 'password'];
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/**
 * Discord bot tokens are three base64url parts joined by dots (id.timestamp.hmac). The first part
 * is a base64 user id (>= 17 chars), the second a 6-7 char timestamp, the third >= 27 chars.
 */
const DISCORD_TOKEN_SHAPE = /[A-Za-z0-9_-]{17,}\.[A-Za-z0-9_-]{5,8}\.[A-Za-z0-9_-]{25,}/g;
/** `Bot <token>` / `Bearer <token>` as found in Authorization headers or request dumps. */
const AUTH_SCHEME = /\b(Bot|Bearer)\s+[A-Za-z0-9._~+/=-]{16,}/g;

/**
 * Interaction and webhook tokens sit in Discord URL paths (`/interactions/<id>/<token>/callback`,
 * `/webhooks/<application id>/<token>/messages/@original`): whoever holds one can answer as the bot
 * for 15 minutes, so the segment after the id never reaches a log line (error messages quote URLs).
 */
const TOKEN_IN_PATH = /(\/(?:interactions|webhooks)\/\d{15,25}\/)[^/\s"'?#]+/g;

export function scrubSecrets(line: string, literalSecrets: readonly string[] = []): string {
  let out = line;
  for (const secret of literalSecrets) {
    // Short strings would blank out ordinary words; real tokens are long.
    if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(DISCORD_TOKEN_SHAPE, REDACTED)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(TOKEN_IN_PATH, `$1${REDACTED}`);
}

export interface LoggerOptions {
  level: LogLevel;
  /** Values that must never be printed, e.g. the configured DISCORD_TOKEN. */
  secrets?: readonly (string | undefined)[];
  /** Where lines go; defaults to stdout (pretty-printed when stdout is a TTY). */
  destination?: DestinationStream;
  name?: string;
}

type PrettyFactory = (options: { colorize: boolean; translateTime: string }) => DestinationStream;

/**
 * A pretty-printing stream, or null when pino-pretty is not installed (a production install).
 * `load` is the module loader (tests pass one that fails, as a production install would).
 */
export function prettyStream(load: (id: string) => unknown = require): DestinationStream | null {
  let pretty: PrettyFactory;
  try {
    const loaded = load('pino-pretty') as PrettyFactory | { default: PrettyFactory };
    pretty = typeof loaded === 'function' ? loaded : loaded.default;
  } catch {
    return null;
  }
  return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l' });
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter((s): s is string => typeof s === 'string' && s !== '');
  const destination =
    options.destination ?? (process.stdout.isTTY ? prettyStream() : null) ?? pino.destination(1);
  return pino(
    {
      name: options.name ?? 'vrcpulse',
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // Lines written inside an activity carry its workflow id, activity type and attempt.
      mixin: () => ({ ...currentLogContext() }),
      hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
    },
    destination,
  );
}
