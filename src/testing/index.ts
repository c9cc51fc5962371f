/**
 * The test kit: a throw-away keyspace per test run and a Cassandra node for it (its DevNodeError is in cassandra-orm/errors).
 * @module cassandra-orm/testing
 */
// The `cassandra-orm/testing` entry point: what an application's own test suite uses against a real node.
export { TestKeyspace, type TestKeyspaceOptions } from '../schema/test-keyspace.js';
export { selectNode } from '../dev-node/select.js';
export type { SelectedNode, ClusterEndpoint, NodeEndpoint, NodeTls } from '../dev-node/probe.js';
