/**
 * Which activities a process is running, and which ended a moment ago: what a stall warning names.
 * An activity that stalled the loop has usually finished by the time the loop runs the check (its
 * synchronous work was the stall), so those that ended since the stall began count too.
 */
export interface RunningActivities {
  /** Marks an activity started; call the returned function when it ends. */
  start(activity: { activityType: string; workflowId: string }): () => void;
  /** `type (workflow id)` of those running now or ended since `sinceMs` (epoch ms). */
  during(sinceMs: number): string[];
}

const KEEP_ENDED = 50;

export function trackRunningActivities(): RunningActivities {
  let next = 0;
  const running = new Map<number, string>();
  const ended: { label: string; at: number }[] = [];
  return {
    start({ activityType, workflowId }) {
      const id = next++;
      const label = `${activityType} (${workflowId})`;
      running.set(id, label);
      return () => {
        running.delete(id);
        ended.push({ label, at: Date.now() });
        if (ended.length > KEEP_ENDED) ended.shift();
      };
    },
    during(sinceMs) {
      const recent = ended.filter((e) => e.at >= sinceMs).map((e) => e.label);
      return [...new Set([...running.values(), ...recent])];
    },
  };
}
