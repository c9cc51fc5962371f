// @CreatedAt and @UpdatedAt on the real node: insert sets both; save() twice keeps the first
// created-at (its INSERT leaves the column out and a conditional write sets it only when absent);
// update, patch and saveChanges never write created-at (its write time stays); updated-at moves on
// every write path: insert, save, update, patch, saveChanges, batch and builders run by the repository.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { CreatedAt, UpdatedAt, Version } from '../../../src/decorators/managed-column.js';
import { Table } from '../../../src/decorators/table.js';
import { BeforeInsert } from '../../../src/decorators/hooks.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { fixture, type Fixture } from '../repository/support.js';

@Table('audited_posts')
class Post {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) title?: string | null;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
}

/** With a BeforeInsert hook: inserts take the prepared (asynchronous) path. */
@Table('audited_hooked')
class Hooked {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) title?: string | null;
  @CreatedAt({ name: 'created' }) createdAt?: Date;
  @UpdatedAt({ name: 'updated' }) updatedAt?: Date;
  @BeforeInsert() trim(): void {
    if (this.title != null) this.title = this.title.trim();
  }
}

@Table('audited_versioned')
class Page {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) body?: string | null;
  @CreatedAt() createdAt?: Date;
  @UpdatedAt() updatedAt?: Date;
  @Version() version?: number;
}

/** Waits until the clock has moved past `after` (timestamps have millisecond precision). */
async function tick(after: Date | undefined): Promise<void> {
  const t = after?.getTime() ?? Date.now();
  for (let i = 0; i < 100 && Date.now() <= t; i++) await new Promise((r) => setTimeout(r, 2));
}

describe('@CreatedAt and @UpdatedAt (real node)', () => {
  let fx: Fixture;
  let posts: Repository<Post>;
  let hooked: Repository<Hooked>;
  let pages: Repository<Page>;

  before(async () => {
    fx = await fixture('it_audit', [Post, Hooked, Page]);
    posts = new Repository(fx.connection, Post);
    hooked = new Repository(fx.connection, Hooked);
    pages = new Repository(fx.connection, Page);
  });
  after(async () => fx?.drop());

  async function row(id: number): Promise<Post> {
    return (await posts.findOne({ id }))!;
  }

  it('insert sets both to the same instant, on the entity and in the row', async () => {
    const before = Date.now();
    const p = Object.assign(new Post(), { id: 1, title: 'a' });
    await posts.insert(p);
    expect(p.createdAt).to.be.instanceOf(Date);
    expect(p.createdAt!.getTime()).to.be.at.least(before);
    expect(p.updatedAt!.getTime()).to.equal(p.createdAt!.getTime());
    const r = await row(1);
    expect([r.createdAt?.getTime(), r.updatedAt?.getTime()]).to.deep.equal([p.createdAt!.getTime(), p.createdAt!.getTime()]);
  });

  it('save() twice keeps the first created-at (also from a fresh instance) and moves updated-at', async () => {
    const first = Object.assign(new Post(), { id: 2, title: 'one' });
    await posts.save(first);
    const created = first.createdAt!;
    expect((await row(2)).createdAt?.getTime()).to.equal(created.getTime());
    await tick(first.updatedAt);
    const second = Object.assign(new Post(), { id: 2, title: 'two' });
    await posts.save(second);
    const r = await row(2);
    expect(r.title).to.equal('two');
    expect(r.createdAt?.getTime()).to.equal(created.getTime());
    expect(second.createdAt?.getTime(), 'the entity ends with the row\'s created-at').to.equal(created.getTime());
    expect(r.updatedAt!.getTime()).to.be.greaterThan(created.getTime());
    // Even an instance carrying another created-at does not overwrite it.
    await posts.save(Object.assign(new Post(), { id: 2, title: 'three', createdAt: new Date(0) }));
    expect((await row(2)).createdAt?.getTime()).to.equal(created.getTime());
  });

  it('update, patch and saveChanges never write created-at (its write time stays) and each moves updated-at', async () => {
    await posts.insert(Object.assign(new Post(), { id: 3, title: 'x' }));
    const writeTime = async (): Promise<bigint | null> => (await posts.cellInfo({ id: 3 }, ['createdAt']))!.createdAt.writetime;
    const created = await writeTime();
    let last = (await row(3)).updatedAt!;

    const moved = async (what: string): Promise<void> => {
      const r = await row(3);
      expect(r.updatedAt!.getTime(), what).to.be.greaterThan(last.getTime());
      expect(await writeTime(), `${what}: created-at untouched`).to.equal(created);
      last = r.updatedAt!;
      await tick(last);
    };
    await tick(last);

    const loaded = await row(3);
    loaded.title = 'updated';
    loaded.createdAt = new Date(0);
    await posts.update(loaded);
    await moved('update(entity)');
    await posts.patch({ id: 3 }, { title: 'patched' });
    await moved('patch');
    await posts.update({ id: 3 }, (q) => q.set('title', 'built'));
    await moved('update(key, build)');
    const tracked = (await posts.findOne({ id: 3 }, { track: true }))!;
    tracked.title = 'tracked';
    await posts.saveChanges(tracked);
    await moved('saveChanges');
    expect(tracked.updatedAt?.getTime(), 'saveChanges set updated-at on the entity as written').to.equal(last.getTime());
    const loadedAgain = await row(3);
    await posts.patch(loadedAgain, { title: 'patched again' });
    await moved('patch(entity)');
    expect(loadedAgain.updatedAt?.getTime(), 'patch of a loaded entity set its updated-at as written').to.equal(last.getTime());
    await posts.execute(posts.updateQuery().key({ id: 3 }).set('title', 'builder'));
    await moved('execute(updateQuery)');
    await batch('logged').update(posts, { id: 3 }, (q) => q.set('title', 'batched')).execute();
    await moved('batch update');
    await batch('logged').add(posts, posts.updateQuery().key({ id: 3 }).set('title', 'added')).execute();
    await moved('batch add');
  });

  it('batch inserts, builder inserts and hooked inserts stamp both', async () => {
    await batch('logged').insert(posts, Object.assign(new Post(), { id: 4, title: 'b' })).execute();
    await posts.execute(posts.insertQuery({ id: 5, title: 'q' }));
    await hooked.insert(Object.assign(new Hooked(), { id: 6, title: '  h  ' }));
    for (const id of [4, 5]) {
      const r = await row(id);
      expect(r.createdAt, `row ${id}`).to.be.instanceOf(Date);
      expect(r.updatedAt?.getTime(), `row ${id}`).to.equal(r.createdAt?.getTime());
    }
    const h = (await hooked.findOne({ id: 6 }))!;
    expect(h.title).to.equal('h');
    expect(h.createdAt).to.be.instanceOf(Date);
    await tick(h.updatedAt);
    await hooked.save(Object.assign(new Hooked(), { id: 6, title: 'again' }));
    const h2 = (await hooked.findOne({ id: 6 }))!;
    expect(h2.createdAt?.getTime()).to.equal(h.createdAt!.getTime());
    expect(h2.updatedAt!.getTime()).to.be.greaterThan(h.updatedAt!.getTime());
  });

  it('a versioned, audited entity: save() of the loaded entity is a checked update that keeps created-at', async () => {
    const p = Object.assign(new Page(), { id: 1, body: 'v1' });
    await pages.save(p);
    const created = p.createdAt!.getTime();
    await tick(p.updatedAt);
    p.body = 'v2';
    await pages.save(p);
    const r = (await pages.findOne({ id: 1 }))!;
    expect([r.body, r.version, r.createdAt?.getTime()]).to.deep.equal(['v2', 2, created]);
    expect(r.updatedAt!.getTime()).to.be.greaterThan(created);
  });
});
