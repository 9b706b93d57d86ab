import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { deliveryTaskQueue, type Recipient } from '../contracts/alerts';
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
 * What one interaction has received: the command log entry (signal) or the command run (update),
 * whichever came, and the run's answer. Pure: the workflow runs the command and records the log,
 * and hands the state the run's promise and its answer.
 */
export class InteractionState {
  private logEntry: CommandLogEntry | null = null;
  private running: Promise<CommandAnswer> | null = null;
  private result: CommandAnswer | null = null;

  /** Whether the signal or the update has arrived. */
  get messageArrived(): boolean {
    return this.logEntry !== null || this.running !== null;
  }

  /** The command's answer once it ran, else null (also when it was only logged). */
  get answer(): CommandAnswer | null {
    return this.result;
  }

  /** The `logCommand` signal: the first entry counts, a redelivered one changes nothing. */
  logged(entry: CommandLogEntry): void {
    this.logEntry ??= entry;
  }

  /** The `runCommand` update: `start` runs the command the first time; a redelivery shares that run. */
  run(start: () => Promise<CommandAnswer>): Promise<CommandAnswer> {
    return (this.running ??= start());
  }

  /** The command ran and its poll interval changes, if any, were handed on. */
  answered(answer: CommandAnswer): void {
    this.result = answer;
  }

  /** The log entry the workflow records itself: only when the command was logged and not run. */
  entryToRecord(): CommandLogEntry | null {
    return this.running === null ? this.logEntry : null;
  }
}

/**
 * One slash command (or button press), one workflow: `interaction-<interaction id>`. The bot starts
 * it with either the `runCommand` update (the command changes something; the answer goes back to
 * the user) or the `logCommand` signal (a view, or a command the bot refused). Either way the
 * command lands in command_logs exactly once. A poll interval changed by `/admin config` is handed
 * to its poll loop before the answer goes back, so the reply can say it is already in effect.
 */
export async function interactionWorkflow(): Promise<CommandAnswer | null> {
  const state = new InteractionState();

  setHandler(logCommandSignal, (entry: CommandLogEntry) => state.logged(entry));
  setHandler(
    runCommandUpdate,
    (request) =>
      // A redelivered update (same interaction) shares the one run.
      state.run(async () => {
        let result = await runCommand({ request });
        // `/config test`: the registration is read; the sample goes out from the delivery process
        if (result.status === 'test_ready')
          result = await sendTestAlert(request.interactionId, result.recipient);
        await applyLive(result);
        state.answered(result);
        return result;
      }),
    { validator: validateCommandRequest },
  );

  await condition(() => state.messageArrived, WAIT_FOR_MESSAGE);
  const entry = state.entryToRecord();
  if (entry !== null) {
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
  return state.answer;
}

/**
 * Sends `/config test`'s sample alert on the delivery task queue, under the same pacing as alerts.
 * The user waits for the answer, so a Discord that does not answer is given a few tries, not an hour.
 */
async function sendTestAlert(interactionId: string, recipient: Recipient): Promise<CommandAnswer> {
  const { deliverTestAlert } = proxyActivities<Activities>({
    taskQueue: deliveryTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '30 seconds',
    // no delivery process (a worker without DISCORD_TOKEN), or one stuck: the user hears so in a minute
    scheduleToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '5 seconds', maximumAttempts: 3 },
  });
  try {
    return await deliverTestAlert({
      recipient,
      interactionId,
      requestedAt: new Date(Date.now()).toISOString(),
    });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    log.warn('the test alert got no answer in time', { error: err.message });
    return { status: 'test_result', delivered: false, code: null, reason: null };
  }
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
