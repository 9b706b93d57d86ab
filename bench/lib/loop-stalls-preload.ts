/**
 * Preloaded into the worker and its delivery process by the fan-out benchmarks (NODE_OPTIONS
 * `--require`, which the delivery process inherits): reports the process's event-loop stalls on
 * stderr once a second as one JSON line, `{"benchLoopStalls":{...},"pid":N}` (what happened in that
 * second), so a benchmark can tell stalls in the worker, in the delivery process and in its own
 * process (where the fake Discord server runs) apart.
 */
import { watchLoopStalls } from './loop-stalls';

const watch = watchLoopStalls();
setInterval(
  () => process.stderr.write(`${JSON.stringify({ benchLoopStalls: watch.take(), pid: process.pid })}\n`),
  1000,
).unref();
