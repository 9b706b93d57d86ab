/**
 * The interaction workflow's state, without Temporal: a command is run once however often its update
 * is delivered, and its log entry is recorded by the workflow only when it was logged and not run.
 */
import type { CommandAnswer, CommandLogEntry } from '../../src/contracts/commands';
import { InteractionState } from '../../src/workflows/interaction';

const entry = (command: string) => ({ command }) as unknown as CommandLogEntry;
const answer = { status: 'settings_changed', changes: [] } as unknown as CommandAnswer;

describe('InteractionState', () => {
  it('waits for a message; nothing to record and no answer before one', () => {
    const state = new InteractionState();
    expect(state.messageArrived).toBe(false);
    expect(state.entryToRecord()).toBeNull();
    expect(state.answer).toBeNull();
  });

  it('a logged command: the first entry is recorded, a redelivered one changes nothing', () => {
    const state = new InteractionState();
    state.logged(entry('status'));
    state.logged(entry('help'));
    expect(state.messageArrived).toBe(true);
    expect(state.entryToRecord()).toEqual(entry('status'));
    expect(state.answer).toBeNull();
  });

  it('a run command: runs once for every delivery of the update, and answers', async () => {
    const state = new InteractionState();
    const start = jest.fn(async () => answer);
    const first = state.run(start);
    expect(state.run(start)).toBe(first);
    expect(start).toHaveBeenCalledTimes(1);
    expect(state.messageArrived).toBe(true);
    expect(state.answer).toBeNull();
    await expect(first).resolves.toBe(answer);
    state.answered(answer);
    expect(state.answer).toBe(answer);
  });

  it('a command that is run is not also recorded from a log entry', () => {
    const state = new InteractionState();
    state.logged(entry('admin'));
    void state.run(async () => answer);
    expect(state.entryToRecord()).toBeNull();
  });
});
