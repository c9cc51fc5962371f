// setField() on the real node: one field of a non-frozen UDT column changes, the others keep their
// values; null deletes the field; a row without the UDT gets one with only that field; and a frozen
// UDT is refused before anything is sent.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Field, UserType } from '../../../src/decorators/user-type.js';
import { QueryBuildError } from '../../../src/errors.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { Repository } from '../../../src/repository/repository.js';
import { fixture, type Fixture } from './support.js';

@UserType('mail_address')
class MailAddress {
  @Field({ type: 'text' }) street?: string | null;
  @Field({ type: 'int' }) zip?: number | null;
  @Field({ name: 'city_name', type: 'text' }) city?: string | null;
  @Field({ type: 'timestamp' }) since?: Date | null;
}

@Table('tenants')
class Tenant {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: () => MailAddress, frozen: false }) home?: MailAddress | null;
  @Column({ type: () => MailAddress }) work?: MailAddress | null;
}

function address(values: Partial<MailAddress>): MailAddress {
  return Object.assign(new MailAddress(), values);
}

describe('Repository update: setField on a non-frozen UDT', () => {
  let fx: Fixture;
  let tenants: Repository<Tenant>;

  before(async () => {
    fx = await fixture('it_udt_fields', [Tenant]);
    tenants = new Repository(fx.connection, Tenant);
  });
  after(async () => fx.drop());

  it('changes one field and leaves the others as they were', async () => {
    await tenants.insert(Object.assign(new Tenant(), { id: 1, home: address({ street: '1 Main St', zip: 75001, city: 'Paris', since: new Date('2020-01-02T00:00:00Z') }) }));
    await tenants.update({ id: 1 }, (u) => u.setField('home', 'city', 'Lyon').setField('home', 'since', new Date('2024-05-06T00:00:00Z')));
    const back = await tenants.findOne({ id: 1 });
    expect(back?.home).to.be.instanceOf(MailAddress);
    expect(back?.home).to.deep.include({ street: '1 Main St', zip: 75001, city: 'Lyon' });
    expect(back?.home?.since?.toISOString()).to.equal('2024-05-06T00:00:00.000Z');
  });

  it('deletes a field with null', async () => {
    await tenants.update({ id: 1 }, (u) => u.setField('home', 'zip', null));
    expect((await tenants.findOne({ id: 1 }))?.home).to.deep.include({ street: '1 Main St', zip: null, city: 'Lyon' });
  });

  it('gives a row without the UDT one with only that field', async () => {
    await tenants.insert(Object.assign(new Tenant(), { id: 2 }));
    await tenants.update({ id: 2 }, (u) => u.setField('home', 'street', '2 Side St'));
    expect((await tenants.findOne({ id: 2 }))?.home).to.deep.include({ street: '2 Side St', zip: null, city: null, since: null });
  });

  it('refuses a frozen UDT column before sending anything', async () => {
    await tenants.insert(Object.assign(new Tenant(), { id: 3, work: address({ city: 'Rome' }) }));
    let error: unknown;
    try {
      await tenants.update({ id: 3 }, (u) => u.setField('work' as never, 'city' as never, 'Milan' as never));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(QueryBuildError);
    expect((error as Error).message).to.contain('setField() needs a non-frozen UDT column');
    expect((await tenants.findOne({ id: 3 }))?.work?.city).to.equal('Rome');
  });
});
