// Settings of a connection's request queue: how many requests may be in flight to the driver at once,
// how many more may wait for a slot, and for how long. Pure: reads the pooling options, calls nothing.
import cassandra from 'cassandra-driver';
import type { RequestQueueLimits } from '../errors.js';
import { expectInteger, expectObject, isPlainObject } from './check.js';

/** Limits of a connection's request queue; every key is optional. */
export interface RequestQueueOptions {
  /** Requests in flight to the driver at once. Default: what the driver's pool of one host takes, less a reserve for the driver's own queries. */
  readonly maxInFlight?: number;
  /** Requests waiting for a slot; one more is refused at once. Default 100000. */
  readonly maxQueued?: number;
  /** A request still waiting after this many ms is refused, unsent. Default 30000. */
  readonly queueTimeoutMs?: number;
}

/** Keys of RequestQueueOptions. */
export const REQUEST_QUEUE_KEYS = ['maxInFlight', 'maxQueued', 'queueTimeoutMs'] as const;

/** Default `maxQueued`: bursts of this many requests beyond `maxInFlight` wait instead of failing. */
export const DEFAULT_MAX_QUEUED = 100_000;

/** Default `queueTimeoutMs`: a full default queue drains within it at about 3500 requests per second. */
export const DEFAULT_QUEUE_TIMEOUT_MS = 30_000;

/** The longest delay a Node timer takes (about 24.8 days). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The pool defaults of cassandra-driver 4.10 (lib/client-options.js): protocol v3 and later (2-byte
 * stream ids) open 1 connection per local host taking 2048 requests each; v1 and v2 open 2 taking 128.
 */
export const DRIVER_POOL_DEFAULTS = Object.freeze({
  v3: Object.freeze({ coreConnectionsLocal: 1, maxRequestsPerConnection: 2048 }),
  v2: Object.freeze({ coreConnectionsLocal: 2, maxRequestsPerConnection: 128 }),
});

/**
 * The requests the driver's pool takes for one local host, from `clientOptions` as configured:
 * `pooling.coreConnectionsPerHost[distance.local]` × `pooling.maxRequestsPerConnection`, each the
 * driver's default when not set. Counted for one host because one host may receive all of them.
 */
export function poolCapacity(clientOptions: unknown, path: string): number {
  const client = isPlainObject(clientOptions) ? clientOptions : {};
  const protocol = isPlainObject(client['protocolOptions']) ? client['protocolOptions'] : {};
  const maxVersion = protocol['maxVersion'];
  const defaults = typeof maxVersion === 'number' && maxVersion >= 1 && maxVersion < 3 ? DRIVER_POOL_DEFAULTS.v2 : DRIVER_POOL_DEFAULTS.v3;
  const pooling = isPlainObject(client['pooling']) ? client['pooling'] : {};
  const core = isPlainObject(pooling['coreConnectionsPerHost']) ? pooling['coreConnectionsPerHost'] : {};
  const local = String(cassandra.types.distance.local);
  const connections = core[local] === undefined ? defaults.coreConnectionsLocal : expectInteger(core[local], `${path}.pooling.coreConnectionsPerHost.${local}`, 1);
  const perConnection = pooling['maxRequestsPerConnection'] === undefined
    ? defaults.maxRequestsPerConnection
    : expectInteger(pooling['maxRequestsPerConnection'], `${path}.pooling.maxRequestsPerConnection`, 1);
  return connections * perConnection;
}

/** Checks `requestQueue` as written: an object of integers >= 1 with known keys; no defaults filled in. */
export function checkRequestQueue(value: unknown, path: string): RequestQueueOptions {
  const o = expectObject(value, path, REQUEST_QUEUE_KEYS);
  const out: { -readonly [K in keyof RequestQueueOptions]: number } = {};
  for (const key of REQUEST_QUEUE_KEYS) {
    if (o[key] !== undefined) out[key] = expectInteger(o[key], `${path}.${key}`, 1, key === 'queueTimeoutMs' ? MAX_TIMER_MS : undefined);
  }
  return out;
}

/**
 * Slots left to the driver's own queries: its control connection (topology and schema metadata,
 * schema agreement) is one of the pooled connections, so those queries count against the same
 * per-connection limit. A sixteenth of the pool, at least 1 and at most 32.
 */
export function driverReserve(capacity: number): number {
  return capacity < 2 ? 0 : Math.min(32, Math.max(1, Math.floor(capacity / 16)));
}

/** The default `maxInFlight`: the pool capacity of one host less the driver's reserve (2016 with the driver's defaults). */
export function defaultMaxInFlight(clientOptions: unknown, path: string): number {
  const capacity = poolCapacity(clientOptions, path);
  return capacity - driverReserve(capacity);
}

/**
 * Validates `requestQueue` and fills in the defaults (undefined gives them all); `clientOptions` is the
 * connection's, from which the default `maxInFlight` is derived (`clientPath` names it in errors).
 */
export function parseRequestQueue(value: unknown, path: string, clientOptions: unknown, clientPath: string): RequestQueueLimits {
  const o = value === undefined ? {} : checkRequestQueue(value, path);
  return Object.freeze({
    maxInFlight: o.maxInFlight ?? defaultMaxInFlight(clientOptions, clientPath),
    maxQueued: o.maxQueued ?? DEFAULT_MAX_QUEUED,
    queueTimeoutMs: o.queueTimeoutMs ?? DEFAULT_QUEUE_TIMEOUT_MS,
  });
}
