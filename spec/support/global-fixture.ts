// Mocha global fixture: one Cassandra node for the whole run (src/dev-node/select.ts says in which order it looks).
// The chosen endpoint is published through environment variables, so specs and the processes they
// spawn (CLI, examples) all reach the same node.
import type { SelectedNode } from '../../src/dev-node/probe.js';
import { selectNode } from '../../src/dev-node/select.js';

let node: SelectedNode | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  const log = (line: string): void => console.error(`[cassandra] ${line}`);
  node = await selectNode(log);
  const { endpoint } = node;
  process.env['CASSANDRA_CONTACT_POINTS'] = endpoint.contactPoints.join(',');
  process.env['CASSANDRA_LOCAL_DC'] = endpoint.localDataCenter ?? 'datacenter1';
  process.env['CASSANDRA_USERNAME'] = endpoint.username ?? 'cassandra';
  process.env['CASSANDRA_PASSWORD'] = endpoint.password ?? 'cassandra';
  log(`using ${node.description}`);
}

/** How long the process may stay alive after the run before the watchdog ends it. */
const EXIT_GRACE_MS = 15_000;

export async function mochaGlobalTeardown(): Promise<void> {
  await node?.stop();
  // A spec whose cleanup failed can leave a driver client open, which would keep the process (and CI)
  // alive forever after the summary. This timer does not itself keep the process alive: it fires only
  // when something else does, names what is still open, and exits (mocha's exit handler then sets the
  // exit status from the failure count).
  setTimeout(() => {
    const open = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout');
    console.error(`[cassandra] the test process did not exit ${EXIT_GRACE_MS / 1000} s after the run; still open: ${open.join(', ') || 'unknown'}. A spec left a connection or handle open.`);
    process.exit();
  }, EXIT_GRACE_MS).unref();
}
