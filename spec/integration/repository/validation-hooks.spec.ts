// class-validator runs before every write and a failure sends nothing (the table is unchanged);
// lifecycle hooks run before insert/update/delete and after load, and may be async.
import { expect } from 'chai';
import { Repository } from '../../../src/repository/repository.js';
import { batch } from '../../../src/repository/batch.js';
import { ValidationError } from '../../../src/errors.js';
import { fixture, type Fixture } from './support.js';
import { Profile } from './entities.js';

function profile(values: Partial<Profile> & { id: number }): Profile {
  return Object.assign(new Profile(), values);
}

describe('Repository validation and hooks', () => {
  let fx: Fixture;
  let profiles: Repository<Profile>;

  const rawRows = async (): Promise<string> => {
    const rs = await fx.admin.execute(`SELECT id, name, email, age FROM ${fx.keyspace}.profiles`);
    return JSON.stringify(rs.rows.map((r) => [r['id'], r['name'], r['email'], r['age']]).sort());
  };

  before(async () => {
    fx = await fixture('it_validation', [Profile]);
    profiles = new Repository(fx.connection, Profile);
    await profiles.insert(profile({ id: 1, name: 'Ann', email: 'ann@example.com', age: 30 }));
  });
  after(async () => fx.drop());

  it('rejects an invalid insert with a ValidationError listing every field, and writes nothing', async () => {
    const before = await rawRows();
    const error = await profiles.insert(profile({ id: 2, name: '', email: 'not-an-email', age: 200 })).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.entity).to.equal('Profile');
    expect(v.violations.map((x) => x.property)).to.deep.equal(['name', 'email', 'age']);
    expect(v.violations[1]!.constraints).to.deep.equal({ isEmail: 'email must be an email' });
    expect(v.violations[2]!.constraints).to.have.property('max');
    expect(v.message).to.match(/^Profile failed validation: name \(.+\), email \(email must be an email\), age \(.+\)$/);
    expect(await rawRows()).to.equal(before);
    expect(await profiles.findOne({ id: 2 })).to.equal(undefined);
  });

  it('validates entity updates, builder updates and batches the same way, sending nothing on failure', async () => {
    const before = await rawRows();
    const e1 = await profiles.update(profile({ id: 1, email: 'bad' })).catch((e: unknown) => e);
    const e2 = await profiles.update({ id: 1 }, (u) => u.set('age', -5)).catch((e: unknown) => e);
    const e3 = await batch().insert(profiles, profile({ id: 3, name: 'ok' })).insert(profiles, profile({ id: 4, email: 'nope' })).execute().catch((e: unknown) => e);
    for (const e of [e1, e2, e3]) expect(e).to.be.instanceOf(ValidationError);
    expect((e2 as ValidationError).violations.map((x) => x.property)).to.deep.equal(['age']);
    expect(await rawRows()).to.equal(before);
    expect(await profiles.findOne({ id: 3 })).to.equal(undefined);
  });

  it('skips validation when the repository is created with validate: false', async () => {
    const loose = new Repository(fx.connection, Profile, { validate: false });
    await loose.insert(profile({ id: 5, email: 'not-checked' }));
    expect((await profiles.findOne({ id: 5 }))?.email).to.equal('not-checked');
  });

  it('runs async BeforeInsert/BeforeUpdate/BeforeDelete hooks, whose changes are written', async () => {
    Profile.log = [];
    await profiles.insert(profile({ id: 10, name: 'Hook' }));
    expect((await profiles.findOne({ id: 10 }))?.updatedAt?.getTime()).to.equal(1_700_000_000_000);
    await profiles.update({ id: 10 }, (u) => u.set('name', 'Hooked'));
    expect((await profiles.findOne({ id: 10 }))?.updatedAt?.getTime()).to.equal(1_800_000_000_000);
    await profiles.delete({ id: 10 });
    expect(Profile.log).to.deep.equal(['insert 10', 'update 10', 'delete 10']);
    expect(await profiles.findOne({ id: 10 })).to.equal(undefined);
  });

  it('runs the async AfterLoad hook on every loaded instance (findOne, find, page, pages, stream)', async () => {
    expect((await profiles.findOne({ id: 1 }))?.loadedNote).to.equal('loaded 1');
    const all = await profiles.find();
    expect(all.length).to.be.greaterThan(0);
    expect(all.every((p) => p.loadedNote === `loaded ${p.id}`)).to.equal(true);
    expect((await profiles.page(undefined, { pageSize: 10 })).rows.every((p) => p.loadedNote === `loaded ${p.id}`)).to.equal(true);
    let streamed = 0;
    for await (const p of profiles.stream()) {
      expect(p.loadedNote).to.equal(`loaded ${p.id}`);
      streamed++;
    }
    let paged = 0;
    for await (const { rows: items } of profiles.pages(undefined, { pageSize: 2 })) {
      expect(items.every((p) => p.loadedNote === `loaded ${p.id}`)).to.equal(true);
      paged += items.length;
    }
    expect(paged).to.equal(all.length);
    expect(streamed).to.equal(all.length);
  });
});
