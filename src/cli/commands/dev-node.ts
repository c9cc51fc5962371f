// `cassandra-orm dev-node start | stop | status | run -- <command>`: a real Cassandra node for an
// application's own tests and examples, needing no configuration file.
import { spawn } from 'node:child_process';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { attachRecordedCluster, recordedCluster, startDevCluster, stopDevCluster } from '../../dev-node/dev-cluster.js';
import { alive } from '../../dev-node/jvm-node.js';
import { devNodeStatus, startDevNode, stopDevNode } from '../../dev-node/dev-node.js';
import type { NodeTls } from '../../dev-node/probe.js';
import { selectNode } from '../../dev-node/select.js';
import { CliError, ExitCode } from '../cli-error.js';
import { err, out, type CliIo } from '../io.js';

/** The one-line usage of `cassandra-orm dev-node`. */
export const DEV_NODE_USAGE = 'cassandra-orm dev-node start [--nodes N] [--tls [--require-client-cert]] | stop [--cluster] | status [--cluster] | run -- <command> [args...]';

/** `cassandra-orm dev-node --help`. */
export const DEV_NODE_HELP = [
  `Usage: ${DEV_NODE_USAGE}`,
  '',
  'A real Cassandra 5 node for your own tests and examples (single node, loopback only, user cassandra/cassandra).',
  '  start   start a node on 127.0.0.1:9042 that outlives this command (says so when one already answers there)',
  '          --nodes N: a cluster of N nodes instead, on 127.0.0.2 onwards (three nodes: dc1 with two, dc2 with one;',
  '          --first-address A to move it, --heap-mb M per node, default 512); system_auth replicated to every node',
  '          --tls: client-to-node encryption only, with a throw-away CA made at start (prints the CA and client',
  '          certificate paths); --require-client-cert: the node(s) also refuse clients without a certificate the CA signed',
  '  stop    stop the node `start` started and delete its data folder (--cluster: the cluster `start --nodes` started)',
  '  status  ask the node (CASSANDRA_CONTACT_POINTS when set, else 127.0.0.1:9042) for its version; exit status 1 when none answers',
  '          (--cluster: which nodes of the recorded cluster run)',
  '  run     run a command with CASSANDRA_CONTACT_POINTS, _LOCAL_DC, _USERNAME and _PASSWORD set for a node:',
  '          CASSANDRA_CONTACT_POINTS when set, else a node already on 127.0.0.1:9042, else a container',
  '          (testcontainers), else a JVM node started for the command and stopped after it. Exits with its status.',
  '',
  'Prerequisites for a node started here: JDK 17 (or 11) and Maven (cassandra-all is resolved from Maven',
  'Central once per machine into ~/.cache/cassandra-orm, or CASSANDRA_ORM_CACHE), or a container runtime with',
  'the optional packages testcontainers@11 and @testcontainers/cassandra@11. CASSANDRA_JAVA picks the java binary.',
].join('\n');

/** Runs one dev-node sub-command; progress goes to stderr, answers to stdout. */
export async function devNodeCommand(io: CliIo, args: readonly string[]): Promise<number> {
  const [sub, ...rest] = args;
  const log = (line: string): void => err(io, `[dev-node] ${line}`);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    out(io, DEV_NODE_HELP);
    return sub === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (sub !== 'run' && (rest.includes('--help') || rest.includes('-h'))) {
    out(io, DEV_NODE_HELP);
    return ExitCode.ok;
  }
  const flags = sub === 'run' ? {} : subCommandFlags(sub, rest);
  if (flags.nodes !== undefined && sub === 'start') return startClusterCommand(io, flags, log);
  const tls = flags.tls === undefined ? {} : { tls: { requireClientCert: flags.tls.requireClientCert } };
  if (flags.cluster === true && sub === 'stop') {
    const stopped = await stopDevCluster();
    out(io, stopped === undefined ? 'no cluster started by `cassandra-orm dev-node start --nodes` is recorded; nothing to stop' : `stopped ${stopped.nodes.length} nodes and deleted ${stopped.root}`);
    return ExitCode.ok;
  }
  if (flags.cluster === true && sub === 'status') return clusterStatus(io);
  switch (sub) {
    case 'start': {
      const outcome = await startDevNode(log, tls, io.cwd);
      if (outcome.kind === 'already-running') {
        out(io, `a node is already running on ${outcome.address}:${outcome.port} (Cassandra ${outcome.version}); not starting another`);
      } else {
        const { state } = outcome;
        out(io, `started Cassandra on ${state.address}:${state.port} in ${(outcome.startedInMs / 1000).toFixed(1)} s (pid ${state.pid}, log ${outcome.logFile})`);
        if (state.tls !== undefined) out(io, tlsLine(state.tls));
      }
      return ExitCode.ok;
    }
    case 'stop': {
      const stopped = await stopDevNode(io.cwd);
      out(io, stopped === undefined ? 'no node started by `cassandra-orm dev-node start` is recorded; nothing to stop' : `stopped pid ${stopped.pid} and deleted ${stopped.dir}`);
      return ExitCode.ok;
    }
    case 'status': {
      const status = await devNodeStatus(io.cwd);
      const where = `${status.endpoint.address}:${status.endpoint.port}${status.source === 'env' ? ' (CASSANDRA_CONTACT_POINTS)' : ''}`;
      if (status.version === undefined) {
        out(io, `no node answers on ${where}`);
        return ExitCode.failure;
      }
      const by = status.recorded !== undefined ? `, started by dev-node start (pid ${status.recorded.pid})` : '';
      out(io, `Cassandra ${status.version} on ${where}${by}`);
      return ExitCode.ok;
    }
    case 'run':
      return runWithNode(io, rest[0] === '--' ? rest.slice(1) : rest, log);
    default:
      throw CliError.usage(`dev-node: unknown sub-command '${sub}' (usage: ${DEV_NODE_USAGE})`);
  }
}

interface DevNodeFlags {
  readonly nodes?: number;
  readonly firstAddress?: string;
  readonly heapMb?: number;
  readonly cluster?: boolean;
  readonly tls?: { readonly requireClientCert: boolean };
}

/** Where a TLS node's CA and client certificate are, as a connection's `tls` setting names them. */
function tlsLine(tls: NodeTls): string {
  const client = tls.clientCertPem !== undefined && tls.clientKeyPem !== undefined
    ? ` cert: ${tls.clientCertPem}, key: ${tls.clientKeyPem}`
    : tls.clientPfx !== undefined ? ` pfx: ${tls.clientPfx}, passphrase: '${tls.clientPfxPassword ?? ''}'` : '';
  return `TLS only${tls.requireClientCert === true ? ', client certificates required' : ''}: connect with tls: { ca: ${tls.caPem}${client === '' ? '' : `,${client}`} }`;
}

function positiveInteger(sub: string, flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw CliError.usage(`dev-node ${sub}: --${flag} takes a positive whole number, not '${value}'`);
  return n;
}

/** The flags each sub-command takes: start --nodes/--first-address/--heap-mb, stop and status --cluster. */
function subCommandFlags(sub: string, args: readonly string[]): DevNodeFlags {
  const options: ParseArgsConfig['options'] = sub === 'start'
    ? { nodes: { type: 'string' }, 'first-address': { type: 'string' }, 'heap-mb': { type: 'string' }, tls: { type: 'boolean' }, 'require-client-cert': { type: 'boolean' } }
    : sub === 'stop' || sub === 'status' ? { cluster: { type: 'boolean' } } : {};
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...args], options, allowPositionals: false, strict: true }));
  } catch (error) {
    const unexpected = /'([^']+)'/.exec((error as Error).message)?.[1] ?? args[0];
    throw CliError.usage(`dev-node ${sub}: unexpected argument '${unexpected}'. See 'cassandra-orm dev-node --help'.`);
  }
  const str = (key: string): string | undefined => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const nodes = positiveInteger(sub, 'nodes', str('nodes'));
  const heapMb = positiveInteger(sub, 'heap-mb', str('heap-mb'));
  if (nodes === undefined && (str('first-address') !== undefined || heapMb !== undefined)) {
    throw CliError.usage(`dev-node start: --first-address and --heap-mb apply to a cluster; add --nodes N`);
  }
  if (values['require-client-cert'] === true && values['tls'] !== true) throw CliError.usage('dev-node start: --require-client-cert needs --tls');
  return {
    ...(nodes !== undefined ? { nodes } : {}),
    ...(str('first-address') !== undefined ? { firstAddress: str('first-address') as string } : {}),
    ...(heapMb !== undefined ? { heapMb } : {}),
    ...(values['cluster'] === true ? { cluster: true } : {}),
    ...(values['tls'] === true ? { tls: { requireClientCert: values['require-client-cert'] === true } } : {}),
  };
}

async function startClusterCommand(io: CliIo, flags: DevNodeFlags, log: (line: string) => void): Promise<number> {
  const running = attachRecordedCluster();
  if (running !== undefined) {
    out(io, `a cluster started by dev-node start --nodes is already running (${running.contactPoints.join(', ')}); not starting another`);
    return ExitCode.ok;
  }
  const started = Date.now();
  const cluster = await startDevCluster(
    {
      nodes: flags.nodes ?? 3,
      ...(flags.firstAddress !== undefined ? { firstAddress: flags.firstAddress } : {}),
      ...(flags.heapMb !== undefined ? { heapMb: flags.heapMb } : {}),
      ...(flags.tls !== undefined ? { tls: flags.tls } : {}),
    },
    log,
  );
  out(io, `started a ${cluster.nodes.length}-node cluster in ${((Date.now() - started) / 1000).toFixed(1)} s: CASSANDRA_CONTACT_POINTS=${cluster.contactPoints.join(',')} CASSANDRA_LOCAL_DC=${cluster.localDataCenter}`);
  if (cluster.tls !== undefined) out(io, tlsLine(cluster.tls));
  return ExitCode.ok;
}

function clusterStatus(io: CliIo): number {
  const state = recordedCluster();
  if (state === undefined) {
    out(io, 'no cluster started by `cassandra-orm dev-node start --nodes` is recorded');
    return ExitCode.failure;
  }
  let running = 0;
  for (const n of state.nodes) {
    const up = n.pid !== undefined && alive(n.pid);
    if (up) running++;
    out(io, `node ${n.index} ${n.address}:${n.nativePort} ${n.dataCenter}/${n.rack}: ${up ? `running (pid ${n.pid})` : 'not running'}`);
  }
  return running === state.nodes.length ? ExitCode.ok : ExitCode.failure;
}

async function runWithNode(io: CliIo, command: readonly string[], log: (line: string) => void): Promise<number> {
  const [bin, ...args] = command;
  if (bin === undefined) throw CliError.usage(`dev-node run: no command given (usage: ${DEV_NODE_USAGE})`);
  const node = await selectNode(log);
  // Ctrl-C reaches the child too; this process waits for it to end, then stops the node it started.
  const ignore = (): void => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  try {
    const { endpoint } = node;
    log(`using ${node.description}`);
    const env = {
      ...io.env,
      CASSANDRA_CONTACT_POINTS: endpoint.contactPoints.join(','),
      CASSANDRA_LOCAL_DC: endpoint.localDataCenter ?? 'datacenter1',
      CASSANDRA_USERNAME: endpoint.username ?? 'cassandra',
      CASSANDRA_PASSWORD: endpoint.password ?? 'cassandra',
    };
    const inherit = io.stdout === process.stdout && io.stderr === process.stderr;
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(bin, args, { cwd: io.cwd, env, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
      child.stdout?.pipe(io.stdout, { end: false });
      child.stderr?.pipe(io.stderr, { end: false });
      child.once('error', (error) => reject(CliError.failure(`dev-node run: cannot run '${bin}': ${error.message}`, error)));
      child.once('close', (code, signal) => resolve(code ?? (signal !== null ? 1 : 0)));
    });
  } finally {
    process.removeListener('SIGINT', ignore);
    process.removeListener('SIGTERM', ignore);
    await node.stop();
  }
}
