// Runs a real Cassandra 5 node as a plain JVM process from the cassandra-all jars on Maven Central:
// a development and test node for machines without a container runtime. Why each flag and setting is
// there: docs/testing.md (the development node).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DevNodeError } from '../errors.js';
import { cassandraYaml, logbackXml, rackDcProperties, type YamlOptions } from './node-config.js';
import { waitForCql, type NodeEndpoint, type NodeTls } from './probe.js';
import { prepareTls, tlsRequested, type NodeTlsOption } from './tls-material.js';

export const CASSANDRA_VERSION = '5.0.9';
const JDK17_JAVA = '/usr/lib/jvm/java-17-openjdk-amd64/bin/java';

export interface JvmNodeOptions {
  /** Loopback address the node binds to (127.0.0.0/8 only). */
  readonly address?: string;
  readonly nativePort?: number;
  readonly storagePort?: number;
  /** How long to wait for CQL logins to succeed. */
  readonly startTimeoutMs?: number;
  /** Detach the JVM from this process so it outlives it (`cassandra-orm dev-node start`). */
  readonly detached?: boolean;
  /** Extra cassandra.yaml lines appended to the generated ones (e.g. to enable a feature a test needs). */
  readonly extraYaml?: string;
  /** Heap of the JVM in MiB. Default 1024. */
  readonly heapMb?: number;
  /**
   * Client-to-node encryption: a throw-away CA, node and client certificates are made in the node's
   * folder, and the node takes TLS connections only (`requireClientCert`: only with a client certificate).
   */
  readonly tls?: NodeTlsOption;
}

export interface JvmNode extends NodeEndpoint {
  readonly pid: number;
  readonly dir: string;
  readonly logFile: string;
  readonly startedInMs: number;
}

/** Where resolved jars live between runs: outside the repository, reused by every clone on the machine. */
export function jarCacheDir(): string {
  const base = process.env['CASSANDRA_ORM_CACHE'] ?? join(homedir(), '.cache', 'cassandra-orm');
  return join(base, `cassandra-${CASSANDRA_VERSION}`, 'lib');
}

/** Picks the JDK: CASSANDRA_JAVA, else the Debian JDK 17, else JAVA_HOME; then checks it is 11 or 17. */
export function findJava(): string {
  const candidates = [
    process.env['CASSANDRA_JAVA'],
    JDK17_JAVA,
    process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin', 'java') : undefined,
  ].filter((c): c is string => typeof c === 'string' && c.length > 0);
  const tried: string[] = [];
  for (const java of candidates) {
    if (!existsSync(java)) {
      tried.push(`${java} (missing)`);
      continue;
    }
    const version = javaSpecVersion(java);
    if (version === '17' || version === '11') return java;
    tried.push(`${java} (java.specification.version=${version ?? 'unknown'})`);
  }
  throw DevNodeError.noJava(tried);
}

function javaSpecVersion(java: string): string | undefined {
  const out = spawnSync(java, ['-XshowSettings:properties', '-version'], { encoding: 'utf8' });
  const match = /java\.specification\.version = (\S+)/.exec(`${out.stderr}${out.stdout}`);
  return match?.[1];
}

/** The pom.xml that pins cassandra-all: shipped in the package beside the sources of this module. */
export function pomFile(): string {
  // From dist/src/dev-node/ (built here or installed) the package root is the nearest folder with a package.json.
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new DevNodeError(`package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return join(dir, 'src', 'dev-node', 'pom.xml');
}

/** Resolves cassandra-all and its runtime closure with Maven, once per machine. */
export function ensureJars(log: (line: string) => void = () => {}): string {
  const lib = jarCacheDir();
  const marker = join(lib, '.complete');
  if (existsSync(marker)) return lib;
  mkdirSync(lib, { recursive: true });
  const pom = pomFile();
  log(`Resolving cassandra-all ${CASSANDRA_VERSION} from Maven Central into ${lib} (once per machine)...`);
  const mvn = spawnSync(
    'mvn',
    ['-B', '-q', '-f', pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${lib}`,
      `-Dcassandra.version=${CASSANDRA_VERSION}`],
    { encoding: 'utf8', env: { ...process.env, JAVA_HOME: process.env['JAVA_HOME'] ?? '/usr/lib/jvm/java-17-openjdk-amd64' } },
  );
  if (mvn.error || mvn.status !== 0) {
    const detail = mvn.error ? mvn.error.message : `${mvn.stdout}\n${mvn.stderr}`.trim().split('\n').slice(-20).join('\n');
    throw DevNodeError.noJars(detail, mvn.error);
  }
  writeFileSync(marker, new Date().toISOString());
  return lib;
}

function jvmArgs(lib: string, dir: string, heapMb: number): string[] {
  const exportsAndOpens = [
    '--add-exports', 'java.base/jdk.internal.misc=ALL-UNNAMED',
    '--add-exports', 'java.base/jdk.internal.ref=ALL-UNNAMED',
    '--add-exports', 'java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-exports', 'java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED',
    '--add-exports', 'java.management/com.sun.jmx.remote.security=ALL-UNNAMED',
    '--add-exports', 'java.rmi/sun.rmi.registry=ALL-UNNAMED',
    '--add-exports', 'java.rmi/sun.rmi.server=ALL-UNNAMED',
    '--add-exports', 'java.sql/java.sql=ALL-UNNAMED',
    '--add-exports', 'java.base/java.lang.ref=ALL-UNNAMED',
    '--add-exports', 'jdk.unsupported/sun.misc=ALL-UNNAMED',
    '--add-opens', 'java.base/java.lang.module=ALL-UNNAMED',
    '--add-opens', 'java.base/jdk.internal.loader=ALL-UNNAMED',
    '--add-opens', 'java.base/jdk.internal.ref=ALL-UNNAMED',
    '--add-opens', 'java.base/jdk.internal.reflect=ALL-UNNAMED',
    '--add-opens', 'java.base/jdk.internal.math=ALL-UNNAMED',
    '--add-opens', 'java.base/jdk.internal.module=ALL-UNNAMED',
    '--add-opens', 'java.base/jdk.internal.util.jar=ALL-UNNAMED',
    '--add-opens', 'jdk.management/com.sun.management.internal=ALL-UNNAMED',
    '--add-opens', 'java.base/sun.nio.ch=ALL-UNNAMED',
    '--add-opens', 'java.base/java.io=ALL-UNNAMED',
    '--add-opens', 'java.base/java.lang.reflect=ALL-UNNAMED',
    '--add-opens', 'java.base/java.lang=ALL-UNNAMED',
    '--add-opens', 'java.base/java.util=ALL-UNNAMED',
    '--add-opens', 'java.base/java.nio=ALL-UNNAMED',
  ];
  const jamm = join(lib, 'jamm-0.4.0.jar');
  return [
    `-Xms${heapMb}M`, `-Xmx${heapMb}M`, '-Xss256k', '-XX:+UseG1GC', '-XX:+ExitOnOutOfMemoryError',
    ...(existsSync(jamm) ? [`-javaagent:${jamm}`] : []),
    ...exportsAndOpens,
    '-Djdk.attach.allowAttachSelf=true',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djava.net.preferIPv4Stack=true',
    '-Dchronicle.analytics.disable=true',
    `-Dcassandra.config=file://${join(dir, 'conf', 'cassandra.yaml')}`,
    '-Dcassandra-foreground=yes',
    `-Dcassandra.storagedir=${join(dir, 'data')}`,
    `-Dcassandra.logdir=${join(dir, 'logs')}`,
    `-Dlogback.configurationFile=${join(dir, 'conf', 'logback.xml')}`,
    `-Djna.tmpdir=${join(dir, 'tmp')}`,
    `-Djava.io.tmpdir=${join(dir, 'tmp')}`,
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Dcassandra.ring_delay_ms=1000',
    '-Dcassandra.superuser_setup_delay_ms=0',
    '-Dcassandra.auth_bcrypt_gensalt_log2_rounds=4',
    '-Dcassandra.unsafesystem=true',
    '-Dcassandra.skip_sync=true',
    '-cp', `${join(dir, 'conf')}:${join(lib, '*')}`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
}

/** Starts a node in a new temporary folder and resolves once a CQL login as cassandra/cassandra succeeds. */
export async function startJvmNode(options: JvmNodeOptions = {}, log: (line: string) => void = () => {}): Promise<JvmNode> {
  const address = options.address ?? '127.0.0.1';
  const nativePort = options.nativePort ?? 9042;
  const storagePort = options.storagePort ?? 7000;
  const java = findJava();
  const lib = ensureJars(log);
  const dir = mkdtempSync(join(tmpdir(), 'cassandra-orm-node-'));
  const requested = tlsRequested(options.tls);
  let tls: NodeTls | undefined;
  try {
    const prepared = requested !== undefined ? prepareTls(join(dir, 'tls'), [address], java, requested.requireClientCert) : undefined;
    tls = prepared?.tls;
    writeNodeConfig(dir, { address, nativePort, storagePort, extraYaml: `${options.extraYaml ?? ''}${prepared?.yaml ?? ''}` });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const encryption = tls === undefined ? '' : tls.requireClientCert === true ? ', TLS with client certificates' : ', TLS';
  log(`Starting Cassandra ${CASSANDRA_VERSION} on ${address}:${nativePort}${encryption} (data in ${dir})...`);
  const started = Date.now();
  const pid = await launchJvm({
    java, lib, dir, address, nativePort, detached: options.detached ?? false, startTimeoutMs: options.startTimeoutMs, heapMb: options.heapMb,
    ...(tls !== undefined ? { tls } : {}),
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    pid, dir, logFile: join(dir, 'logs', 'stdout.log'), address, port: nativePort, startedInMs: Date.now() - started, username: 'cassandra', password: 'cassandra',
    ...(tls !== undefined ? { tls } : {}),
  };
}

/** What one node's conf folder holds: cassandra.yaml, logback.xml and, for a cluster node, its data centre and rack. */
export interface NodeConfig extends Omit<YamlOptions, 'dir'> {
  readonly extraYaml?: string | undefined;
  readonly dataCenter?: string;
  readonly rack?: string;
}

/** Creates the node folder layout under `dir` (conf, data, logs, tmp) and writes its configuration. */
export function writeNodeConfig(dir: string, config: NodeConfig): void {
  if (!config.address.startsWith('127.')) throw new DevNodeError(`Development nodes bind to loopback only, not ${config.address}.`);
  for (const sub of ['conf', 'data', 'logs', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'conf', 'cassandra.yaml'), cassandraYaml({ ...config, dir: join(dir, 'data') }) + (config.extraYaml ?? ''));
  writeFileSync(join(dir, 'conf', 'logback.xml'), logbackXml(join(dir, 'logs')));
  if (config.dataCenter !== undefined) {
    writeFileSync(join(dir, 'conf', 'cassandra-rackdc.properties'), rackDcProperties(config.dataCenter, config.rack ?? 'rack1'));
  }
}

/** How to run one prepared node folder. */
export interface LaunchOptions {
  readonly java: string;
  readonly lib: string;
  readonly dir: string;
  readonly address: string;
  readonly nativePort: number;
  /** The node's data centre, which the readiness login names as local. Default datacenter1 (SimpleSnitch). */
  readonly localDataCenter?: string;
  readonly detached: boolean;
  readonly heapMb?: number | undefined;
  readonly startTimeoutMs?: number | undefined;
  /** The folder outlives a failed start (a cluster node's, deleted when the cluster stops). */
  readonly keepFolder?: boolean;
  /** The node takes TLS connections only: the readiness login uses these files. */
  readonly tls?: NodeTls;
}

/**
 * Spawns the JVM on a folder `writeNodeConfig` prepared (a fresh one, or one a killed node left) and
 * resolves with its pid once a CQL login succeeds; on failure the JVM is stopped and the error shows
 * the log's last lines (the folder is kept for the caller to delete).
 */
export async function launchJvm(o: LaunchOptions): Promise<number> {
  const out = openSync(join(o.dir, 'logs', 'stdout.log'), 'a');
  const child = spawn(o.java, jvmArgs(o.lib, o.dir, o.heapMb ?? 1024), { cwd: o.dir, stdio: ['ignore', out, out], detached: o.detached });
  closeSync(out);
  if (o.detached) child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new DevNodeError(`Could not spawn ${o.java}.`);
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  try {
    await waitForCql(
      { address: o.address, port: o.nativePort, localDataCenter: o.localDataCenter ?? 'datacenter1', username: 'cassandra', password: 'cassandra', ...(o.tls !== undefined ? { tls: o.tls } : {}) },
      { timeoutMs: o.startTimeoutMs ?? 240_000, isDead: () => exited !== undefined },
    );
  } catch (error) {
    const reason = exited !== undefined ? `the JVM exited with code ${exited}` : (error as Error).message;
    await stopPid(pid);
    throw DevNodeError.startFailed(reason, o.dir, logTail(o.dir), o.keepFolder ?? false);
  }
  return pid;
}

/** The last lines of system.log, or of the JVM's own output when system.log was never written. */
export function logTail(dir: string, lines = 40): string {
  for (const file of ['system.log', 'stdout.log']) {
    const path = join(dir, 'logs', file);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8').trimEnd();
    if (text.length > 0) return text.split('\n').slice(-lines).join('\n');
  }
  return '(no log written)';
}

/** True while a process with this pid exists (signal 0 checks without sending). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The resident memory of a process in MiB (VmRSS of /proc/<pid>/status); undefined where there is no /proc or no such process. */
export function residentMemoryMiB(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopPid(pid: number, graceMs = 30_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (alive(pid)) await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops the node and deletes its folder. */
export async function stopJvmNode(node: Pick<JvmNode, 'pid' | 'dir'>): Promise<void> {
  await stopPid(node.pid);
  rmSync(node.dir, { recursive: true, force: true });
}
