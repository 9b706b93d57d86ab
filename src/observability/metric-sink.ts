/**
 * Where a process's VRCPulse metrics go. The worker (and the bot running alone) write to the
 * Temporal runtime's meter, which the Prometheus endpoint on METRICS_PORT serves. The delivery
 * process has no endpoint of its own: it hands each value to its worker over the IPC channel they
 * share, and the worker writes it to its meter, so one scrape of the worker sees both processes.
 */
import { Runtime } from '@temporalio/worker';
import { COUNTERS, type CounterName, GAUGES, type GaugeName } from '../contracts/metrics';

export type Tags = Record<string, string>;

export interface MetricSink {
  add(counter: CounterName, value: number, tags: Tags): void;
  set(gauge: GaugeName, value: number, tags: Tags): void;
}

/** Writes to this process's Temporal runtime meter (installed first, with its exporter). */
export function runtimeSink(): MetricSink {
  const meter = () => Runtime.instance().metricMeter;
  const counters = new Map<CounterName, ReturnType<ReturnType<typeof meter>['createCounter']>>();
  const gauges = new Map<GaugeName, ReturnType<ReturnType<typeof meter>['createGauge']>>();
  return {
    add(counter, value, tags) {
      let metric = counters.get(counter);
      if (!metric) {
        metric = meter().createCounter(COUNTERS[counter].name, '', COUNTERS[counter].help);
        counters.set(counter, metric);
      }
      metric.add(value, tags);
    },
    set(gauge, value, tags) {
      let metric = gauges.get(gauge);
      if (!metric) {
        metric = meter().createGauge(GAUGES[gauge].name, 'float', '', GAUGES[gauge].help);
        gauges.set(gauge, metric);
      }
      metric.set(value, tags);
    },
  };
}

/** One metric value on its way from the delivery process to its worker. */
export type MetricMessage =
  | { kind: 'vrcpulse-counter'; name: CounterName; value: number; tags: Tags }
  | { kind: 'vrcpulse-gauge'; name: GaugeName; value: number; tags: Tags };

/** In a child process: sends each value to the parent (dropped while the parent is gone). */
export function parentSink(): MetricSink {
  const send = (message: MetricMessage) => {
    if (process.connected) process.send?.(message);
  };
  return {
    add: (name, value, tags) => send({ kind: 'vrcpulse-counter', name, value, tags }),
    set: (name, value, tags) => send({ kind: 'vrcpulse-gauge', name, value, tags }),
  };
}

/** A child's message that is a metric value, else undefined (anything else on the channel is ignored). */
export function metricMessage(message: unknown): MetricMessage | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as { kind?: unknown; name?: unknown; value?: unknown; tags?: unknown };
  const known =
    typeof m.name === 'string' &&
    ((m.kind === 'vrcpulse-counter' && Object.hasOwn(COUNTERS, m.name)) ||
      (m.kind === 'vrcpulse-gauge' && Object.hasOwn(GAUGES, m.name)));
  const valueOk =
    typeof m.value === 'number' && Number.isFinite(m.value) && (m.kind === 'vrcpulse-gauge' || m.value >= 0);
  const tagsOk =
    typeof m.tags === 'object' &&
    m.tags !== null &&
    Object.values(m.tags).every((v) => typeof v === 'string');
  return known && valueOk && tagsOk ? (m as MetricMessage) : undefined;
}

/** Writes a value received from a child into `sink`. */
export function forwardMetric(sink: MetricSink, message: MetricMessage): void {
  if (message.kind === 'vrcpulse-counter') sink.add(message.name, message.value, message.tags);
  else sink.set(message.name, message.value, message.tags);
}
