// Plain, typed options forms on the real node: cellInfo() for TTL and WRITETIME of a row's cells, and
// batch deletes with their options as the third argument.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { QueryBuildError } from '../../../src/errors.js';
import { fixture, type Fixture } from './support.js';

@Table('cell_notes')
class Note {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) body?: string | null;
  @Column({ type: 'text' }) title?: string | null;
  @Column({ type: 'frozen<list<int>>' }) marks?: number[];
  @Column({ type: 'set<text>' }) tags?: Set<string>;
}

describe('cellInfo() and batch option forms (real node)', () => {
  let fx: Fixture;
  let notes: Repository<Note>;

  before(async () => {
    fx = await fixture('it_cell_info', [Note]);
    notes = new Repository(fx.connection, Note);
  });
  after(async () => fx?.drop());

  it('reads the TTL and write time of each cell, null where there is none, undefined for a missing row', async () => {
    await notes.insert(Object.assign(new Note(), { id: 1, body: 'b', marks: [1, 2] }), { ttl: 3600, timestamp: 1_700_000_000_000_000n });
    await notes.patch({ id: 1 }, { title: 't' }, { timestamp: 1_700_000_000_000_001n });
    const info = await notes.cellInfo({ id: 1 }, ['body', 'title', 'marks']);
    expect(info?.body.writetime).to.equal(1_700_000_000_000_000n);
    expect(info?.body.ttl).to.be.within(3590, 3600);
    expect(info?.title).to.deep.equal({ ttl: null, writetime: 1_700_000_000_000_001n });
    expect(info?.marks.writetime).to.equal(1_700_000_000_000_000n);
    await notes.insert(Object.assign(new Note(), { id: 2 }));
    expect(await notes.cellInfo({ id: 2 }, ['body'])).to.deep.equal({ body: { ttl: null, writetime: null } });
    expect(await notes.cellInfo({ id: 99 }, ['body'])).to.equal(undefined);
    const refused = await notes.cellInfo({ id: 1 }, ['tags']).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(QueryBuildError).with.property('message').that.matches(/tags is a non-frozen collection/);
  });

  it('a batch delete takes its options as the third argument (no placeholder for the builder)', async () => {
    await notes.insert(Object.assign(new Note(), { id: 10, body: 'x' }));
    const gone = await batch().delete(notes, { id: 11 }, { ifExists: true }).execute();
    expect(gone.applied).to.equal(false);
    const done = await batch().delete(notes, { id: 10 }, { if: { body: 'x' } }).execute();
    expect(done.applied).to.equal(true);
    expect(await notes.findOne({ id: 10 })).to.equal(undefined);
    await notes.insert(Object.assign(new Note(), { id: 12, body: 'y', title: 'z' }));
    await batch().delete(notes, { id: 12 }, (d) => d.columns('title'), { if: { body: 'y' } }).execute();
    expect((await notes.findOne({ id: 12 }))?.title).to.equal(null);
  });
});
