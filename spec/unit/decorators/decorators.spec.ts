import 'reflect-metadata';
import { expect } from 'chai';
import { Column, PartitionKey, Table } from '../../../src/index.js';
import { KEYS, ownRecords } from '../../../src/metadata/metadata-store.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { MetadataError } from '../../../src/errors.js';

describe('decorators', () => {
  it('only record: an invalid class decorates without error and fails at resolution', () => {
    @Table()
    class NoKey {
      @Column() name!: string;
    }
    expect(ownRecords(KEYS.columns, NoKey)).to.have.length(1);
    expect(() => entityMetadata(NoKey)).to.throw(MetadataError, /NoKey: has no partition key/);
  });

  it('record on the class itself; a subclass adds columns without touching the base', () => {
    @Table('base')
    class Base {
      @PartitionKey() id!: string;
    }
    @Table('derived')
    class Derived extends Base {
      @Column() extra!: string;
    }
    expect(ownRecords(KEYS.columns, Base)).to.have.length(1);
    expect(entityMetadata(Base).columns.map((c) => c.name)).to.deep.equal(['id']);
    expect(entityMetadata(Derived).columns.map((c) => c.name)).to.deep.equal(['id', 'extra']);
  });

  it('record the design:type the compiler emitted', () => {
    @Table()
    class Typed {
      @PartitionKey() id!: string;
      @Column() at!: Date;
    }
    const records = ownRecords<{ property: string; designType: unknown }>(KEYS.columns, Typed);
    expect(records.map((r) => r.designType)).to.deep.equal([String, Date]);
  });
});
