/**
 * Preloaded into the worker process by the fan-out benchmark (`node --require`): reports the
 * worker's event-loop stalls on stderr once a second as one JSON line, `{"benchLoopStalls":{...}}`
 * (what happened in that second), so the benchmark can tell stalls in the worker from stalls in its
 * own process, where the fake Discord server runs.
 */
import { watchLoopStalls } from './loop-stalls';

const watch = watchLoopStalls();
setInterval(
  () => process.stderr.write(`${JSON.stringify({ benchLoopStalls: watch.take() })}\n`),
  1000,
).unref();
