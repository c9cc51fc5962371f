// Connecting a driver client, optionally retrying with exponential backoff until a deadline.
import type cassandra from 'cassandra-driver';
import type { ConnectionLogger, RetryConnectSettings } from './connection-settings.js';
import { AuthenticationError, ConnectTimeoutError } from '../errors.js';
import { translateConnectError, type ErrorContext } from './driver-errors.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const TIMED_OUT = Symbol('timed out');

/** Resolves with the attempt's outcome, or with TIMED_OUT when `ms` pass first (the attempt goes on in the driver). */
async function within(attempt: Promise<void>, ms: number): Promise<void | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  attempt.catch(() => {}); // a late failure after the deadline is not an unhandled rejection
  try {
    return await Promise.race([attempt, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Connects `driver`; with `retry`, keeps trying (auth failures excepted) until the deadline, then ConnectTimeoutError. */
export async function connectWithRetry(
  driver: cassandra.Client,
  retry: RetryConnectSettings | undefined,
  ctx: ErrorContext,
  log: ConnectionLogger,
): Promise<void> {
  if (retry === undefined) {
    try {
      await driver.connect();
      return;
    } catch (error) {
      throw translateConnectError(error, ctx);
    }
  }
  const started = Date.now();
  const remaining = (): number => retry.deadlineMs - (Date.now() - started);
  let delay = retry.initialDelayMs;
  let lastError: unknown = new Error('the attempt did not finish before the deadline');
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await within(driver.connect(), Math.max(remaining(), 1));
      if (outcome === TIMED_OUT) throw ConnectTimeoutError.deadlineExceeded(ctx.alias, ctx.contactPoints, attempt, retry.deadlineMs, lastError);
      if (attempt > 1) log('info', `Connection '${ctx.alias}': connected on attempt ${attempt}`);
      return;
    } catch (error) {
      if (error instanceof ConnectTimeoutError) throw error;
      const translated = translateConnectError(error, ctx);
      if (translated instanceof AuthenticationError) throw translated;
      lastError = error;
      if (remaining() <= 0) throw ConnectTimeoutError.deadlineExceeded(ctx.alias, ctx.contactPoints, attempt, retry.deadlineMs, error);
      const wait = Math.min(delay, remaining());
      log('warning', `Connection '${ctx.alias}': attempt ${attempt} failed (${translated.message}); retrying in ${Math.round(wait)} ms`);
      await sleep(wait);
      delay = Math.min(delay * retry.multiplier, retry.maxDelayMs);
    }
  }
}
