// Lightweight-transaction conditions on the real node: every operator, map entries, list elements and
// UDT fields, through the builders and through the options object, applied and not applied.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Field, UserType } from '../../../src/decorators/user-type.js';
import { Repository } from '../../../src/repository/repository.js';
import { elementIs, fieldIs, is } from '../../../src/query/conditions.js';
import { fixture, type Fixture } from './support.js';

@UserType('cond_place')
class Place {
  @Field() city!: string;
  @Field({ type: 'int' }) zip!: number | null;
}

@Table('cond_accounts')
class Account {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'int' }) score?: number | null;
  @Column({ type: 'text' }) name?: string | null;
  @Column({ type: 'list<text>' }) tags?: string[];
  @Column({ type: 'set<text>' }) roles?: Set<string>;
  @Column({ type: 'map<text, int>' }) quota?: Map<string, number>;
  @Column({ type: () => Place, frozen: false }) place?: Place | null;
}

describe('LWT conditions (real node)', () => {
  let fx: Fixture;
  let accounts: Repository<Account>;
  const fresh = (id: number): Account =>
    Object.assign(new Account(), { id, score: 5, name: 'ann', tags: ['a', 'b'], roles: new Set(['admin']), quota: new Map([['disk', 10]]), place: Object.assign(new Place(), { city: 'Oslo', zip: 150 }) });

  before(async () => {
    fx = await fixture('it_conditions', [Account]);
    accounts = new Repository(fx.connection, Account);
  });
  after(async () => fx?.drop());

  it('the builder: !=, IN, CONTAINS, CONTAINS KEY, a map entry, a list element and a UDT field', async () => {
    await accounts.insert(fresh(1));
    const steps: [string, (id: number) => Promise<{ applied: boolean }>, boolean][] = [
      ['!= holds', () => accounts.update({ id: 1 }, (u) => u.set('score', 6).if('name', '!=', 'bob')), true],
      ['IN fails', () => accounts.update({ id: 1 }, (u) => u.set('score', 0).if('score', 'in', [1, 2])), false],
      ['CONTAINS holds', () => accounts.update({ id: 1 }, (u) => u.set('score', 7).if('roles', 'contains', 'admin')), true],
      ['CONTAINS KEY fails', () => accounts.update({ id: 1 }, (u) => u.set('score', 0).if('quota', 'containsKey', 'cpu')), false],
      ['map entry >= holds', () => accounts.update({ id: 1 }, (u) => u.set('score', 8).ifElement('quota', 'disk', '>=', 10)), true],
      ['list element fails', () => accounts.update({ id: 1 }, (u) => u.set('score', 0).ifElement('tags', 1, '=', 'z')), false],
      ['UDT field holds', () => accounts.update({ id: 1 }, (u) => u.set('score', 9).ifField('place', 'zip', '<', 200)), true],
    ];
    for (const [name, step, applied] of steps) expect((await step(1)).applied, name).to.equal(applied);
    expect((await accounts.findOne({ id: 1 }))?.score).to.equal(9);
  });

  it('the options object: a value, is(), elementIs(), fieldIs() and several ANDed, with the current values when not applied', async () => {
    await accounts.insert(fresh(2));
    expect((await accounts.patch({ id: 2 }, { name: 'cy' }, { if: { score: is('>', 3), quota: elementIs('disk', '=', 10) } })).applied).to.equal(true);
    const no = await accounts.patch({ id: 2 }, { name: 'dee' }, { if: { name: 'ann' } });
    expect(no.applied).to.equal(false);
    expect(no.current).to.deep.equal({ name: 'cy' });
    expect((await accounts.patch({ id: 2 }, { score: 1 }, { if: { score: [is('>', 3), is('<', 6)], place: fieldIs('city', '=', 'Oslo') } })).applied).to.equal(true);
    expect((await accounts.delete({ id: 2 }, { if: { roles: is('contains', 'nobody') } })).applied).to.equal(false);
    expect((await accounts.delete({ id: 2 }, { if: { score: is('in', [1]) } })).applied).to.equal(true);
    expect(await accounts.findOne({ id: 2 })).to.equal(undefined);
  });
});
