/**
 * The report workflow's state, without Temporal: one recording per interaction however often the
 * update is delivered, the answer once recorded, and the threshold alert dispatched behind it.
 */
import type { ReportAnswer } from '../../src/contracts/reports';
import { ReportState } from '../../src/workflows/report';

const answer = { status: 'recorded' } as unknown as ReportAnswer;

describe('ReportState', () => {
  it('has no answer and nothing to wait for before a submission', async () => {
    const state = new ReportState();
    expect(state.answer).toBeNull();
    await expect(state.alerting).resolves.toBeUndefined();
  });

  it('records once: a redelivered submission shares the first recording', async () => {
    const state = new ReportState();
    const record = jest.fn(async () => answer);
    const first = state.submit(record);
    const again = state.submit(record);
    expect(again).toBe(first);
    expect(record).toHaveBeenCalledTimes(1);
    await expect(first).resolves.toBe(answer);
  });

  it('has the answer once recorded, with no alert to wait for when there is no threshold', async () => {
    const state = new ReportState();
    state.answered(answer);
    expect(state.answer).toBe(answer);
    await expect(state.alerting).resolves.toBeUndefined();
  });

  it('waits for the threshold alert the report brought', () => {
    const state = new ReportState();
    const dispatch = new Promise<void>(() => {});
    state.answered(answer, dispatch);
    expect(state.answer).toBe(answer);
    expect(state.alerting).toBe(dispatch);
  });
});
