// The statements a write adds for its query tables, as exact CQL and params: what the logged batch holds.
import { expect } from 'chai';
import { Column, PartitionKey, Table } from '../../../src/index.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { update } from '../../../src/query/update-query.js';
import type { CompiledQuery } from '../../../src/query/compiled-query.js';
import { queryTableDeletes, queryTableForKey, queryTableForRestrictions, queryTableNamed, queryTableStatements } from '../../../src/repository/query-table-statements.js';
import { QueryBuildError } from '../../../src/public/errors.js';

@Table<Person>({
  name: 'people',
  queryTables: [
    { name: 'people_by_email', partitionKey: ['email'], clusteringKey: ['id'] },
    { name: 'people_by_city', partitionKey: ['city'], clusteringKey: ['id'], columns: ['name'] },
    { name: 'people_by_id', partitionKey: ['id'], columns: ['name'] },
  ],
})
class Person {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) email?: string | null;
  @Column({ type: 'text' }) name?: string | null;
  @Column({ type: 'text' }) city?: string | null;
  @Column({ type: 'set<text>' }) tags?: Set<string>;
}

const meta = entityMetadata(Person);
/** Each statement as its CQL and params (`unset` for undefined: the driver leaves the column alone). */
const shown = (statements: CompiledQuery[]): string[] =>
  statements.map((s) => `${s.cql} ${JSON.stringify(s.params.map((v) => (v === undefined ? 'unset' : v instanceof Set ? [...v] : typeof v === 'bigint' ? `${v}n` : v)))}`);

describe('query tables: the statements of a write', () => {
  it('an insert with no previous row inserts into each query table whose key it gives', () => {
    const s = queryTableStatements(meta, 'ks', 'insert', { id: 1 }, { id: 1, email: 'a@x', name: 'Ann', city: null }, undefined, {});
    expect(shown(s)).to.deep.equal([
      'INSERT INTO ks.people_by_email (email, id, name, city, tags) VALUES (?, ?, ?, ?, ?) ["a@x",1,"Ann",null,"unset"]',
      'INSERT INTO ks.people_by_id (id, name) VALUES (?, ?) [1,"Ann"]',
    ]);
  });

  it('a changed email deletes the old query-table row and inserts the new one with every value the row holds', () => {
    const previous = { id: 1, email: 'a@x', name: 'Ann', city: 'Oslo', tags: null };
    const s = queryTableStatements(meta, 'ks', 'update', { id: 1 }, { email: 'b@x' }, previous, { ttl: 60, timestamp: 5n });
    expect(shown(s)).to.deep.equal([
      'DELETE FROM ks.people_by_email USING TIMESTAMP ? WHERE email = ? AND id = ? ["5n","a@x",1]',
      'INSERT INTO ks.people_by_email (email, id, name, city, tags) VALUES (?, ?, ?, ?, ?) USING TTL ? AND TIMESTAMP ? ["b@x",1,"Ann","Oslo","unset",60,"5n"]',
    ]);
  });

  it('an update of regular columns updates each table holding them, on its key from the previous row', () => {
    const previous = { id: 1, email: 'a@x', name: 'Ann', city: 'Oslo' };
    const add = update(Person).key({ id: 1 }).add('tags', new Set(['t'])).node.assignments;
    const s = queryTableStatements(meta, 'ks', 'update', { id: 1 }, { name: 'Bo' }, previous, {}, add);
    expect(shown(s)).to.deep.equal([
      'UPDATE ks.people_by_email SET name = ?, tags = tags + ? WHERE email = ? AND id = ? ["Bo",["t"],"a@x",1]',
      'UPDATE ks.people_by_city SET name = ? WHERE city = ? AND id = ? ["Bo","Oslo",1]',
      'UPDATE ks.people_by_id SET name = ? WHERE id = ? ["Bo",1]',
    ]);
  });

  it('a key column set to null deletes the row from the query table keyed by it; a table holding it as a column gets the null', () => {
    const previous = { id: 1, email: 'a@x', name: 'Ann', city: 'Oslo' };
    expect(shown(queryTableStatements(meta, 'ks', 'update', { id: 1 }, { city: null }, previous, {}))).to.deep.equal([
      'UPDATE ks.people_by_email SET city = ? WHERE email = ? AND id = ? [null,"a@x",1]',
      'DELETE FROM ks.people_by_city WHERE city = ? AND id = ? ["Oslo",1]',
    ]);
  });

  it('a delete deletes the row of each query table its keys give', () => {
    expect(shown(queryTableDeletes(meta, 'ks', [{ id: 1, email: 'a@x', city: null }], { timestamp: 7 }))).to.deep.equal([
      'DELETE FROM ks.people_by_email USING TIMESTAMP ? WHERE email = ? AND id = ? [7,"a@x",1]',
      'DELETE FROM ks.people_by_id USING TIMESTAMP ? WHERE id = ? [7,1]',
    ]);
  });

  it('reads pick a query table by key shape or by name; an unknown name is a QueryBuildError', () => {
    expect(queryTableForKey(meta, { id: 1 }, 'primary')).to.equal(undefined);
    // A query table's primary key holds the base table's: given whole, the base table answers.
    expect(queryTableForKey(meta, { email: 'a@x', id: 1 }, 'primary')).to.equal(undefined);
    expect(queryTableForKey(meta, { email: 'a@x' }, 'partition')).to.equal(meta.queryTables![0]);
    expect(queryTableForKey(meta, { city: 'Oslo' }, 'partition')).to.equal(meta.queryTables![1]);
    expect(queryTableForRestrictions(meta, new Set(['city']))).to.equal(meta.queryTables![1]);
    expect(queryTableForRestrictions(meta, new Set(['id', 'city']))).to.equal(undefined);
    expect(queryTableNamed(meta, 'people_by_city')).to.equal(meta.queryTables![1]);
    expect(() => queryTableNamed(meta, 'people_by_name')).to.throw(
      QueryBuildError,
      "people: 'people_by_name' is not a query table of Person (its query tables: people_by_email, people_by_city, people_by_id); declare it in @Table({ queryTables }) or name one of those.",
    );
  });
});
