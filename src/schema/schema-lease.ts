// An opt-in lease so that, across processes and coordinators, one syncer at a time applies DDL:
// a lightweight-transaction row with a TTL in a small table of the synced keyspace.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'cassandra-orm';
import { SchemaSyncError } from '../errors.js';
import { qualifiedName } from '../metadata/identifier.js';
import { createKeyspaceCql, type KeyspaceSpec } from './keyspace-ddl.js';
import { LEASE_TABLE } from './live-schema.js';
import { executeQualified } from '../connection/qualified.js';

/** Lease tuning. */
export interface LeaseOptions {
  /** How long a lease lives unless renewed (a crashed holder frees it after this). Default 60 s. */
  readonly ttlSeconds?: number;
  /** How long to wait for another holder. Default 120000 ms. */
  readonly timeoutMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A held lease: renew it during long work, release it at the end. */
export interface SchemaLease {
  readonly owner: string;
  renew(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Takes the schema lease of `keyspace` (creating the keyspace and the lease table if needed),
 * waiting while another process holds it.
 */
export async function acquireSchemaLease(
  connection: Connection,
  keyspace: KeyspaceSpec,
  agree: (cql: string) => Promise<void>,
  options: LeaseOptions = {},
): Promise<SchemaLease> {
  const ttl = options.ttlSeconds ?? 60;
  const table = qualifiedName(keyspace.name, LEASE_TABLE);
  for (const cql of [createKeyspaceCql(keyspace), `CREATE TABLE IF NOT EXISTS ${table} (id text PRIMARY KEY, owner text)`]) {
    await executeQualified(connection, cql, [], { prepare: false });
    await agree(cql);
  }
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const started = Date.now();
  for (;;) {
    const rs = await executeQualified(connection, `INSERT INTO ${table} (id, owner) VALUES ('sync', ?) IF NOT EXISTS USING TTL ${ttl}`, [owner]);
    const row = rs.first();
    if (row?.['[applied]'] === true) break;
    if (Date.now() - started > (options.timeoutMs ?? 120_000)) {
      throw SchemaSyncError.leaseTimeout(keyspace.name, String(row?.['owner'] ?? 'unknown'));
    }
    await sleep(250);
  }
  return {
    owner,
    async renew() {
      await executeQualified(connection, `UPDATE ${table} USING TTL ${ttl} SET owner = ? WHERE id = 'sync' IF owner = ?`, [owner, owner]);
    },
    async release() {
      await executeQualified(connection, `DELETE FROM ${table} WHERE id = 'sync' IF owner = ?`, [owner]);
    },
  };
}
