// Spans and metrics through @opentelemetry/api on the real node, seen by the SDK's in-memory exporter
// and a metric reader: a write, a read, a page, a batch, an LWT, a failing statement and a schema
// sync, named and attributed per the database semantic conventions, with no bound value anywhere.
import 'reflect-metadata';
import { expect } from 'chai';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { ClusteringKey, Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Connection } from '../../../src/connection/connection.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { syncSchema } from '../../../src/schema/sync.js';
import { dropKeyspaceCql } from '../../../src/schema/keyspace-ddl.js';
import { TestKeyspace } from '../../../src/schema/test-keyspace.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';
import { installSdk, spansText, type TestSdk } from './otel.js';

@Table('readings')
class Reading {
  @PartitionKey({ type: 'text' }) sensor!: string;
  @ClusteringKey({ type: 'int' }) seq!: number;
  @Column({ type: 'text' }) note!: string;
}

const VALUE = 'value-that-must-not-leak-7f3a';

describe('observability: spans and metrics (real node, in-memory exporter)', function () {
  this.timeout(120_000);
  let sdk: TestSdk;
  let connection: Connection;
  let keyspace: string;
  let readings: Repository<Reading>;

  const named = (name: string): ReadableSpan[] => sdk.spans().filter((s) => s.name === name);
  const last = (name: string): ReadableSpan => {
    const found = named(name);
    expect(found, `a span named '${name}' among: ${sdk.spans().map((s) => s.name).join(', ')}`).to.not.be.empty;
    return found[found.length - 1]!;
  };

  before(async () => {
    sdk = installSdk();
    const node = testNode();
    keyspace = uniqueKeyspace('observe_tracing');
    connection = new Connection({
      alias: 'traced', contactPoints: node.contactPoints, localDataCenter: node.localDataCenter,
      username: node.username, password: node.password, keyspace,
    });
    await syncSchema(connection, [Reading], { keyspace: { name: keyspace } });
    readings = new Repository(connection, Reading);
  });

  after(async () => {
    await connection?.execute(dropKeyspaceCql(keyspace), [], { prepare: false }).catch(() => undefined);
    await connection?.close();
    await sdk?.uninstall();
  });

  it('wraps the statements of a schema sync in one schema.sync span', () => {
    const sync = last(`schema.sync ${keyspace}`);
    expect(sync.kind).to.equal(SpanKind.INTERNAL);
    expect(sync.attributes['db.namespace']).to.equal(keyspace);
    const children = sdk.spans().filter((s) => s.spanContext().traceId === sync.spanContext().traceId && s !== sync);
    const names = children.map((s) => s.name);
    expect(names).to.include(`schema.plan ${keyspace}`);
    expect(names).to.include(`schema.apply ${keyspace}`);
    expect(names).to.include(`CREATE ${keyspace}`);
    expect(names).to.include('CREATE readings');
    const create = children.find((s) => s.name === 'CREATE readings')!;
    expect(create.attributes['db.query.text']).to.match(/^CREATE TABLE/);
    // Every statement of the sync sits under the sync span (directly or through plan/apply).
    const ids = new Set([sync, ...children].map((s) => s.spanContext().spanId));
    for (const child of children) expect(ids.has(child.parentSpanContext?.spanId ?? ''), child.name).to.equal(true);
  });

  it('names a write INSERT <table> with the semantic-convention attributes and no values', async () => {
    sdk.exporter.reset();
    await readings.insert(Object.assign(new Reading(), { sensor: 's1', seq: 1, note: VALUE }));
    const span = last('INSERT readings');
    expect(span.kind).to.equal(SpanKind.CLIENT);
    const a = span.attributes;
    expect(a['db.system.name']).to.equal('cassandra');
    expect(a['db.namespace']).to.equal(keyspace);
    expect(a['db.collection.name']).to.equal('readings');
    expect(a['db.operation.name']).to.equal('INSERT');
    expect(a['db.query.text']).to.be.a('string').and.match(/^INSERT INTO .*readings.*VALUES \(\?, \?, \?\)$/);
    expect(a['server.address']).to.equal(testNode().contactPoints[0]!.split(':')[0]);
    expect(a['server.port']).to.equal(9042);
    expect(a['cassandra.coordinator.dc']).to.equal(testNode().localDataCenter);
    expect(a['cassandra.coordinator.id']).to.match(/^[0-9a-f-]{36}$/);
    expect(a['cassandra.consistency.level']).to.equal('local_one');
    expect(a['cassandra.query.idempotent']).to.equal(true);
    expect(a['cassandra.page.size']).to.equal(5000);
    expect(a['cassandra.speculative_execution.count']).to.equal(0);
    expect(a['db.response.returned_rows']).to.equal(0);
    expect(span.status.code).to.not.equal(SpanStatusCode.ERROR);
    expect(spansText(sdk.spans())).to.not.include(VALUE);
  });

  it('names a read SELECT <table> with the rows it returned', async () => {
    sdk.exporter.reset();
    const found = await readings.findOne({ sensor: 's1', seq: 1 }, { consistency: 'QUORUM' });
    expect(found?.note).to.equal(VALUE);
    const span = last('SELECT readings');
    expect(span.attributes['db.operation.name']).to.equal('SELECT');
    expect(span.attributes['db.response.returned_rows']).to.equal(1);
    expect(span.attributes['cassandra.consistency.level']).to.equal('quorum');
    expect(String(span.attributes['db.query.text'])).to.include('?').and.not.include('s1');
  });

  it('gives each page a span with its page size', async () => {
    for (let seq = 2; seq <= 5; seq++) await readings.insert(Object.assign(new Reading(), { sensor: 'paged', seq, note: VALUE }));
    sdk.exporter.reset();
    const page = await readings.page((q) => q.where('sensor', '=', 'paged'), { pageSize: 3 });
    expect(page.rows).to.have.length(3);
    const span = last('SELECT readings');
    expect(span.attributes['cassandra.page.size']).to.equal(3);
    expect(span.attributes['db.response.returned_rows']).to.equal(3);
  });

  it('wraps the pages of a stream in one stream span, ended with the rows and pages it read', async () => {
    sdk.exporter.reset();
    const seen: number[] = [];
    for await (const r of readings.stream((q) => q.where('sensor', '=', 'paged'), { pageSize: 3 })) seen.push(r.seq);
    expect(seen).to.deep.equal([2, 3, 4, 5]);
    const streams = named('stream readings');
    expect(streams, 'one span for the whole stream').to.have.length(1);
    const stream = streams[0]!;
    expect(stream.kind).to.equal(SpanKind.INTERNAL);
    expect(stream.attributes['db.collection.name']).to.equal('readings');
    expect(stream.attributes['db.namespace']).to.equal(keyspace);
    expect(stream.attributes['db.response.returned_rows']).to.equal(4);
    expect(stream.attributes['cassandra_orm.page.count']).to.equal(2);
    const pages = named('SELECT readings');
    expect(pages, 'a statement span per page').to.have.length(2);
    for (const page of pages) expect(page.parentSpanContext?.spanId, 'each page a child of the stream span').to.equal(stream.spanContext().spanId);
    expect(spansText(sdk.spans())).to.not.include(VALUE);
  });

  it('ends the stream span when the loop breaks, and marks it failed when the stream fails', async () => {
    sdk.exporter.reset();
    for await (const r of readings.stream((q) => q.where('sensor', '=', 'paged'), { pageSize: 3 })) if (r.seq === 2) break;
    const stream = last('stream readings');
    expect(stream.attributes['cassandra_orm.page.count']).to.equal(1);
    expect(stream.attributes['db.response.returned_rows']).to.equal(3);
    expect(stream.status.code).to.not.equal(SpanStatusCode.ERROR);

    sdk.exporter.reset();
    const broken = readings.withKeyspace(`${keyspace}_missing`);
    let failure: unknown;
    try {
      for await (const _ of broken.stream(undefined, { pageSize: 3 })) void _;
    } catch (error) {
      failure = error;
    }
    expect(failure, 'a stream over a missing keyspace fails').to.be.instanceOf(Error);
    const failed = last('stream readings');
    expect(failed.status.code).to.equal(SpanStatusCode.ERROR);
    expect(failed.attributes['error.type']).to.equal((failure as Error).name);
  });

  it('wraps the pages of pages() in one pages span', async () => {
    sdk.exporter.reset();
    let rows = 0;
    for await (const page of readings.pages((q) => q.where('sensor', '=', 'paged'), { pageSize: 3 })) rows += page.rows.length;
    expect(rows).to.equal(4);
    const span = last('pages readings');
    expect(named('pages readings')).to.have.length(1);
    expect(span.attributes['db.response.returned_rows']).to.equal(4);
    expect(span.attributes['cassandra_orm.page.count']).to.equal(2);
    for (const page of named('SELECT readings')) expect(page.parentSpanContext?.spanId).to.equal(span.spanContext().spanId);
  });

  it('names a batch BATCH <table> with db.operation.batch.size', async () => {
    sdk.exporter.reset();
    const rows = [10, 11, 12].map((seq) => Object.assign(new Reading(), { sensor: 'b', seq, note: VALUE }));
    await rows.reduce((b, r) => b.insert(readings, r), batch('logged')).execute();
    const span = last('BATCH readings');
    expect(span.attributes['db.operation.name']).to.equal('BATCH');
    expect(span.attributes['db.operation.batch.size']).to.equal(3);
    expect(span.attributes['db.collection.name']).to.equal('readings');
    expect(String(span.attributes['db.query.text']).split('; ')).to.have.length(3);
    expect(spansText(sdk.spans())).to.not.include(VALUE);
  });

  it('marks whether a lightweight transaction applied', async () => {
    sdk.exporter.reset();
    const again = await readings.insert(Object.assign(new Reading(), { sensor: 's1', seq: 1, note: 'other' }), { ifNotExists: true });
    expect(again.applied).to.equal(false);
    const span = last('INSERT readings');
    expect(span.attributes['cassandra_orm.lwt.applied']).to.equal(false);
    expect(span.attributes['cassandra.query.idempotent']).to.equal(false);
  });

  it('records a failing statement with error.type, the protocol code and an error status', async () => {
    sdk.exporter.reset();
    const error = await connection.execute(`SELECT nope FROM ${keyspace}.readings WHERE sensor = ?`, [VALUE]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error).with.property('name', 'InvalidQueryError');
    const span = last('SELECT readings');
    expect(span.status.code).to.equal(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).to.equal('InvalidQueryError');
    expect(span.attributes['db.response.status_code']).to.equal(String(0x2200));
    expect(span.attributes['db.namespace']).to.equal(keyspace);
    expect(spansText(sdk.spans())).to.not.include(VALUE);
  });

  it('replaces literals written inline in raw CQL with ? in db.query.text', async () => {
    sdk.exporter.reset();
    await connection.cursor().execute(`SELECT note FROM ${keyspace}.readings WHERE sensor = '${VALUE}' AND seq = 42`);
    const span = last('SELECT readings');
    expect(span.attributes['db.query.text']).to.equal(`SELECT note FROM ${keyspace}.readings WHERE sensor = ? AND seq = ?`);
  });

  it('feeds db.client.operation.duration and the request-queue gauges', async () => {
    await readings.findOne({ sensor: 's1', seq: 1 });
    const collected = await sdk.collect();
    const all = collected.scopeMetrics.filter((s) => s.scope.name === 'cassandra-orm').flatMap((s) => s.metrics);
    const duration = all.find((m) => m.descriptor.name === 'db.client.operation.duration');
    expect(duration?.descriptor.unit).to.equal('s');
    const points = (duration?.dataPoints ?? []) as { attributes: Record<string, unknown>; value: { count: number; sum?: number } }[];
    const reads = points.find((p) => p.attributes['db.operation.name'] === 'SELECT' && p.attributes['db.collection.name'] === 'readings' && p.attributes['error.type'] === undefined);
    expect(reads?.value.count).to.be.greaterThan(0);
    expect(reads?.attributes['db.namespace']).to.equal(keyspace);
    expect(reads?.attributes['db.system.name']).to.equal('cassandra');
    const failed = points.find((p) => p.attributes['error.type'] === 'InvalidQueryError');
    expect(failed?.attributes['db.response.status_code']).to.equal(String(0x2200));
    const inFlight = all.find((m) => m.descriptor.name === 'cassandra_orm.request_queue.in_flight');
    const queued = all.find((m) => m.descriptor.name === 'cassandra_orm.request_queue.queued');
    const ours = (m: typeof inFlight) => (m?.dataPoints ?? []).find((p) => p.attributes['db.client.connection.pool.name'] === 'traced');
    expect(ours(inFlight)?.value).to.equal(0);
    expect(ours(queued)?.value).to.equal(0);
    expect(JSON.stringify(points.map((p) => p.attributes))).to.not.include(VALUE);
  });

  it("wraps the test kit's setup in one testkit.setup span", async () => {
    sdk.exporter.reset();
    const kit = await TestKeyspace.create(connection, [Reading], { name: `${keyspace}_kit` });
    try {
      const setup = last(`testkit.setup ${keyspace}_kit`);
      const inside = sdk.spans().filter((s) => s.spanContext().traceId === setup.spanContext().traceId).map((s) => s.name);
      expect(inside).to.include(`DROP ${keyspace}_kit`);
      expect(inside).to.include(`schema.sync ${keyspace}_kit`);
      expect(inside).to.include('CREATE readings');
    } finally {
      await kit.drop();
    }
  });

  it('reports nothing with observe.tracing and observe.metrics off', async () => {
    const node = testNode();
    const quiet = new Connection({
      alias: 'quiet', contactPoints: node.contactPoints, localDataCenter: node.localDataCenter,
      username: node.username, password: node.password, keyspace, observe: { tracing: false, metrics: false },
    });
    try {
      sdk.exporter.reset();
      await new Repository(quiet, Reading).findOne({ sensor: 's1', seq: 1 });
      expect(sdk.spans()).to.deep.equal([]);
    } finally {
      await quiet.close();
    }
  });
});
