// Values in the driver's own classes, and text forms the driver cannot parse, written through the
// repository on the real node: each is checked like the plain form and stored as the same value.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Field, UserType } from '../../../src/decorators/user-type.js';
import { Repository } from '../../../src/repository/repository.js';
import { fixture, type Fixture } from './support.js';

const { types } = cassandra;

@UserType('form_place')
class Place {
  @Field() city!: string;
  @Field({ type: 'int' }) zip!: number | null;
}

@Table('driver_forms')
class Forms {
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'bigint' }) big?: unknown;
  @Column({ type: 'varint' }) huge?: unknown;
  @Column({ type: 'inet' }) address?: string | null;
  @Column({ type: 'list<inet>' }) addresses?: string[];
  @Column({ type: 'tuple<int, text>' }) pair?: unknown;
  @Column({ type: 'vector<float, 2>' }) embedding?: unknown;
  @Column({ type: () => Place }) place?: Place | null;
}

describe("driver classes and forms the driver's parser refuses (real node)", () => {
  let fx: Fixture;
  before(async function () {
    this.timeout(60_000);
    fx = await fixture('it_driver_forms', [Forms]);
  });
  after(async () => fx?.drop());

  it("Long, Integer, Tuple, Vector, a UDT class instance and '::1.2.3.4' are written as the values they hold", async () => {
    const repo = new Repository(fx.connection, Forms);
    await repo.insert(Object.assign(new Forms(), {
      id: 1,
      big: types.Long.fromString('-9223372036854775808'),
      huge: types.Integer.fromString('123456789012345678901234567890'),
      address: '::1.2.3.4',
      addresses: ['::1.2.3.4', '1:2:3:4:5:6:7.8.9.10'],
      pair: new types.Tuple(7, 'seven'),
      embedding: new types.Vector(new Float32Array([0.5, 0.25]), 'float'),
      place: Object.assign(new Place(), { city: 'Oslo', zip: null }),
    }));
    const back = await repo.findOne({ id: 1 });
    expect(back).to.deep.include({
      id: 1,
      big: -(2n ** 63n),
      huge: 123456789012345678901234567890n,
      address: '::102:304',
      addresses: ['::102:304', '1:2:3:4:5:6:708:90a'],
      pair: [7, 'seven'],
      embedding: [0.5, 0.25],
    });
    expect({ ...back!.place }).to.deep.equal({ city: 'Oslo', zip: null });
    // The same values through the raw driver: the bytes the node holds.
    const raw = (await fx.admin.execute(`SELECT big, address FROM ${fx.keyspace}.driver_forms WHERE id = 1`)).rows[0]!;
    expect(String(raw['big'])).to.equal('-9223372036854775808');
    expect((raw['address'] as InstanceType<typeof types.InetAddress>).getBuffer()).to.deep.equal(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]));
  });
});
