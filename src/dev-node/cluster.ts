// A multi-node development cluster on loopback addresses, run from the same cassandra-all jars as the
// single node: one JVM and one folder per node, GossipingPropertyFileSnitch with a data centre and
// rack per node. Nodes can be stopped, killed and restarted one by one (fault specs do).
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cassandra from 'cassandra-driver';
import { DevNodeError } from '../errors.js';
import { clusterLayout, everyNodeReplication, systemAuthReplicationCql, type ClusterNodeLayout } from './cluster-layout.js';
import { alive, CASSANDRA_VERSION, ensureJars, findJava, launchJvm, stopPid, writeNodeConfig } from './jvm-node.js';
import { nodeSslOptions, type NodeTls } from './probe.js';
import { prepareTls, tlsRequested, type NodeTlsOption } from './tls-material.js';

/** How to start a cluster. */
export interface ClusterOptions {
  readonly nodes: number;
  /** Address of the first node; the others follow it. Default 127.0.0.2. */
  readonly firstAddress?: string;
  /** Heap of each JVM in MiB. Default 512. */
  readonly heapMb?: number;
  /** Detach the JVMs so they outlive this process (`cassandra-orm dev-node start --nodes N`). */
  readonly detached?: boolean;
  /** Per node start (CQL login) timeout. Default 240 s. */
  readonly nodeTimeoutMs?: number;
  /** Client-to-node encryption on every node, with one throw-away CA (see JvmNodeOptions.tls). */
  readonly tls?: NodeTlsOption;
}

/** One running (or stopped) node of a cluster. */
export interface ClusterNodeState extends ClusterNodeLayout {
  readonly dir: string;
  /** The JVM's pid; undefined while the node is stopped. */
  readonly pid: number | undefined;
}

/** How long a cluster took to start: each node until it took logins (one after another), then until it settled. */
export interface ClusterStartup {
  readonly nodeUpMs: readonly number[];
  /** From the last node's login until every node saw every other up with one schema (system_auth replicated). */
  readonly settleMs: number;
  readonly totalMs: number;
}

/** What a cluster records about itself: enough for another process to find, stop or restart its nodes. */
export interface ClusterState {
  readonly root: string;
  readonly heapMb: number;
  readonly detached: boolean;
  readonly nodes: readonly ClusterNodeState[];
  /** The CA and client files when the nodes take TLS connections only. */
  readonly tls?: NodeTls;
  /** Set once the cluster is ready: how long its start took. */
  readonly startup?: ClusterStartup;
}

const USER = { username: 'cassandra', password: 'cassandra' } as const;

/** A client that talks to one node only, as that node's own data centre. */
function nodeClient(node: ClusterNodeLayout, timeoutMs: number, tls: NodeTls | undefined): cassandra.Client {
  const host = `${node.address}:${node.nativePort}`;
  const { DCAwareRoundRobinPolicy, AllowListPolicy } = cassandra.policies.loadBalancing;
  return new cassandra.Client({
    contactPoints: [host],
    localDataCenter: node.dataCenter,
    authProvider: new cassandra.auth.PlainTextAuthProvider(USER.username, USER.password),
    policies: { loadBalancing: new AllowListPolicy(new DCAwareRoundRobinPolicy(node.dataCenter), [host]) },
    socketOptions: { connectTimeout: timeoutMs, readTimeout: timeoutMs },
    pooling: { warmup: false },
    ...(tls !== undefined ? { sslOptions: nodeSslOptions(tls) } : {}),
  });
}

/** Rejects when something already listens on `address:port` (another cluster, or a node left behind). */
function assertFree(address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error) => reject(DevNodeError.addressTaken(address, port, error)));
    server.listen(port, address, () => server.close(() => resolve()));
  });
}

/** A running development cluster. Only the nodes it started are ever stopped. */
export class DevCluster {
  private readonly nodeStates: ClusterNodeState[];
  private started: ClusterStartup | undefined;

  constructor(
    private readonly state: ClusterState,
    private readonly log: (line: string) => void = () => {},
    /** Called whenever a node's pid changes (a recorded cluster rewrites its state file, so `stop --cluster` finds restarted nodes). */
    private readonly onChange: (cluster: DevCluster) => void = () => {},
  ) {
    this.nodeStates = state.nodes.map((n) => ({ ...n }));
  }

  /** The nodes, in layout order. */
  get nodes(): readonly ClusterNodeState[] {
    return this.nodeStates;
  }

  /** `address:port` of every node. */
  get contactPoints(): string[] {
    return this.nodeStates.map((n) => `${n.address}:${n.nativePort}`);
  }

  /** The CA and client files when the nodes take TLS connections only. */
  get tls(): NodeTls | undefined {
    return this.state.tls;
  }

  /** How long the start took; undefined for a cluster attached to rather than started here. */
  get startup(): ClusterStartup | undefined {
    return this.started ?? this.state.startup;
  }

  /** @internal Records the start's times (the launcher, once the cluster is ready). */
  setStartup(startup: ClusterStartup): void {
    this.started = startup;
    this.onChange(this);
  }

  /** The data centre of the first node: what a connection to this cluster names as local. */
  get localDataCenter(): string {
    return this.node(1).dataCenter;
  }

  /** What another process needs to control this cluster. */
  snapshot(): ClusterState {
    const startup = this.startup;
    return { ...this.state, nodes: this.nodeStates.map((n) => ({ ...n })), ...(startup !== undefined ? { startup } : {}) };
  }

  /** Node `index` (1-based). */
  node(index: number): ClusterNodeState {
    const node = this.nodeStates[index - 1];
    if (node === undefined) throw DevNodeError.noSuchNode(index, this.nodeStates.length);
    return node;
  }

  /** SIGKILL: the node dies at once, as in a crash or power loss; its folder stays for a restart. */
  async kill(index: number): Promise<void> {
    const node = this.node(index);
    if (node.pid !== undefined && alive(node.pid)) {
      process.kill(node.pid, 'SIGKILL');
      while (alive(node.pid)) await new Promise((r) => setTimeout(r, 50));
    }
    this.setPid(index, undefined);
  }

  /** SIGTERM (Cassandra drains and tells its peers), SIGKILL after 30 s; its folder stays for a restart. */
  async stopNode(index: number): Promise<void> {
    const node = this.node(index);
    if (node.pid !== undefined) await stopPid(node.pid);
    this.setPid(index, undefined);
  }

  /** Starts a stopped or killed node again on its folder; resolves when it takes logins and every node sees every other up. */
  async restart(index: number, timeoutMs = 240_000): Promise<number> {
    const node = this.node(index);
    if (node.pid !== undefined && alive(node.pid)) throw new DevNodeError(`Node ${index} (${node.address}) is still running (pid ${node.pid}).`);
    const started = Date.now();
    const pid = await launchJvm({
      java: findJava(),
      lib: ensureJars(this.log),
      dir: node.dir,
      address: node.address,
      nativePort: node.nativePort,
      localDataCenter: node.dataCenter,
      detached: this.state.detached,
      heapMb: this.state.heapMb,
      startTimeoutMs: timeoutMs,
      keepFolder: true,
      ...(this.state.tls !== undefined ? { tls: this.state.tls } : {}),
    });
    this.setPid(index, pid);
    await this.waitUntilSettled(Math.max(60_000, timeoutMs - (Date.now() - started)));
    return Date.now() - started;
  }

  /**
   * Resolves when, through every running node, a read at ALL of system_auth (replicated to every
   * node) succeeds, which needs that node to see every other as up, and every node reports the same
   * schema version.
   */
  async waitUntilSettled(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'not checked yet';
    const clients = this.nodeStates.map((n) => nodeClient(n, 10_000, this.state.tls));
    try {
      while (Date.now() < deadline) {
        try {
          const versions = new Set<string>();
          for (const client of clients) {
            await client.execute('SELECT role FROM system_auth.roles', [], { consistency: cassandra.types.consistencies.all });
            const rs = await client.execute('SELECT schema_version FROM system.local');
            versions.add(String(rs.first()?.['schema_version']));
          }
          if (versions.size === 1) return;
          last = `schema versions differ: ${[...versions].join(', ')}`;
        } catch (error) {
          last = (error as Error).message;
        }
        await new Promise((r) => setTimeout(r, 1_000));
      }
      throw DevNodeError.notSettled(timeoutMs, last);
    } finally {
      await Promise.all(clients.map((c) => c.shutdown().catch(() => {})));
    }
  }

  /** Stops every node this cluster started and deletes the cluster's folder. */
  async stop(): Promise<void> {
    await Promise.all(this.nodeStates.map((n) => (n.pid !== undefined ? stopPid(n.pid) : Promise.resolve())));
    for (let i = 1; i <= this.nodeStates.length; i++) this.setPid(i, undefined);
    rmSync(this.state.root, { recursive: true, force: true });
  }

  /** Synchronous last resort (process exit, Ctrl-C): SIGKILL every node and delete the folder. */
  killAllNow(): void {
    for (const node of this.nodeStates) {
      if (node.pid === undefined) continue;
      try {
        process.kill(node.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(this.state.root, { recursive: true, force: true });
  }

  /** @internal Records a node's JVM (the launcher, as each node comes up). */
  setPid(index: number, pid: number | undefined): void {
    const i = index - 1;
    const node = this.nodeStates[i];
    if (node !== undefined) this.nodeStates[i] = { ...node, pid };
    this.onChange(this);
  }
}

/**
 * Starts `options.nodes` nodes one after another (one progress line each), raises system_auth's
 * replication to a copy on every node (so that one node loss keeps logins working) and repairs it by
 * reading it at ALL, then waits until every node sees every other up and the schema agrees. A start
 * that fails stops the nodes already started.
 */
export async function startCluster(
  options: ClusterOptions,
  log: (line: string) => void = () => {},
  /** Receives the cluster before its first node starts (its pids fill in as nodes come up): for Ctrl-C handlers. */
  onCreated: (cluster: DevCluster) => void = () => {},
): Promise<DevCluster> {
  const layout = clusterLayout(options.nodes, options.firstAddress);
  const heapMb = options.heapMb ?? 512;
  const detached = options.detached ?? false;
  for (const node of layout) {
    await assertFree(node.address, node.nativePort);
    await assertFree(node.address, node.storagePort);
  }
  const java = findJava();
  const lib = ensureJars(log);
  const root = mkdtempSync(join(tmpdir(), 'cassandra-orm-cluster-'));
  const seeds = layout.filter((n) => n.seed).map((n) => `${n.address}:${n.storagePort}`);
  const nodes: ClusterNodeState[] = layout.map((n) => ({ ...n, dir: join(root, `node${n.index}`), pid: undefined }));
  const requested = tlsRequested(options.tls);
  let prepared: ReturnType<typeof prepareTls> | undefined;
  try {
    prepared = requested !== undefined ? prepareTls(join(root, 'tls'), layout.map((n) => n.address), java, requested.requireClientCert) : undefined;
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const tls = prepared?.tls;
  const cluster = new DevCluster({ root, heapMb, detached, nodes, ...(tls !== undefined ? { tls } : {}) }, log);
  onCreated(cluster);
  const began = Date.now();
  log(`Starting a ${layout.length}-node Cassandra ${CASSANDRA_VERSION} cluster (heap ${heapMb} MiB per node, data in ${root})...`);
  const nodeUpMs: number[] = [];
  try {
    for (const node of nodes) {
      mkdirSync(node.dir);
      writeNodeConfig(node.dir, {
        address: node.address,
        nativePort: node.nativePort,
        storagePort: node.storagePort,
        clusterName: 'cassandra-orm-cluster',
        seeds,
        initialToken: node.initialToken,
        gossipingSnitch: true,
        dataCenter: node.dataCenter,
        rack: node.rack,
        ...(prepared !== undefined ? { extraYaml: prepared.yaml } : {}),
      });
      const t0 = Date.now();
      const pid = await launchJvm({ java, lib, dir: node.dir, address: node.address, nativePort: node.nativePort, localDataCenter: node.dataCenter, detached, heapMb, startTimeoutMs: options.nodeTimeoutMs, keepFolder: true, ...(tls !== undefined ? { tls } : {}) });
      // Recorded at once, so that a failure further on stops this node too.
      cluster.setPid(node.index, pid);
      nodeUpMs.push(Date.now() - t0);
      log(`node ${node.index}/${layout.length} ${node.address}:${node.nativePort} ${node.dataCenter}/${node.rack}: up in ${((Date.now() - t0) / 1000).toFixed(1)} s (pid ${pid})`);
    }
    const t1 = Date.now();
    await cluster.waitUntilSettled();
    await replicateSystemAuth(layout, tls);
    await cluster.waitUntilSettled();
    const rf = Object.entries(everyNodeReplication(layout)).map(([dc, n]) => `${dc}: ${n}`).join(', ');
    cluster.setStartup({ nodeUpMs, settleMs: Date.now() - t1, totalMs: Date.now() - began });
    log(`system_auth replicated {${rf}}; every node sees every other up and the schema agrees (${((Date.now() - t1) / 1000).toFixed(1)} s); cluster ready in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    return cluster;
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** ALTER system_auth to a copy per node, then read each of its tables at ALL so read repair copies every row everywhere. */
async function replicateSystemAuth(layout: readonly ClusterNodeLayout[], tls: NodeTls | undefined): Promise<void> {
  const first = layout[0];
  if (first === undefined || layout.length === 1) return;
  const client = nodeClient(first, 30_000, tls);
  try {
    // A node that has only just joined may not yet be in the coordinator's topology, which then refuses
    // its data centre ("Unrecognized strategy option {dc2}"): try again until it is, for up to a minute.
    const cql = systemAuthReplicationCql(layout);
    for (let attempt = 1; ; attempt++) {
      try {
        await client.execute(cql);
        break;
      } catch (error) {
        if (attempt >= 60 || !/Unrecognized strategy option/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
    const tables = await client.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'system_auth'");
    const all = { consistency: cassandra.types.consistencies.all };
    for (const row of tables.rows) await client.execute(`SELECT * FROM system_auth."${String(row['table_name'])}"`, [], all);
  } finally {
    await client.shutdown().catch(() => {});
  }
}
