// npm run cassandra:start | cassandra:stop | cassandra:status, and `run -- <command>`:
// a node that outlives one test run, for a fast development loop.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../repo-root.js';
import { startJvmNode, stopJvmNode } from './jvm-node.js';
import { probe } from './probe.js';
import { selectNode } from './select.js';

const stateFile = join(repoRoot(), '.cassandra', 'node.json');
const log = (line: string): void => console.error(`[cassandra] ${line}`);

interface State {
  readonly pid: number;
  readonly dir: string;
  readonly address: string;
  readonly port: number;
}

function readState(): State | undefined {
  return existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as State) : undefined;
}

async function start(): Promise<void> {
  const up = await probe({ address: '127.0.0.1', port: 9042, username: 'cassandra', password: 'cassandra' }, 3_000).catch(() => undefined);
  if (up !== undefined) {
    log(`a node is already running on 127.0.0.1:9042 (Cassandra ${up}); npm test will use it.`);
    return;
  }
  const node = await startJvmNode({ detached: true }, log);
  mkdirSync(join(repoRoot(), '.cassandra'), { recursive: true });
  const state: State = { pid: node.pid, dir: node.dir, address: node.address, port: node.port };
  writeFileSync(stateFile, JSON.stringify(state, null, 2));
  log(`started in ${(node.startedInMs / 1000).toFixed(1)} s (pid ${node.pid}, log ${node.logFile}). Stop it with npm run cassandra:stop.`);
}

async function stop(): Promise<void> {
  const state = readState();
  if (state === undefined) {
    log('no node started by npm run cassandra:start is recorded; nothing to stop.');
    return;
  }
  await stopJvmNode(state);
  rmSync(stateFile, { force: true });
  log(`stopped pid ${state.pid} and deleted ${state.dir}.`);
}

async function run(command: string[]): Promise<number> {
  const [bin, ...args] = command;
  if (bin === undefined) throw new Error('usage: cli.js run -- <command> [args...]');
  const node = await selectNode(log);
  try {
    const { endpoint } = node;
    const env = {
      ...process.env,
      CASSANDRA_CONTACT_POINTS: endpoint.contactPoints.join(','),
      CASSANDRA_LOCAL_DC: endpoint.localDataCenter ?? 'datacenter1',
      CASSANDRA_USERNAME: endpoint.username ?? 'cassandra',
      CASSANDRA_PASSWORD: endpoint.password ?? 'cassandra',
    };
    log(`using ${node.description}`);
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(bin, args, { stdio: 'inherit', env });
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await node.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      await start();
      return 0;
    case 'stop':
      await stop();
      return 0;
    case 'status': {
      const up = await probe({ address: '127.0.0.1', port: 9042, username: 'cassandra', password: 'cassandra' }, 3_000).catch(() => undefined);
      console.log(up === undefined ? 'no node on 127.0.0.1:9042' : `Cassandra ${up} on 127.0.0.1:9042`);
      return up === undefined ? 1 : 0;
    }
    case 'run':
      return run(rest[0] === '--' ? rest.slice(1) : rest);
    default:
      console.error('usage: cli.js start | stop | status | run -- <command> [args...]');
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
