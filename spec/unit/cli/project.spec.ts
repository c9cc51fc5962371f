import { expect } from 'chai';
import { ConfigError } from '../../../src/errors.js';
import { CliError, ExitCode } from '../../../src/cli/cli-error.js';
import { connectionEntry, projectFromExports, selectConnections } from '../../../src/cli/project.js';
import { thrown } from '../../support/thrown.js';


describe('cli: the configuration file\'s exports', () => {
  const connections = {
    default: 'main',
    connections: {
      main: { contactPoints: '10.0.0.1', keyspace: 'app' },
      events: { contactPoints: ['10.0.0.2'], keyspace: 'events', replication: { class: 'NetworkTopologyStrategy', dataCenters: { dc1: 3 } } },
    },
  };
  class Entity {}

  it('takes a ConnectionsConfig (what ConnectionRegistry takes) and the entity classes', () => {
    const project = projectFromExports('/x.js', { connections, entities: [Entity] });
    expect(project.connections.defaultAlias).to.equal('main');
    expect(Object.keys(project.connections.connections)).to.deep.equal(['main', 'events']);
    expect(project.entities).to.deep.equal([Entity]);
    expect(selectConnections(project, undefined).map((c) => c.alias)).to.deep.equal(['main', 'events']);
    expect(selectConnections(project, 'events').map((c) => c.keyspace)).to.deep.equal(['events']);
    expect(connectionEntry(project, undefined).keyspace).to.equal('app');
  });

  it("takes Django's DATABASES, ignoring the relational aliases", () => {
    const project = projectFromExports('/x.js', {
      DATABASES: {
        default: { ENGINE: 'django.db.backends.sqlite3', NAME: 'db.sqlite3' },
        cassandra: { ENGINE: 'django_cassandra_engine', NAME: 'events', HOST: '10.0.0.1,10.0.0.2', USER: 'u', PASSWORD: 'p' },
      },
    });
    expect(project.connections.defaultAlias).to.equal('cassandra');
    const entry = connectionEntry(project, undefined);
    expect(entry.keyspace).to.equal('events');
    expect(entry.contactPoints).to.deep.equal(['10.0.0.1', '10.0.0.2']);
    expect(project.entities).to.deep.equal([]);
  });

  it('rejects an unknown export, naming the allowed ones', () => {
    const error = thrown(() => projectFromExports('/x.js', { connections, entity: [] }));
    expect(error).to.be.instanceOf(ConfigError);
    expect(error.message).to.equal('entity: unknown key (allowed: connections, DATABASES, entities, migrations, lint)');
  });

  it('requires connections or DATABASES, and not both', () => {
    expect(thrown(() => projectFromExports('/x.js', { entities: [] })).message).to.match(/^connections: is required: export `connections`/);
    expect(thrown(() => projectFromExports('/x.js', { connections, DATABASES: {} })).message).to.equal(
      'DATABASES: export either connections or DATABASES, not both',
    );
  });

  it('rejects entities that are not classes', () => {
    expect(thrown(() => projectFromExports('/x.js', { connections, entities: ['User'] })).message).to.equal(
      'entities: expected an array of entity classes, got an array',
    );
  });

  it('passes connection errors through, naming the key', () => {
    const error = thrown(() => projectFromExports('/x.js', { connections: { connections: { main: { contactPoints: 'h' } } } }));
    expect(error).to.be.instanceOf(ConfigError);
    expect(error.message).to.match(/^connections\.main\.keyspace: /);
  });

  it('names the configured aliases for an unknown one (usage error)', () => {
    const project = projectFromExports('/x.js', { connections });
    const error = thrown(() => connectionEntry(project, 'nope'));
    expect(error).to.be.instanceOf(CliError);
    expect((error as CliError).exitCode).to.equal(ExitCode.usage);
    expect(error.message).to.equal("unknown connection 'nope' (configured: main, events)");
  });
});
