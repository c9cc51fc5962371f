// The values a query event shows with includeValues: each marker attributed to its column, a secret
// column's value replaced, and an unattributable value hidden when the statement names a secret column.
import { expect } from 'chai';
import { markerColumns, redactParams, REDACTED, type SecretColumns } from '../../../src/observability/redaction.js';
import { readFacts } from '../../../src/observability/statement-facts.js';

describe('observability: redaction of bound values', () => {
  const attributions: [cql: string, columns: (string | undefined)[]][] = [
    ['INSERT INTO ks.users (id, "Token", name) VALUES (?, ?, ?) USING TTL ?', ['id', 'Token', 'name', '']],
    ['UPDATE ks.users SET token = ?, tags = tags + ?, counts[?] = ? WHERE id = ? IF name = ?', ['token', 'tags', 'counts', 'counts', 'id', 'name']],
    ['SELECT * FROM ks.users WHERE id IN ? AND n >= ? LIMIT ?', ['id', 'n', '']],
    ['SELECT * FROM ks.users WHERE token(id) > token(?)', [undefined]],
    ['SELECT * FROM ks.users WHERE id = :id AND name = :name', ['id', 'name']],
  ];
  for (const [cql, columns] of attributions) {
    it(`attributes the markers of ${JSON.stringify(cql)}`, () => {
      expect(markerColumns(cql)).to.deep.equal(columns);
    });
  }

  const secrets: SecretColumns = new Map([['ks.users', new Set(['token'])]]);
  const redact = (cql: string, params: unknown) => redactParams(secrets, readFacts(cql), cql, params, 'ks');

  it("replaces a secret column's value and keeps the others", () => {
    expect(redact('INSERT INTO ks.users (id, token, name) VALUES (?, ?, ?)', [1, 'abc', 'ada'])).to.deep.equal([1, REDACTED, 'ada']);
    expect(redact('UPDATE users SET token = ?, name = ? WHERE id = ?', ['abc', 'ada', 1])).to.deep.equal([REDACTED, 'ada', 1]);
  });

  it('hides a value it cannot attribute when the statement names a secret column, and only then', () => {
    expect(redact('SELECT token FROM ks.users WHERE token(id) > token(?)', [5])).to.deep.equal([REDACTED]);
    expect(redact('SELECT name FROM ks.users WHERE token(id) > token(?)', [5])).to.deep.equal([5]);
  });

  it('redacts named parameters by the column of their marker', () => {
    expect(redact('UPDATE ks.users SET token = :t WHERE id = :id', { t: 'abc', id: 1 })).to.deep.equal([{ t: REDACTED, id: 1 }]);
  });

  it('keeps every value of a table without secret columns', () => {
    expect(redact('INSERT INTO ks.other (id, token) VALUES (?, ?)', [1, 'abc'])).to.deep.equal([1, 'abc']);
    expect(redact('SELECT now() FROM system.local', undefined)).to.equal(undefined);
  });
});
