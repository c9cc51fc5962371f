// Counts the retries the driver's retry policy decides for each request, so that query events and
// spans can report them: the driver's result only lists the other hosts that failed (triedHosts),
// not a retry on the same host (a read timeout retried on its coordinator, the default policy's
// first choice). The connection wraps its client's retry policy in this one; each decision is
// delegated unchanged, and a "retry" is counted against the request's own options object.
import cassandra from 'cassandra-driver';

type RetryPolicy = cassandra.policies.retry.RetryPolicy;
type DecisionInfo = cassandra.policies.retry.DecisionInfo;
type OperationInfo = cassandra.policies.retry.OperationInfo;

// The decisions are a static of the driver's RetryPolicy that its typings leave out.
const RETRY = (cassandra.policies.retry.RetryPolicy as unknown as { readonly retryDecision: { readonly retry: number } }).retryDecision.retry;

/** Retries decided so far, by the options object a request was sent with. */
const decided = new WeakMap<object, number>();

function counted(info: OperationInfo, decision: DecisionInfo): DecisionInfo {
  if ((decision?.decision as number | undefined) === RETRY) {
    const raw = (info.executionOptions as { getRawQueryOptions?: () => unknown } | undefined)?.getRawQueryOptions?.();
    if (typeof raw === 'object' && raw !== null) decided.set(raw, (decided.get(raw) ?? 0) + 1);
  }
  return decision;
}

/** The retry policy `inner` with each of its retry decisions counted per request. */
export class CountingRetryPolicy extends cassandra.policies.retry.RetryPolicy {
  constructor(readonly inner: RetryPolicy) {
    super();
  }

  override onUnavailable(info: OperationInfo, consistency: cassandra.types.consistencies, required: number, alive: boolean): DecisionInfo {
    return counted(info, this.inner.onUnavailable(info, consistency, required, alive));
  }

  override onReadTimeout(info: OperationInfo, consistency: cassandra.types.consistencies, received: number, blockFor: number, isDataPresent: boolean): DecisionInfo {
    return counted(info, this.inner.onReadTimeout(info, consistency, received, blockFor, isDataPresent));
  }

  override onWriteTimeout(info: OperationInfo, consistency: cassandra.types.consistencies, received: number, blockFor: number, writeType: string): DecisionInfo {
    return counted(info, this.inner.onWriteTimeout(info, consistency, received, blockFor, writeType));
  }

  override onRequestError(info: OperationInfo, consistency: cassandra.types.consistencies, err: Error): DecisionInfo {
    return counted(info, this.inner.onRequestError(info, consistency, err));
  }
}

/** Retries the retry policy decided for the request sent with `options` (0 when none, or when the policy is not wrapped). */
export function retriesDecided(options: object): number {
  return decided.get(options) ?? 0;
}
