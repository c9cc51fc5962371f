// A development node that outlives one command: started detached, recorded in a small state file
// (one per machine, as the node owns 127.0.0.1:9042), found again by `stop` and `status`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { alive, startJvmNode, stopJvmNode, type JvmNodeOptions } from './jvm-node.js';
import { probe, type NodeEndpoint, type NodeTls } from './probe.js';
import { endpointFromEnv, LOCAL_NODE } from './select.js';

/** What `start` records about the node it started. */
export interface DevNodeState {
  readonly pid: number;
  readonly dir: string;
  readonly address: string;
  readonly port: number;
  /** The CA and client files when the node takes TLS connections only. */
  readonly tls?: NodeTls;
}

/** The state file: CASSANDRA_ORM_CACHE (default ~/.cache/cassandra-orm)/dev-node.json. */
export function stateFile(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(env['CASSANDRA_ORM_CACHE'] ?? join(homedir(), '.cache', 'cassandra-orm'), 'dev-node.json');
}

/** Where earlier versions recorded the node: `.cassandra/node.json` in the folder `start` ran in. */
function legacyStateFile(cwd: string): string {
  return join(cwd, '.cassandra', 'node.json');
}

function readState(file: string): DevNodeState | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DevNodeState) : undefined;
}

/** The node `start` recorded (its process may have ended since), and the file that records it. */
export function recordedNode(cwd: string): { state: DevNodeState; file: string } | undefined {
  for (const file of [stateFile(), legacyStateFile(cwd)]) {
    const state = readState(file);
    if (state !== undefined) return { state, file };
  }
  return undefined;
}

/** Outcome of `startDevNode`. */
export type StartOutcome =
  | { readonly kind: 'already-running'; readonly version: string; readonly address: string; readonly port: number }
  | { readonly kind: 'started'; readonly state: DevNodeState; readonly logFile: string; readonly startedInMs: number };

/** The endpoint of the local node, over TLS when the recorded node (still running) takes TLS only. */
function localEndpoint(cwd: string): NodeEndpoint {
  const recorded = recordedNode(cwd)?.state;
  return recorded?.tls !== undefined && alive(recorded.pid) ? { ...LOCAL_NODE, tls: recorded.tls } : LOCAL_NODE;
}

/** Starts a detached JVM node on 127.0.0.1:9042 unless a node already answers there; `tls` as for startJvmNode. */
export async function startDevNode(log: (line: string) => void, options: Pick<JvmNodeOptions, 'tls'> = {}, cwd = process.cwd()): Promise<StartOutcome> {
  const version = await probe(localEndpoint(cwd), 3_000).catch(() => undefined);
  if (version !== undefined) return { kind: 'already-running', version, address: LOCAL_NODE.address, port: LOCAL_NODE.port };
  const node = await startJvmNode({ detached: true, ...(options.tls !== undefined ? { tls: options.tls } : {}) }, log);
  const state: DevNodeState = { pid: node.pid, dir: node.dir, address: node.address, port: node.port, ...(node.tls !== undefined ? { tls: node.tls } : {}) };
  const file = stateFile();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2));
  return { kind: 'started', state, logFile: node.logFile, startedInMs: node.startedInMs };
}

/** Stops the recorded node and deletes its folder and the record; undefined when none is recorded. */
export async function stopDevNode(cwd: string): Promise<DevNodeState | undefined> {
  const recorded = recordedNode(cwd);
  if (recorded === undefined) return undefined;
  await stopJvmNode(recorded.state);
  rmSync(recorded.file, { force: true });
  return recorded.state;
}

/** What `status` reports: the endpoint asked, its version when it answered, and the recorded node. */
export interface DevNodeStatus {
  readonly endpoint: NodeEndpoint;
  /** Where the endpoint came from: CASSANDRA_CONTACT_POINTS or the local development node. */
  readonly source: 'env' | 'local';
  readonly version: string | undefined;
  /** The node `start` recorded, when its process still runs. */
  readonly recorded: DevNodeState | undefined;
}

/** Asks CASSANDRA_CONTACT_POINTS' first node when that is set, else 127.0.0.1:9042, for its version. */
export async function devNodeStatus(cwd: string): Promise<DevNodeStatus> {
  const fromEnv = endpointFromEnv();
  const endpoint = fromEnv ?? localEndpoint(cwd);
  const version = await probe(endpoint, 5_000).catch(() => undefined);
  const recorded = recordedNode(cwd)?.state;
  return { endpoint, source: fromEnv !== undefined ? 'env' : 'local', version, recorded: recorded !== undefined && alive(recorded.pid) ? recorded : undefined };
}
