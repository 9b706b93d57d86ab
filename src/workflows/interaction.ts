import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  type CommandAnswer,
  type CommandLogEntry,
  InvalidCommandError,
  logCommandSignal,
  runCommandUpdate,
  validateCommandRequest,
  validateLogEntry,
} from '../contracts/commands';
import { POLL_WORKFLOW_IDS, setPollIntervalSignal } from '../contracts/polling';
import { pollSourceOf } from '../contracts/settings';

const { runCommand, recordCommandLog } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '2 seconds', maximumAttempts: 10 },
});

/** How long the workflow waits for its message (it normally arrives with the start). */
const WAIT_FOR_MESSAGE = '1 minute';

/**
 * One slash command (or button press), one workflow: `interaction-<interaction id>`. The bot starts
 * it with either the `runCommand` update (the command changes something; the answer goes back to
 * the user) or the `logCommand` signal (a view, or a command the bot refused). Either way the
 * command lands in command_logs exactly once. A poll interval changed by `/admin config` is handed
 * to its poll loop before the answer goes back, so the reply can say it is already in effect.
 */
export async function interactionWorkflow(): Promise<CommandAnswer | null> {
  let logEntry: CommandLogEntry | null = null;
  let running: Promise<CommandAnswer> | null = null;
  let answer: CommandAnswer | null = null;

  setHandler(logCommandSignal, (entry: CommandLogEntry) => {
    logEntry ??= entry;
  });
  setHandler(
    runCommandUpdate,
    (request) => {
      // A redelivered update (same interaction) shares the one run.
      running ??= (async () => {
        const result = await runCommand({ request });
        await applyLive(result);
        answer = result;
        return result;
      })();
      return running;
    },
    { validator: validateCommandRequest },
  );

  await condition(() => logEntry !== null || running !== null, WAIT_FOR_MESSAGE);
  if (running === null && logEntry !== null) {
    const entry: CommandLogEntry = logEntry;
    try {
      validateLogEntry(entry);
      await recordCommandLog({ entry });
    } catch (err) {
      // Signals cannot be refused at the door; a malformed one is reported, not retried forever.
      if (!(err instanceof InvalidCommandError)) throw err;
      log.warn('malformed command log entry ignored', { error: err.message });
    }
  }
  await condition(allHandlersFinished);
  return answer;
}

/** Poll interval changes take effect at once: the loop is signalled (it also rereads on restart). */
async function applyLive(answer: CommandAnswer): Promise<void> {
  if (answer.status !== 'settings_changed') return;
  for (const change of answer.changes) {
    const source = pollSourceOf(change.key);
    if (!source || change.value === null) continue;
    try {
      await getExternalWorkflowHandle(POLL_WORKFLOW_IDS[source]).signal(setPollIntervalSignal, {
        intervalSeconds: Number(change.value),
      });
    } catch (err) {
      // The loop is not running (e.g. no worker has booted it yet); it reads bot_config when it starts.
      log.warn('poll loop not signalled', { source, error: String(err) });
    }
  }
}
