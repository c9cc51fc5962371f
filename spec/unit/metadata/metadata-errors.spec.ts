// Every invalid shape fails at resolution with a MetadataError naming Class(.property) and the fix.
import { expect } from 'chai';
import { ClusteringKey, Column, cql, Field, Index, MaterializedView, PartitionKey, Table, UserType } from '../../../src/index.js';
import { MetadataError } from '../../../src/public/errors.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { udtMetadata } from '../../../src/metadata/resolve-udt.js';

function fails(target: abstract new (...args: never[]) => object, message: RegExp): void {
  expect(() => entityMetadata(target)).to.throw(MetadataError, message);
}

@UserType()
class Point {
  @Field({ type: 'int' }) x!: number;
}

describe('metadata errors', () => {
  it('a class without @Table', () => {
    class Plain {}
    fails(Plain, /^Plain: is not an entity\. Decorate the class with @Table\(\)\.$/);
  });

  it('a class without @UserType used as a UDT', () => {
    class NotUdt {}
    expect(() => udtMetadata(NotUdt)).to.throw(MetadataError, /^NotUdt: is not a user-defined type/);
    @Table()
    class UsesIt {
      @PartitionKey() id!: string;
      @Column({ type: () => NotUdt }) x?: NotUdt;
    }
    fails(UsesIt, /NotUdt: is not a user-defined type/);
  });

  it('a UDT without fields', () => {
    @UserType()
    class Empty {}
    expect(() => udtMetadata(Empty)).to.throw(MetadataError, /^Empty: has no fields\. Mark at least one property with @Field\(\)\.$/);
  });

  it('no partition key', () => {
    @Table()
    class NoKey {
      @Column() a!: string;
    }
    fails(NoKey, /^NoKey: has no partition key\. Mark at least one property with @PartitionKey\(\)\.$/);
  });

  it('duplicate positions', () => {
    @Table()
    class Dup {
      @PartitionKey({ type: 'int', position: 0 }) a!: number;
      @PartitionKey({ type: 'int', position: 0 }) b!: number;
    }
    fails(Dup, /^Dup: partition key position 0 is used by a and b\. Give each partition key its own position\.$/);
  });

  it('gapped positions', () => {
    @Table()
    class Gap {
      @PartitionKey({ type: 'int' }) id!: number;
      @ClusteringKey({ type: 'int', position: 0 }) a!: number;
      @ClusteringKey({ type: 'int', position: 2 }) b!: number;
    }
    fails(Gap, /^Gap: clustering key positions 0, 2 have a gap\. Number them 0, 1, 2/);
  });

  it('positions given for some keys only', () => {
    @Table()
    class Mixed {
      @PartitionKey({ type: 'int', position: 1 }) a!: number;
      @PartitionKey({ type: 'int' }) b!: number;
    }
    fails(Mixed, /^Mixed: partition keys mix explicit positions \(a\) with declaration order \(b\)/);
  });

  it('a counter table with non-counter columns', () => {
    @Table()
    class Hits {
      @PartitionKey() page!: string;
      @Column({ type: 'counter' }) views!: bigint;
      @Column() title!: string;
    }
    fails(Hits, /^Hits: a counter table can only hold counter columns besides its keys: views are counters but title are not/);
  });

  it('a counter as a key or inside a collection', () => {
    @Table()
    class CounterKey {
      @PartitionKey({ type: 'counter' }) id!: bigint;
    }
    fails(CounterKey, /^CounterKey\.id: a counter cannot be a primary key column/);
    @Table()
    class CounterList {
      @PartitionKey() id!: string;
      @Column({ type: 'list<counter>' }) c!: bigint[];
    }
    fails(CounterList, /^CounterList\.c: a counter cannot be inside a collection/);
  });

  it('a static column without clustering keys', () => {
    @Table()
    class Lonely {
      @PartitionKey() id!: string;
      @Column({ static: true }) s!: string;
    }
    fails(Lonely, /^Lonely\.s: is static, but the table has no clustering key.*Add a @ClusteringKey\(\) or drop `static: true`\.$/);
  });

  it('an index on the only partition key', () => {
    @Table()
    class Indexed {
      @PartitionKey() @Index() id!: string;
    }
    fails(Indexed, /^Indexed\.id: cannot carry this index: it is the only partition key column/);
  });

  it('an index on a counter table', () => {
    @Table()
    class CountIdx {
      @PartitionKey() id!: string;
      @Column({ type: 'counter' }) @Index() n!: bigint;
    }
    fails(CountIdx, /^CountIdx\.n: cannot carry this index: Cassandra does not support secondary indexes on counter tables/);
  });

  it('index targets that do not fit the column', () => {
    @Table()
    class KeysOnSet {
      @PartitionKey() id!: string;
      @Column({ type: 'set<text>' }) @Index({ target: 'keys' }) tags!: Set<string>;
    }
    fails(KeysOnSet, /^KeysOnSet\.tags: invalid index: target 'keys' needs a map column, but this is a set/);
    @Table()
    class FullOnPlain {
      @PartitionKey() id!: string;
      @Column({ type: 'list<text>' }) @Index({ target: 'full' }) l!: string[];
    }
    fails(FullOnPlain, /target 'full' needs a frozen collection column/);
    @Table()
    class ValuesOnText {
      @PartitionKey() id!: string;
      @Column() @Index({ target: 'values' }) t!: string;
    }
    fails(ValuesOnText, /target 'values' needs a non-frozen collection column/);
  });

  it('an unknown type string', () => {
    @Table()
    class Typo {
      @PartitionKey() id!: string;
      @Column({ type: 'strng' }) name!: string;
    }
    fails(Typo, /^Typo\.name: unknown CQL type 'strng' \('strng' is not a CQL type\)\. Use a CQL type such as 'int'.*`type: \(\) => MyUdt`/);
  });

  it('a type that cannot be inferred: number, array, missing metadata', () => {
    @Table()
    class Ambiguous {
      @PartitionKey() id!: string;
      @Column() count!: number;
    }
    fails(Ambiguous, /^Ambiguous\.count: the CQL type cannot be inferred \(its TypeScript type is Number, which is ambiguous\)\..*e\.g\. @Column\(\{ type: 'int' \}\)/);
    @Table()
    class NoMeta {
      @PartitionKey() id!: string;
    }
    // Simulate code compiled without emitDecoratorMetadata (esbuild/tsx): no design:type at all.
    @Table()
    class Esbuild {}
    Column()(Esbuild.prototype, 'name');
    PartitionKey({ type: 'uuid' })(Esbuild.prototype, 'id');
    fails(Esbuild, /^Esbuild\.name: the CQL type cannot be inferred \(no design:type metadata: the code was compiled without emitDecoratorMetadata, or by esbuild\/tsx\)/);
    expect(entityMetadata(NoMeta).columns[0]?.type).to.deep.equal({ kind: 'native', name: 'text' });
  });

  it('works without design:type when every type is explicit', () => {
    @Table()
    class Explicit {}
    PartitionKey({ type: 'uuid' })(Explicit.prototype, 'id');
    Column({ type: 'int' })(Explicit.prototype, 'n');
    expect(entityMetadata(Explicit).columns.map((c) => c.name)).to.deep.equal(['id', 'n']);
  });

  it('a non-frozen collection as a key, and duration in a key', () => {
    @Table()
    class SetKey {
      @PartitionKey({ type: 'set<int>' }) id!: Set<number>;
    }
    fails(SetKey, /^SetKey\.id: CQL type 'set' is not allowed here: a primary key column must be frozen/);
    @Table()
    class DurKey {
      @PartitionKey() id!: string;
      @ClusteringKey({ type: 'duration' }) d!: string;
    }
    fails(DurKey, /duration cannot be part of a primary key/);
  });

  it('two properties mapped to one column name', () => {
    @Table()
    class Clash {
      @PartitionKey() id!: string;
      @Column({ name: 'x' }) a!: string;
      @Column({ name: 'x' }) b!: string;
    }
    fails(Clash, /^Clash: column 'x' is mapped from a and b/);
  });

  it('an invalid table name', () => {
    @Table('bad-name')
    class Bad {
      @PartitionKey() id!: string;
    }
    fails(Bad, /^@Table\(Bad\): @Table\(Bad\): 'bad-name' is not a valid Cassandra name/);
  });

  it('a counter in a UDT, and a UDT containing itself', () => {
    @UserType()
    class Ctr {
      @Field({ type: 'counter' }) n!: bigint;
    }
    expect(() => udtMetadata(Ctr)).to.throw(MetadataError, /^Ctr\.n: a counter cannot be a field of a user-defined type/);
    @UserType()
    class Node {
      @Field({ type: cql.list(() => Node) }) children?: Node[];
    }
    expect(() => udtMetadata(Node)).to.throw(MetadataError, /a user-defined type cannot contain itself/);
  });

  it('a non-frozen UDT holding a non-frozen collection', () => {
    @UserType()
    class Tagged {
      @Field({ type: 'set<text>' }) tags!: Set<string>;
    }
    @Table()
    class UsesTagged {
      @PartitionKey() id!: string;
      @Column({ type: () => Tagged, frozen: false }) t?: Tagged;
    }
    fails(UsesTagged, /^UsesTagged\.t: .*a non-frozen UDT cannot hold the non-frozen collection field 'tags'/);
    expect(udtMetadata(Point).name).to.equal('point');
  });

  it('views that break Cassandra rules', () => {
    @Table()
    @MaterializedView({ name: 'v', partitionKeys: ['a'], clusteringKeys: ['b', 'id'] })
    class TwoExtra {
      @PartitionKey() id!: string;
      @Column() a!: string;
      @Column() b!: string;
    }
    fails(TwoExtra, /^@MaterializedView\(TwoExtra\.v\): invalid materialized view: at most one non-primary-key column/);
    @Table()
    @MaterializedView({ name: 'v', partitionKeys: ['a'] })
    class MissingKey {
      @PartitionKey() id!: string;
      @Column() a!: string;
    }
    fails(MissingKey, /its primary key must include every base primary key column; add id/);
    @Table()
    @MaterializedView({ name: 'v', partitionKeys: ['nope'] })
    class Unknown {
      @PartitionKey() id!: string;
    }
    fails(Unknown, /the view names 'nope', which is not a mapped property/);
  });

  it('an invalid table option value', () => {
    @Table({ options: { gcGraceSeconds: 1, memtable: ['not', 'an', 'option'] } })
    class BadOption {
      @PartitionKey() id!: string;
    }
    fails(BadOption, /^BadOption: table option 'memtable' must be a string, number, boolean or a map object\.$/);
  });

  it('two indexes with one name, and two fields on one name', () => {
    @Table()
    class TwoIdx {
      @PartitionKey() id!: string;
      @Column() @Index({ name: 'same' }) a!: string;
      @Column() @Index({ name: 'same' }) b!: string;
    }
    fails(TwoIdx, /^TwoIdx: index 'same' is mapped from b/);
    @UserType()
    class TwoFields {
      @Field({ name: 'x' }) a!: string;
      @Field({ name: 'x' }) b!: string;
    }
    expect(() => udtMetadata(TwoFields)).to.throw(MetadataError, /^TwoFields: field 'x' is mapped from a and b/);
  });

  it('a type thunk that returns no class, and a bad vector dimension', () => {
    @Table()
    class BadThunk {
      @PartitionKey() id!: string;
      @Column({ type: (() => undefined) as unknown as () => typeof Point }) p?: Point;
    }
    fails(BadThunk, /^BadThunk\.p: unknown CQL type 'undefined' \(the type thunk did not return a class\)/);
    @Table()
    class BadVector {
      @PartitionKey() id!: string;
      @Column({ type: cql.vector('float', 0) }) v?: number[];
    }
    fails(BadVector, /^BadVector\.v: unknown CQL type 'vector<\.\.\., 0>' \(the dimension must be a positive integer\)/);
  });
});
