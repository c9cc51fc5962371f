// setField(): `col.field = ?` on a non-frozen UDT column — exact CQL and parameter types, one statement
// per field (the shape caches keep fields apart), and clear errors with nothing compiled.
import { expect } from 'chai';
import { Column, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Field, UserType } from '../../../src/decorators/user-type.js';
import { QueryBuildError } from '../../../src/errors.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { KeyShape } from '../../../src/query/entity-types.js';
import { update } from '../../../src/query/update-query.js';

@UserType('postal_address')
class PostalAddress {
  @Field() street?: string;
  @Field({ type: 'int' }) zip?: number;
  @Field({ name: 'city_name' }) city?: string;
}

@Table('residents')
class Resident {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: () => PostalAddress, frozen: false }) home?: PostalAddress;
  @Column({ type: () => PostalAddress }) work?: PostalAddress;
  @Column({ type: 'text' }) name?: string;
}

const meta = entityMetadata(Resident);
const u = () => update(meta).key({ id: 7 });
const TEXT = { kind: 'native', name: 'text' };
const INT = { kind: 'native', name: 'int' };

describe('UpdateQuery.setField', () => {
  it('sets one field of a non-frozen UDT column by its CQL field name, typed by the field', () => {
    const q = u().setField('home', 'city', 'Lyon').compile();
    expect(q.cql).to.equal('UPDATE residents SET home.city_name = ? WHERE id = ?');
    expect(q.params).to.deep.equal(['Lyon', 7]);
    expect(q.paramTypes).to.deep.equal([TEXT, INT]);
    expect(q).to.include({ kind: 'update', idempotent: true, lwt: false });
  });

  it('binds null to delete the field, and mixes with other assignments', () => {
    const q = u().set('name', 'Ann').setField('home', 'zip', null).compile();
    expect(q.cql).to.equal('UPDATE residents SET name = ?, home.zip = ? WHERE id = ?');
    expect(q.params).to.deep.equal(['Ann', null, 7]);
    expect(q.paramTypes).to.deep.equal([TEXT, INT, INT]);
  });

  it('compiles each field to its own statement, also when they alternate (the shape caches keep fields apart)', () => {
    for (let i = 0; i < 3; i++) {
      expect(u().setField('home', 'street', 'Main St').compile().cql).to.equal('UPDATE residents SET home.street = ? WHERE id = ?');
      const zip = u().setField('home', 'zip', 75001).compile();
      expect(zip.cql).to.equal('UPDATE residents SET home.zip = ? WHERE id = ?');
      expect(zip.paramTypes).to.deep.equal([INT, INT]);
      expect(u().setField('home', 'city', 'Paris').compile().cql).to.equal('UPDATE residents SET home.city_name = ? WHERE id = ?');
    }
    // Out of the recent shapes (8 others compiled since), the keyed shape cache must keep them apart too.
    for (const ttl of [undefined, 60]) {
      for (const ts of [undefined, 5]) {
        for (const ifExists of [false, true]) {
          let q = u().set('name', 'x');
          if (ttl !== undefined) q = q.ttl(ttl);
          if (ts !== undefined) q = q.timestamp(ts);
          if (ifExists) q = q.ifExists();
          q.compile();
        }
      }
    }
    expect(u().setField('home', 'zip', 1).compile().cql).to.equal('UPDATE residents SET home.zip = ? WHERE id = ?');
    expect(u().setField('home', 'city', 'Paris').compile().cql).to.equal('UPDATE residents SET home.city_name = ? WHERE id = ?');
    expect(u().setField('home', 'street', 'Main St').compile().cql).to.equal('UPDATE residents SET home.street = ? WHERE id = ?');
    // Whole-column SET of the same column is yet another statement.
    expect(u().set('home', { city: 'Nice' }).compile().cql).to.equal('UPDATE residents SET home = ? WHERE id = ?');
  });

  it('rejects a frozen UDT, a column that is no UDT, an unknown field and an undefined value', () => {
    expect(() => u().setField('work', 'city', 'Lyon')).to.throw(QueryBuildError, /setField\(\) needs a non-frozen UDT column \(`frozen: false`\); work is a frozen udt/);
    expect(() => u().setField('name' as never, 'x' as never, 'y' as never)).to.throw(QueryBuildError, /setField\(\) needs a non-frozen UDT column .*; name is text/);
    expect(() => u().setField('home', 'country' as never, 'FR' as never)).to.throw(QueryBuildError, /postal_address has no field 'country' \(home\); its fields are: street, zip, city/);
    expect(() => u().setField('home', 'city', undefined as never)).to.throw(QueryBuildError, /setField\('home', 'city'\) needs a value \(null deletes the field's value\)/);
    expect(() => u().setField('id' as never, 'x' as never, 1 as never)).to.throw(QueryBuildError, /primary key column id cannot be updated/);
  });
});
