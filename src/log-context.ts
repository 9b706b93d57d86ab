/**
 * Fields that every log line written while an activity runs should carry (workflow id, activity
 * type, attempt), without passing a child logger through every function. The worker's activity
 * interceptor enters the context; the pino logger's mixin reads it. AsyncLocalStorage is the one
 * module-level instance here on purpose: it is how Node scopes values to an async call chain.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type LogContext = Readonly<Record<string, string | number>>;

const storage = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
