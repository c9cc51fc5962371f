// What the telemetry reads from a statement's text: operation, table, keyspace, and the text with
// every literal replaced by `?` (table-driven, exact outputs).
import { expect } from 'chai';
import { factsOf, readFacts, sanitize } from '../../../src/observability/statement-facts.js';

describe('observability: statement facts', () => {
  const cases: [cql: string, operation: string, keyspace: string | undefined, table: string | undefined][] = [
    ['SELECT a, b FROM ks.users WHERE id = ?', 'SELECT', 'ks', 'users'],
    ['select * from users', 'SELECT', undefined, 'users'],
    ['INSERT INTO "MyKs"."Users" (id) VALUES (?)', 'INSERT', 'MyKs', 'Users'],
    ['UPDATE app.counters SET n = n + ? WHERE k = ?', 'UPDATE', 'app', 'counters'],
    ['DELETE tags FROM app.events WHERE id = ?', 'DELETE', 'app', 'events'],
    ['  TRUNCATE TABLE app.events', 'TRUNCATE', 'app', 'events'],
    ['CREATE TABLE IF NOT EXISTS app.notes (a int PRIMARY KEY)', 'CREATE', 'app', 'notes'],
    ['CREATE INDEX IF NOT EXISTS notes_body ON app.notes (body)', 'CREATE', 'app', 'notes'],
    ["CREATE KEYSPACE IF NOT EXISTS app WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}", 'CREATE', 'app', undefined],
    ['DROP KEYSPACE IF EXISTS old', 'DROP', 'old', undefined],
    ['USE "app"', 'USE', 'app', undefined],
    ['GRANT SELECT ON KEYSPACE app TO reader', 'GRANT', 'app', undefined],
    ['BEGIN BATCH INSERT INTO t (a) VALUES (?); APPLY BATCH', 'BATCH', undefined, 't'],
  ];
  for (const [cql, operation, keyspace, table] of cases) {
    it(`reads ${JSON.stringify(cql)}`, () => {
      const facts = readFacts(cql);
      expect({ operation: facts.operation, keyspace: facts.keyspace, table: facts.table }).to.deep.equal({ operation, keyspace, table });
    });
  }

  const texts: [cql: string, text: string][] = [
    ["SELECT * FROM t WHERE name = 'o''brien' AND n = 42", 'SELECT * FROM t WHERE name = ? AND n = ?'],
    ['SELECT * FROM t WHERE id = 5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00 AND b = 0xCAFE', 'SELECT * FROM t WHERE id = ? AND b = ?'],
    ['UPDATE t USING TTL 60 SET ok = true, x = -1.5e3 WHERE k = ?', 'UPDATE t USING TTL ? SET ok = ?, x = ? WHERE k = ?'],
    ['INSERT INTO t1 (c2, "Col3") VALUES (?, $$dollar quoted$$)', 'INSERT INTO t1 (c2, "Col3") VALUES (?, ?)'],
    ["CREATE ROLE r WITH PASSWORD = 'hunter2'", 'CREATE ROLE r WITH PASSWORD = ?'],
  ];
  for (const [cql, text] of texts) {
    it(`replaces the literals of ${JSON.stringify(cql)}`, () => {
      expect(sanitize(cql)).to.equal(text);
    });
  }

  it('caches the facts of a text it has read (the same frozen object)', () => {
    const first = factsOf('SELECT a FROM cached_t WHERE k = ?');
    expect(factsOf('SELECT a FROM cached_t WHERE k = ?')).to.equal(first);
    expect(Object.isFrozen(first)).to.equal(true);
  });
});
