// What a run states about where it ran: the client machine, the Cassandra node, the library versions.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, freemem, loadavg, networkInterfaces, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type cassandra from 'cassandra-driver';
import { repoRoot } from '../support/repo-root.js';

/** The environment of one run. */
export interface Environment {
  readonly startedAt: string;
  readonly machine: {
    readonly os: string;
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGiB: number;
    readonly freeMemoryGiB: number;
    readonly loadAverage: readonly number[];
    readonly nodeVersion: string;
  };
  readonly cassandra: { readonly releaseVersion: string; readonly contactPoints: readonly string[]; readonly dataCenter: string };
  readonly libraries: Readonly<Record<string, string>>;
}

function packageVersion(dir: string): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The commit the library was measured at, marked when tracked files under `src/` or `spec/bench/` differ
 * from it (a run of uncommitted code must not read as the commit before it).
 */
export function gitRevision(root: string): string {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  let head: string;
  try {
    head = git('rev-parse', '--short', 'HEAD');
  } catch {
    return 'no git';
  }
  try {
    const changed = git('status', '--porcelain', '--untracked-files=no', '--', 'src', 'spec/bench');
    return changed === '' ? head : `${head}, with uncommitted changes to src/ or spec/bench/`;
  } catch {
    return head;
  }
}

/** The git state a run was made in: the commit, and every file that differs from it or is not tracked. */
export interface GitState {
  readonly commit: string;
  readonly changed: readonly string[];
  readonly untracked: readonly string[];
}

/** The git state of `root`, or undefined outside a git checkout. */
export function gitState(root: string): GitState | undefined {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const commit = git('rev-parse', 'HEAD').trim();
    const lines = git('status', '--porcelain', '--untracked-files=all').split('\n').filter((l) => l !== '');
    return {
      commit,
      changed: lines.filter((l) => !l.startsWith('??')).map((l) => l.slice(3)),
      untracked: lines.filter((l) => l.startsWith('??')).map((l) => l.slice(3)),
    };
  } catch {
    return undefined;
  }
}

const GiB = 1024 ** 3;

/** The host of a contact point (`host`, `host:port`, `[v6]:port` or a bare IPv6 address). */
function hostOf(point: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(point);
  if (bracketed !== null) return bracketed[1]!;
  return (point.match(/:/g) ?? []).length === 1 ? point.slice(0, point.indexOf(':')) : point;
}

/**
 * Where the node is, as far as the client can tell from its contact points: on this machine when each
 * is a loopback address, `localhost` or an address of one of this machine's interfaces.
 */
export function nodeLocation(contactPoints: readonly string[], interfaces = networkInterfaces()): string {
  const local = new Set(Object.values(interfaces).flatMap((list) => (list ?? []).map((i) => i.address)));
  const isLocal = (host: string): boolean => host === 'localhost' || /^127\./.test(host) || host === '::1' || local.has(host);
  const remote = contactPoints.map(hostOf).filter((h) => !isLocal(h));
  return remote.length === 0 ? 'client and node on the same machine (every contact point is a local address)' : `node on another host (${remote.join(', ')}), not this machine`;
}

/** Collects the environment, asking the node for its release_version. */
export async function environment(admin: cassandra.Client, contactPoints: readonly string[], dataCenter: string): Promise<Environment> {
  const rs = await admin.execute('SELECT release_version FROM system.local');
  const root = repoRoot();
  const list = cpus();
  return {
    startedAt: new Date().toISOString(),
    machine: {
      os: `${platform()} ${release()}`,
      cpus: list.length,
      cpuModel: list[0]?.model.trim() ?? 'unknown',
      memoryGiB: totalmem() / GiB,
      freeMemoryGiB: freemem() / GiB,
      loadAverage: loadavg(),
      nodeVersion: process.version,
    },
    cassandra: { releaseVersion: String(rs.first()?.['release_version'] ?? 'unknown'), contactPoints, dataCenter },
    libraries: {
      'cassandra-orm': `${packageVersion(root)} (${gitRevision(root)})`,
      'cassandra-driver': packageVersion(join(root, 'node_modules', 'cassandra-driver')),
      'express-cassandra': packageVersion(join(root, 'node_modules', 'express-cassandra')),
    },
  };
}
