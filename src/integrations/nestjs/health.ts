// A health check for @nestjs/terminus (or any health endpoint): a cheap query on one connection.
import { Inject, Injectable } from '@nestjs/common';
import type { ConnectionRegistry } from 'cassandra-orm';
import { CASSANDRA_REGISTRY } from './tokens.js';

/** What a health indicator reports for one key, in @nestjs/terminus's shape. */
export type CassandraHealthResult = Record<string, { status: 'up' | 'down'; [detail: string]: unknown }>;

/** Thrown when the node does not answer: carries `causes` as @nestjs/terminus reads them from a failed indicator. */
export class CassandraHealthError extends Error {
  override readonly name = 'CassandraHealthError';
  /** Marks it for @nestjs/terminus's health-check executor. */
  readonly isHealthCheckError = true;
  constructor(message: string, readonly causes: CassandraHealthResult) {
    super(message);
  }
}

/** `await health.pingCheck('cassandra')` inside a terminus `HealthCheckService.check([...])`. */
@Injectable()
export class CassandraHealthIndicator {
  constructor(@Inject(CASSANDRA_REGISTRY) private readonly registry: ConnectionRegistry) {}

  /** Runs `SELECT release_version FROM system.local` on `alias` (default connection) within `timeoutMs` (default 3000). */
  async pingCheck(key: string, options: { readonly alias?: string; readonly timeoutMs?: number } = {}): Promise<CassandraHealthResult> {
    const connection = this.registry.get(options.alias);
    try {
      const rs = await connection.execute('SELECT release_version FROM system.local', [], { readTimeout: options.timeoutMs ?? 3000 });
      return { [key]: { status: 'up', alias: connection.alias, version: String(rs.rows[0]?.['release_version'] ?? '') } };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CassandraHealthError(`${key} is down`, { [key]: { status: 'down', alias: connection.alias, message } });
    }
  }
}
