// With @opentelemetry/instrumentation-cassandra-driver enabled as well, each mapper span is the
// parent of the driver's own span for the same request, and the mapper adds no second statement span.
import 'reflect-metadata';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { CassandraDriverInstrumentation } from '@opentelemetry/instrumentation-cassandra-driver';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Connection } from '../../../src/connection/connection.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { syncSchema } from '../../../src/schema/sync.js';
import { dropKeyspaceCql } from '../../../src/schema/keyspace-ddl.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';
import { installSdk, type TestSdk } from './otel.js';

@Table('gadgets')
class Gadget {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) name!: string;
}

describe('observability: nesting under @opentelemetry/instrumentation-cassandra-driver (real node)', function () {
  this.timeout(120_000);
  let sdk: TestSdk;
  let instrumentation: CassandraDriverInstrumentation;
  let connection: Connection;
  let keyspace: string;

  before(async () => {
    sdk = installSdk();
    instrumentation = new CassandraDriverInstrumentation({ enhancedDatabaseReporting: true });
    instrumentation.setTracerProvider(sdk.tracerProvider);
    instrumentation.enable();
    // The driver was loaded before the instrumentation was enabled: requiring it again lets the
    // require hook patch Client.prototype (shared with the copy the library imported).
    const require = createRequire(import.meta.url);
    require('cassandra-driver');
    require('cassandra-driver/lib/request-execution.js');
    const node = testNode();
    keyspace = uniqueKeyspace('observe_nesting');
    connection = new Connection({
      alias: 'nested', contactPoints: node.contactPoints, localDataCenter: node.localDataCenter,
      username: node.username, password: node.password, keyspace,
    });
    await syncSchema(connection, [Gadget], { keyspace: { name: keyspace } });
  });

  after(async () => {
    await connection?.execute(dropKeyspaceCql(keyspace), [], { prepare: false }).catch(() => undefined);
    await connection?.close();
    instrumentation?.disable();
    await sdk?.uninstall();
  });

  it("makes the mapper's span the parent of the driver's execute span, one each", async () => {
    const gadgets = new Repository(connection, Gadget);
    sdk.exporter.reset();
    await gadgets.insert(Object.assign(new Gadget(), { id: 1, name: 'lamp' }));
    const spans = sdk.spans();
    const mapper = spans.filter((s) => s.name === 'INSERT gadgets');
    const driver = spans.filter((s) => s.name === 'cassandra-driver.execute');
    expect(mapper, spans.map((s) => s.name).join(', ')).to.have.length(1);
    expect(driver).to.have.length(1);
    expect(driver[0]!.parentSpanContext?.spanId).to.equal(mapper[0]!.spanContext().spanId);
    expect(driver[0]!.spanContext().traceId).to.equal(mapper[0]!.spanContext().traceId);
    // What each adds: the driver span has no operation or table; the mapper span has both.
    expect(driver[0]!.attributes['db.operation.name']).to.equal(undefined);
    expect(mapper[0]!.attributes['db.collection.name']).to.equal('gadgets');
  });

  it("nests the driver's batch span under the mapper's BATCH span", async () => {
    const gadgets = new Repository(connection, Gadget);
    sdk.exporter.reset();
    await batch('unlogged').insert(gadgets, Object.assign(new Gadget(), { id: 2, name: 'a' })).insert(gadgets, Object.assign(new Gadget(), { id: 2, name: 'b' })).execute();
    const spans = sdk.spans();
    const mapper = spans.find((s) => s.name === 'BATCH gadgets');
    const driver = spans.find((s) => s.name === 'cassandra-driver.batch');
    expect(mapper, spans.map((s) => s.name).join(', ')).to.not.equal(undefined);
    expect(driver?.parentSpanContext?.spanId).to.equal(mapper!.spanContext().spanId);
  });
});
