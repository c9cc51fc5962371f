// A health check for @nestjs/terminus (or any health endpoint): a cheap query on one connection.
import { Inject, Injectable } from '@nestjs/common';
import type { ConnectionRegistry } from 'cassandra-orm';
import { CASSANDRA_REGISTRY } from './tokens.js';

/** What a health indicator reports for one key, in @nestjs/terminus's shape. */
export type CassandraHealthResult = Record<string, { status: 'up' | 'down'; [detail: string]: unknown }>;

/**
 * `health.pingCheck('cassandra')` inside a terminus `HealthCheckService.check([...])`: it resolves with
 * the key's status, `up` or `down`, as terminus 11 and later read an indicator (a `down` one makes
 * the check answer 503 with the details); it never throws for a node that does not answer.
 */
@Injectable()
export class CassandraHealthIndicator {
  constructor(@Inject(CASSANDRA_REGISTRY) private readonly registry: ConnectionRegistry) {}

  /** Runs `SELECT release_version FROM system.local` on `alias` (default connection) within `timeoutMs` (default 3000); `down` with the error's message when it fails. */
  async pingCheck(key: string, options: { readonly alias?: string; readonly timeoutMs?: number } = {}): Promise<CassandraHealthResult> {
    const connection = this.registry.get(options.alias);
    try {
      const rs = await connection.execute('SELECT release_version FROM system.local', [], { readTimeout: options.timeoutMs ?? 3000 });
      return { [key]: { status: 'up', alias: connection.alias, version: String(rs.rows[0]?.['release_version'] ?? '') } };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { [key]: { status: 'down', alias: connection.alias, message } };
    }
  }
}
