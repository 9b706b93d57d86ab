/** How the bot hands slash commands to Temporal (see src/contracts/commands.ts for the design). */
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  type CommandAnswer,
  type CommandLogEntry,
  type CommandRequest,
  INTERACTION_WORKFLOW_TYPE,
  interactionWorkflowId,
  localeWorkflowId,
  InvalidCommandError,
  logCommandSignal,
  runCommandUpdate,
} from '../contracts/commands';
import { WELCOME_WORKFLOW_TYPE, type WelcomeInput, welcomeWorkflowId } from '../contracts/welcome';
import { commandLogSummary, commandSummary, welcomeSummary } from '../temporal/summaries';
import { executeUpdateOnce } from '../temporal/update-once';

/** Runs a command that changes something and returns its answer. */
export async function runCommand(
  client: Client,
  taskQueue: string,
  request: CommandRequest,
): Promise<CommandAnswer> {
  return executeUpdateOnce(client, {
    workflowType: INTERACTION_WORKFLOW_TYPE,
    workflowId: interactionWorkflowId(request.interactionId),
    taskQueue,
    update: runCommandUpdate,
    arg: request,
    updateId: request.interactionId,
    rejected: (message) => new InvalidCommandError(message),
    staticSummary: commandSummary(request),
  });
}

/**
 * Records a server's new preferred locale (GUILD_UPDATE), so its alerts on `auto` follow it. Not
 * an interaction: the bot makes a snowflake for the change (`requestId`), which names the workflow.
 */
export async function updateGuildLocale(
  client: Client,
  taskQueue: string,
  change: { guildId: string; locale: string; requestId: string },
): Promise<CommandAnswer> {
  return executeUpdateOnce(client, {
    workflowType: INTERACTION_WORKFLOW_TYPE,
    workflowId: localeWorkflowId(change.guildId, change.requestId),
    taskQueue,
    update: runCommandUpdate,
    arg: {
      interactionId: change.requestId,
      log: null,
      action: {
        kind: 'updateLocale',
        recipient: { kind: 'guild', guildId: change.guildId },
        locale: change.locale,
      },
    },
    updateId: change.requestId,
    rejected: (message) => new InvalidCommandError(message),
  });
}

/** Logs a command that changed nothing; returns once Temporal has accepted the signal. */
export async function logCommand(client: Client, taskQueue: string, entry: CommandLogEntry): Promise<void> {
  try {
    await client.workflow.signalWithStart(INTERACTION_WORKFLOW_TYPE, {
      workflowId: interactionWorkflowId(entry.interactionId),
      taskQueue,
      args: [],
      signal: logCommandSignal,
      signalArgs: [entry],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: commandLogSummary(entry),
    });
  } catch (err) {
    // This interaction's workflow has already run: it is logged.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** Starts the welcome for one join of a server (a repeated GUILD_CREATE for the same join is a no-op). */
export async function startWelcome(
  client: Client,
  taskQueue: string,
  input: WelcomeInput,
  joinedAtMs: number,
): Promise<void> {
  try {
    await client.workflow.start(WELCOME_WORKFLOW_TYPE, {
      workflowId: welcomeWorkflowId(input.guildId, joinedAtMs),
      taskQueue,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: welcomeSummary(input),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
