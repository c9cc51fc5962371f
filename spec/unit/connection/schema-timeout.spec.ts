import { expect } from 'chai';
import { isSchemaStatement, SCHEMA_STATEMENT_TIMEOUT_MS, statementReadTimeout } from '../../../src/connection/schema-timeout.js';

describe('schema statement timeout', () => {
  it('recognises DDL and TRUNCATE, not reads or writes', () => {
    for (const cql of ['CREATE TABLE t (k int PRIMARY KEY)', '  drop keyspace ks', 'ALTER TABLE t ADD v int', 'TRUNCATE t', 'truncate t', 'Create index i ON t (v)', '\nDROP TABLE t']) {
      expect(isSchemaStatement(cql), cql).to.equal(true);
    }
    for (const cql of ['SELECT * FROM t', 'INSERT INTO t (k) VALUES (1)', 'UPDATE t SET v = 1 WHERE k = 1', 'DELETE FROM t WHERE k = 1', 'SELECT created FROM t',
      'delete from t where k = 1', 'BEGIN BATCH APPLY BATCH', 'use ks', 'CREATED', 'ALTERNATE', '', '-- CREATE TABLE t']) {
      expect(isSchemaStatement(cql), cql).to.equal(false);
    }
  });

  it('gives schema statements at least 60 s unless the call sets a timeout', () => {
    expect(statementReadTimeout('DROP KEYSPACE ks', undefined, undefined)).to.equal(SCHEMA_STATEMENT_TIMEOUT_MS);
    expect(statementReadTimeout('DROP KEYSPACE ks', 10_000, undefined)).to.equal(60_000);
    expect(statementReadTimeout('DROP KEYSPACE ks', 90_000, undefined)).to.equal(90_000);
    expect(statementReadTimeout('DROP KEYSPACE ks', 10_000, 500)).to.equal(500);
  });

  it('leaves other statements on the configured default or the per-call value', () => {
    expect(statementReadTimeout('SELECT * FROM t', undefined, undefined)).to.equal(undefined);
    expect(statementReadTimeout('SELECT * FROM t', 10_000, undefined)).to.equal(10_000);
    expect(statementReadTimeout('SELECT * FROM t', 10_000, 400)).to.equal(400);
  });
});
