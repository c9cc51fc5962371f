// Mocha global fixture: one Cassandra node for the whole run (see cassandra/select.ts for the order).
// The chosen endpoint is published through environment variables, so specs and the processes they
// spawn (CLI, examples) all reach the same node.
import { selectNode, type SelectedNode } from './cassandra/select.js';

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

export async function mochaGlobalTeardown(): Promise<void> {
  await node?.stop();
}
