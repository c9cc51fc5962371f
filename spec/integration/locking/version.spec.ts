// @Version on the real node: inserts are IF NOT EXISTS with the first version, every update and
// delete is checked against the version held and bumps it, a stale write throws VersionConflictError
// with the current row and writes nothing, a key-only write needs { ifVersion } or { force: true },
// a caller's own `if` is ANDed with the version, and batches refuse versioned entities.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Version } from '../../../src/decorators/managed-column.js';
import { Table } from '../../../src/decorators/table.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { QueryBuildError, VersionConflictError } from '../../../src/errors.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { fixture, type Fixture } from '../repository/support.js';

@Table('versioned_docs')
class Doc {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) title?: string | null;
  @Column({ type: 'int' }) views?: number | null;
  @Version() version?: number;
}

@Table('versioned_notes')
class Note {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) body?: string | null;
  @Version({ type: 'timeuuid' }) version?: string;
}

@Table('versioned_big')
class Big {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) body?: string | null;
  @Version({ type: 'bigint' }) version?: bigint;
}

const doc = (id: number, title: string): Doc => Object.assign(new Doc(), { id, title, views: 0 });

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => expect.fail('expected a rejection'), (e: unknown) => e);
}

describe('@Version optimistic locking (real node)', () => {
  let fx: Fixture;
  let docs: Repository<Doc>;
  let notes: Repository<Note>;
  let bigs: Repository<Big>;

  before(async () => {
    fx = await fixture('it_version', [Doc, Note, Big]);
    docs = new Repository(fx.connection, Doc);
    notes = new Repository(fx.connection, Note);
    bigs = new Repository(fx.connection, Big);
  });
  after(async () => fx?.drop());

  it('insert writes version 1 IF NOT EXISTS and sets it on the entity; a second insert of the key is a conflict carrying the row', async () => {
    const d = doc(1, 'first');
    expect((await docs.insert(d)).applied).to.equal(true);
    expect(d.version).to.equal(1);
    expect((await docs.findOne({ id: 1 }))?.version).to.equal(1);
    const again = doc(1, 'second');
    const e = await rejection(docs.insert(again));
    expect(e).to.be.instanceOf(VersionConflictError);
    const conflict = e as VersionConflictError;
    expect(conflict.expected).to.equal(undefined);
    expect(conflict.actual).to.equal(1);
    expect(conflict.current).to.be.instanceOf(Doc);
    expect((conflict.current as Doc).title).to.equal('first');
    expect(again.version).to.equal(undefined);
    expect((await docs.findOne({ id: 1 }))?.title).to.equal('first');
  });

  it('update(entity) checks and bumps the version; a stale instance gets VersionConflictError with the current row, and writes nothing', async () => {
    await docs.insert(doc(2, 'a'));
    const one = (await docs.findOne({ id: 2 }))!;
    const two = (await docs.findOne({ id: 2 }))!;
    one.title = 'from one';
    await docs.update(one);
    expect(one.version).to.equal(2);
    two.title = 'from two';
    const e = (await rejection(docs.update(two))) as VersionConflictError;
    expect(e).to.be.instanceOf(VersionConflictError);
    expect([e.expected, e.actual]).to.deep.equal([1, 2]);
    expect((e.current as Doc).title).to.equal('from one');
    expect(two.version).to.equal(1);
    const row = (await docs.findOne({ id: 2 }))!;
    expect([row.title, row.version]).to.deep.equal(['from one', 2]);
  });

  it('save() inserts an entity without a version and updates one with it (checked)', async () => {
    const d = doc(3, 'new');
    await docs.save(d);
    expect(d.version).to.equal(1);
    d.title = 'saved again';
    await docs.save(d);
    expect(d.version).to.equal(2);
    const stale = Object.assign(new Doc(), { id: 3, title: 'stale', version: 1 });
    expect(await rejection(docs.save(stale))).to.be.instanceOf(VersionConflictError);
    expect((await docs.findOne({ id: 3 }))?.title).to.equal('saved again');
  });

  it('patch and update by key need { ifVersion } or { force: true }: without either, a QueryBuildError and nothing sent', async () => {
    await docs.insert(doc(4, 'p'));
    const e = await rejection(docs.patch({ id: 4 }, { title: 'no version' }));
    expect(e).to.be.instanceOf(QueryBuildError);
    expect((e as Error).message).to.match(/Doc\.version is a @Version column.*ifVersion.*force: true/);
    expect((await docs.findOne({ id: 4 }))?.title).to.equal('p');
    await docs.patch({ id: 4 }, { title: 'v1' }, { ifVersion: 1 });
    expect(await docs.findOne({ id: 4 })).to.include({ title: 'v1', version: 2 });
    expect(await rejection(docs.update({ id: 4 }, (q) => q.set('title', 'late'), { ifVersion: 1 }))).to.be.instanceOf(VersionConflictError);
    await docs.patch({ id: 4 }, { title: 'forced' }, { force: true });
    // force bypasses the check and leaves the version alone.
    expect(await docs.findOne({ id: 4 })).to.include({ title: 'forced', version: 2 });
    expect(await rejection(docs.patch({ id: 4 }, { version: 9 } as never, { ifVersion: 2 }))).to.be.instanceOf(QueryBuildError);
  });

  it("a caller's `if` is ANDed with the version: its failure is { applied: false }, a stale version is still a conflict", async () => {
    await docs.insert(doc(5, 'c'));
    const loaded = (await docs.findOne({ id: 5 }))!;
    const r = await docs.patch(loaded, { title: 'only if views=7' }, { if: { views: 7 } });
    expect(r.applied).to.equal(false);
    expect((r.current as Doc).title).to.equal('c');
    expect(loaded.version).to.equal(1);
    expect((await docs.patch(loaded, { title: 'views=0' }, { if: { views: 0 } })).applied).to.equal(true);
    expect(loaded.version).to.equal(2);
    const stale = Object.assign(new Doc(), { id: 5, version: 1 });
    expect(await rejection(docs.patch(stale, { title: 'x' }, { if: { views: 0 } }))).to.be.instanceOf(VersionConflictError);
  });

  it('saveChanges sends the changes with the version check and bump; a stale tracked instance conflicts', async () => {
    await docs.insert(doc(6, 't'));
    const a = (await docs.findOne({ id: 6 }, { track: true }))!;
    const b = (await docs.findOne({ id: 6 }, { track: true }))!;
    a.views = 10;
    await docs.saveChanges(a);
    expect(a.version).to.equal(2);
    a.views = 11;
    await docs.saveChanges(a);
    expect(a.version).to.equal(3);
    b.title = 'stale change';
    const e = (await rejection(docs.saveChanges(b))) as VersionConflictError;
    expect(e).to.be.instanceOf(VersionConflictError);
    expect([e.expected, e.actual]).to.deep.equal([1, 3]);
    expect(await docs.findOne({ id: 6 })).to.include({ title: 't', views: 11, version: 3 });
  });

  it('delete is checked: a stale version is a conflict and the row stays; the held one deletes; a bare key needs ifVersion', async () => {
    await docs.insert(doc(7, 'd'));
    const loaded = (await docs.findOne({ id: 7 }))!;
    await docs.patch(loaded, { title: 'd2' });
    const stale = Object.assign(new Doc(), { id: 7, version: 1 });
    expect(await rejection(docs.delete(stale))).to.be.instanceOf(VersionConflictError);
    expect(await docs.findOne({ id: 7 })).to.not.equal(undefined);
    expect(await rejection(docs.delete({ id: 7 }))).to.be.instanceOf(QueryBuildError);
    expect((await docs.delete(loaded)).applied).to.equal(true);
    expect(await docs.findOne({ id: 7 })).to.equal(undefined);
    // The row is gone: a write holding a version is a conflict with no current row.
    const gone = (await rejection(docs.patch(loaded, { title: 'ghost' }))) as VersionConflictError;
    expect(gone).to.be.instanceOf(VersionConflictError);
    expect([gone.current, gone.actual]).to.deep.equal([undefined, undefined]);
    expect(await docs.findOne({ id: 7 })).to.equal(undefined);
  });

  it('a timeuuid version is a new timeuuid per write; a bigint version counts from 1n', async () => {
    const n = Object.assign(new Note(), { id: 1, body: 'x' });
    await notes.insert(n);
    const v1 = n.version!;
    expect(v1).to.match(/^[0-9a-f-]{36}$/);
    n.body = 'y';
    await notes.update(n);
    expect(n.version).to.not.equal(v1);
    expect((await notes.findOne({ id: 1 }))?.version).to.equal(n.version);
    expect(await rejection(notes.patch({ id: 1 }, { body: 'z' }, { ifVersion: v1 }))).to.be.instanceOf(VersionConflictError);
    const b = Object.assign(new Big(), { id: 1, body: 'x' });
    await bigs.insert(b);
    expect(b.version).to.equal(1n);
    await bigs.update(b);
    expect((await bigs.findOne({ id: 1 }))?.version).to.equal(2n);
  });

  it('a batch refuses a versioned write (QueryBuildError) and sends nothing', async () => {
    const e = await rejection(batch('logged').insert(docs, doc(8, 'b')).execute());
    expect(e).to.be.instanceOf(QueryBuildError);
    expect((e as Error).message).to.match(/cannot join a batch/);
    expect(await docs.findOne({ id: 8 })).to.equal(undefined);
  });
});
