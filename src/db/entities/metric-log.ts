import { defineEntity, p } from '@mikro-orm/core';
import { createdAtColumn } from './columns';

/** `metric_logs`: CloudFront metric time series. */
export const MetricLogSchema = defineEntity({
  name: 'MetricLog',
  tableName: 'metric_logs',
  properties: {
    id: p.integer().primary(),
    metricName: p.string(),
    // A double; read back as a JS number (MikroORM types doubles as string | number by default)
    value: p.double().$type<number>(),
    unit: p.string(),
    intervalSec: p.integer(),
    timestamp: p.datetime(),
    createdAt: createdAtColumn(),
  },
  // the (metric, time) range-query index doubles as the dedup constraint for re-fetched data points
  uniques: [{ name: 'idx_metric_logs_name_time', properties: ['metricName', 'timestamp'] }],
});

export class MetricLog extends MetricLogSchema.class {}
MetricLogSchema.setClass(MetricLog);
