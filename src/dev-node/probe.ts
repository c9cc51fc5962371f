// Where a node answers CQL, and whether it does: one login attempt, or retries until one succeeds.
import { readFileSync } from 'node:fs';
import cassandra from 'cassandra-driver';

/** TLS files of a node started with client encryption (PEM paths): the CA, and the client certificate when the node requires one. */
export interface NodeTls {
  /** The throw-away CA's certificate: a connection's `tls.ca`. */
  readonly caPem: string;
  /** A client certificate the CA signed: a connection's `tls.cert`. */
  readonly clientCertPem?: string;
  /** Its unencrypted private key: a connection's `tls.key` (absent when only keytool could make the material: then use clientPfx). */
  readonly clientKeyPem?: string;
  /** The client key and certificate as PKCS12: a connection's `tls.pfx`, with `clientPfxPassword` as `tls.passphrase`. */
  readonly clientPfx?: string;
  /** The throw-away password of clientPfx. */
  readonly clientPfxPassword?: string;
  /** The node refuses clients without a certificate the CA signed. */
  readonly requireClientCert?: boolean;
}

/** The driver's sslOptions for a node's TLS files: the CA checked, hostname verified, the client certificate sent. */
export function nodeSslOptions(tls: NodeTls): cassandra.ClientOptions['sslOptions'] {
  return {
    ca: [readFileSync(tls.caPem, 'utf8')],
    rejectUnauthorized: true,
    ...(tls.clientCertPem !== undefined && tls.clientKeyPem !== undefined ? { cert: readFileSync(tls.clientCertPem, 'utf8') } : {}),
    ...(tls.clientKeyPem !== undefined ? { key: readFileSync(tls.clientKeyPem, 'utf8') } : {}),
    ...(tls.clientKeyPem === undefined && tls.clientPfx !== undefined ? { pfx: readFileSync(tls.clientPfx), passphrase: tls.clientPfxPassword ?? '' } : {}),
  };
}

/** Where a node answers CQL, and the superuser credentials the suite uses. */
export interface NodeEndpoint {
  readonly address: string;
  readonly port: number;
  readonly localDataCenter?: string;
  readonly username?: string;
  readonly password?: string;
  /** Set when the node takes TLS connections only. */
  readonly tls?: NodeTls;
}

/** A node endpoint with every contact point of its cluster. */
export type ClusterEndpoint = NodeEndpoint & { readonly contactPoints: readonly string[] };

/** The node of a run, however it was found. */
export interface SelectedNode {
  readonly endpoint: ClusterEndpoint;
  /** How the node was found: shown once at the start of a run. */
  readonly source: 'env' | 'running' | 'testcontainers' | 'jvm';
  readonly description: string;
  /** Stops what this run started; a no-op for nodes it only borrowed. */
  stop(): Promise<void>;
}

/** One login attempt: resolves with the release version, rejects with the driver's error. */
export async function probe(endpoint: NodeEndpoint, timeoutMs = 5_000): Promise<string> {
  const client = new cassandra.Client({
    contactPoints: [`${endpoint.address}:${endpoint.port}`],
    localDataCenter: endpoint.localDataCenter ?? 'datacenter1',
    ...(endpoint.username !== undefined
      ? { authProvider: new cassandra.auth.PlainTextAuthProvider(endpoint.username, endpoint.password ?? '') }
      : {}),
    ...(endpoint.tls !== undefined ? { sslOptions: nodeSslOptions(endpoint.tls) } : {}),
    socketOptions: { connectTimeout: timeoutMs, readTimeout: timeoutMs },
    pooling: { warmup: false },
  });
  try {
    const rs = await client.execute('SELECT release_version FROM system.local');
    return String(rs.first()?.['release_version'] ?? 'unknown');
  } finally {
    await client.shutdown().catch(() => {});
  }
}

/** Retries `probe` until it succeeds, the deadline passes, or `isDead` says the process is gone. */
export async function waitForCql(
  endpoint: NodeEndpoint,
  opts: { timeoutMs: number; isDead?: () => boolean; intervalMs?: number },
): Promise<string> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    if (opts.isDead?.()) throw new Error('the node process exited');
    try {
      return await probe(endpoint);
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 1_000));
  }
  throw new Error(`no CQL login within ${Math.round(opts.timeoutMs / 1000)} s (last error: ${(last as Error | undefined)?.message ?? 'none'})`);
}
