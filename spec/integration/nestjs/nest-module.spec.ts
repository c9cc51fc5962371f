// The Nest module on the real node: a Nest testing module built from the example application (two
// aliases in Django's DATABASES shape, synced on start), HTTP requests through its routes reading and
// writing through injected repositories, forRootAsync with an injected factory, the health check, and
// shutdown closing every connection.
import 'reflect-metadata';
import { expect } from 'chai';
import { Inject, Injectable, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthCheckService, TerminusModule } from '@nestjs/terminus';
import type { DjangoDatabases } from '../../../src/config/django-databases.js';
import { Connection } from '../../../src/connection/connection.js';
import { ConnectionClosedError } from '../../../src/errors.js';
import type { Repository } from '../../../src/repository/repository.js';
import { CassandraHealthIndicator, CassandraOrmModule, InjectConnection, InjectRepository } from '../../../src/integrations/nestjs/index.js';
import { Note, notesAppModule } from '../../../examples/nestjs/notes-app.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';

/** Sockets open in this process now (the driver's connections among them). */
const sockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe('nestjs: CassandraOrmModule (real node, a Nest application)', function () {
  this.timeout(120_000);
  let base: string;
  let databases: DjangoDatabases;

  const alias = (keyspace: string) => {
    const node = testNode();
    return {
      ENGINE: 'django_cassandra_engine', NAME: keyspace, USER: node.username, PASSWORD: node.password,
      HOST: node.contactPoints.join(','), OPTIONS: { connection: { local_dc: node.localDataCenter } },
    };
  };

  before(() => {
    base = uniqueKeyspace('nest').slice(0, 40);
    databases = { notes: alias(`${base}_notes`), audit: alias(`${base}_audit`) };
  });

  after(async () => {
    const node = testNode();
    const admin = new Connection({ contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password });
    for (const name of ['notes', 'audit']) await admin.execute(`DROP KEYSPACE IF EXISTS ${base}_${name}`, [], { prepare: false });
    await admin.close();
  });

  it('boots the example application on two aliases, serves its routes through injected repositories, and closes every connection on shutdown', async () => {
    const before = sockets();
    const moduleRef = await Test.createTestingModule({ imports: [notesAppModule(databases)] }).compile();
    const app: INestApplication = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    const post = (seq: number, body: string) =>
      fetch(`${url}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ author: 'grace', seq, body }) });
    expect((await post(1, 'first')).status).to.equal(201);
    expect(await (await post(2, 'second')).json()).to.deep.equal({ applied: true });
    expect(await (await post(2, 'again')).json()).to.deep.equal({ applied: false });
    expect(await (await fetch(`${url}/notes/grace`)).json()).to.deep.equal({ notes: ['2: second', '1: first'], audited: 3 });
    const health = (await (await fetch(`${url}/health`)).json()) as Record<string, { status: string; alias: string }>;
    expect(health['notes']).to.include({ status: 'up', alias: 'notes' });
    expect(health['audit']).to.include({ status: 'up', alias: 'audit' });
    // The repositories work in the aliases' keyspaces, synced on start.
    const notes = app.get<Repository<Note>>(`cassandra-orm:repository:Note:notes`);
    expect(notes.connection.keyspace).to.equal(`${base}_notes`);
    expect(sockets()).to.be.greaterThan(before);
    await app.close();
    const closed = await notes.connection.execute('SELECT now() FROM system.local').catch((e: unknown) => e);
    expect(closed).to.be.instanceOf(ConnectionClosedError);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sockets()).to.equal(before);
  });

  it('takes its settings from forRootAsync with an injected factory and injects connections by alias', async () => {
    const SETTINGS = Symbol('settings');
    @Module({ providers: [{ provide: SETTINGS, useFactory: () => databases }], exports: [SETTINGS] })
    class SettingsModule {}

    @Injectable()
    class Reader {
      constructor(
        @InjectConnection('audit') readonly audit: Connection,
        @InjectConnection() readonly main: Connection,
        @InjectRepository(Note, 'notes') readonly notes: Repository<Note>,
        @Inject(CassandraHealthIndicator) readonly health: CassandraHealthIndicator,
      ) {}
    }

    @Module({ imports: [CassandraOrmModule.forFeature([Note], 'notes'), CassandraOrmModule.forFeature([], 'audit')], providers: [Reader] })
    class FeatureModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [
        CassandraOrmModule.forRootAsync({ imports: [SettingsModule], inject: [SETTINGS], useFactory: (d: DjangoDatabases) => ({ databases: d, default: 'notes' }) }),
        FeatureModule,
      ],
    }).compile();
    const app = await moduleRef.init();
    try {
      const reader = app.get(Reader);
      expect(reader.audit.alias).to.equal('audit');
      expect(reader.main.alias).to.equal('notes');
      const found = await reader.notes.findPartition({ author: 'grace' });
      expect(found.map((n) => n.body)).to.deep.equal(['second', 'first']);
      expect(await reader.health.pingCheck('db')).to.have.nested.property('db.status', 'up');
    } finally {
      await app.close();
    }
  });

  it('reports a node that does not answer as down (resolved, not thrown), in the shape @nestjs/terminus reads', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CassandraOrmModule.forRoot({ contactPoints: '127.0.0.1:1', keyspace: 'nowhere', alias: 'gone' })],
    }).compile();
    const app = await moduleRef.init();
    try {
      const result = await app.get(CassandraHealthIndicator).pingCheck('cassandra', { timeoutMs: 1000 });
      expect(result).to.have.nested.property('cassandra.status', 'down');
      expect(result).to.have.nested.property('cassandra.alias', 'gone');
      expect(String(result['cassandra']!['message'])).to.contain('127.0.0.1:1');
    } finally {
      await app.close();
    }
  });

  it("works inside @nestjs/terminus's HealthCheckService: ok with the node up, a 503 naming the alias down without it", async () => {
    const node = testNode();
    const moduleRef = await Test.createTestingModule({
      imports: [
        TerminusModule.forRoot({ logger: false }),
        CassandraOrmModule.forRoot({
          default: 'main',
          connections: {
            main: { contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password, keyspace: 'system' },
            gone: { contactPoints: ['127.0.0.1:1'], localDataCenter: node.localDataCenter, keyspace: 'nowhere' },
          },
        }),
      ],
    }).compile();
    const app = await moduleRef.init();
    try {
      const health = app.get(HealthCheckService);
      const indicator = app.get(CassandraHealthIndicator);
      const up = await health.check([() => indicator.pingCheck('cassandra')]);
      expect(up.status).to.equal('ok');
      expect(up.info).to.have.nested.property('cassandra.status', 'up');
      const down = await health.check([() => indicator.pingCheck('cassandra'), () => indicator.pingCheck('backup', { alias: 'gone', timeoutMs: 1000 })]).catch((e: unknown) => e);
      // Terminus answers a failed check with a ServiceUnavailableException (HTTP 503) whose body lists each indicator.
      expect((down as { getStatus(): number }).getStatus()).to.equal(503);
      const body = (down as { getResponse(): { status: string; info: object; error: object } }).getResponse();
      expect(body.status).to.equal('error');
      expect(body.info).to.have.nested.property('cassandra.status', 'up');
      expect(body.error).to.have.nested.property('backup.status', 'down');
      expect(body.error).to.have.nested.property('backup.alias', 'gone');
    } finally {
      await app.close();
    }
  });
});
