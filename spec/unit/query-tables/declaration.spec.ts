// Query-table declarations: resolved into tables of their own, and every bad declaration refused at
// resolution with a MetadataError naming the entity, the query table and the fix.
import { expect } from 'chai';
import { ClusteringKey, Column, MaterializedView, PartitionKey, Table } from '../../../src/index.js';
import { MetadataError } from '../../../src/public/errors.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { createTableCql } from '../../../src/schema/table-ddl.js';

function message(target: abstract new (...args: never[]) => object): string {
  try {
    entityMetadata(target);
  } catch (error) {
    expect(error).to.be.instanceOf(MetadataError);
    return (error as Error).message;
  }
  throw new Error(`${target.name} resolved`);
}

describe('query tables: declaration', () => {
  @Table<Account>({
    name: 'accounts',
    options: { comment: 'base' },
    queryTables: [
      { name: 'accounts_by_email', partitionKey: ['email'], clusteringKey: [{ property: 'at', order: 'DESC' }, 'region', 'id'], options: { gcGraceSeconds: 3600 } },
      { name: 'accounts_by_plan', partitionKey: ['plan', 'region'], clusteringKey: ['id', 'at'], columns: ['email'] },
    ],
  })
  class Account {
    @PartitionKey() region!: string;
    @PartitionKey({ type: 'int' }) id!: number;
    @ClusteringKey({ type: 'int' }) at!: number;
    @Column() email?: string;
    @Column() plan?: string;
    @Column({ type: 'int' }) credits?: number;
  }

  it('resolves each query table as a table with its own keys, columns and options, and prints its DDL', () => {
    const meta = entityMetadata(Account);
    const [byEmail, byPlan] = meta.queryTables!;
    expect(byEmail!.baseTable).to.equal('accounts');
    expect(byEmail!.extraKeyProperties).to.deep.equal(['email']);
    expect(byPlan!.extraKeyProperties).to.deep.equal(['plan']);
    expect(byEmail!.target).to.equal(Account);
    expect(createTableCql('ks', byEmail!)).to.equal(
      'CREATE TABLE IF NOT EXISTS ks.accounts_by_email (\n  email text,\n  at int,\n  region text,\n  id int,\n  plan text,\n  credits int,\n' +
        '  PRIMARY KEY (email, at, region, id)\n) WITH CLUSTERING ORDER BY (at DESC, region ASC, id ASC) AND gc_grace_seconds = 3600',
    );
    expect(createTableCql('ks', byPlan!)).to.equal(
      'CREATE TABLE IF NOT EXISTS ks.accounts_by_plan (\n  plan text,\n  region text,\n  id int,\n  at int,\n  email text,\n' +
        '  PRIMARY KEY ((plan, region), id, at)\n) WITH CLUSTERING ORDER BY (id ASC, at ASC)',
    );
    expect(Object.isFrozen(byEmail)).to.equal(true);
  });

  it('an entity without query tables has none', () => {
    @Table('plain')
    class Plain {
      @PartitionKey() id!: string;
    }
    expect(entityMetadata(Plain).queryTables).to.equal(undefined);
  });

  it('a key without the base table’s whole primary key is refused, naming what to add', () => {
    @Table<Partial>({ name: 'p', queryTables: [{ name: 'p_by_email', partitionKey: ['email'], clusteringKey: ['region'] }] })
    class Partial {
      @PartitionKey() region!: string;
      @PartitionKey({ type: 'int' }) id!: number;
      @ClusteringKey({ type: 'int' }) at!: number;
      @Column() email?: string;
    }
    expect(message(Partial)).to.equal(
      "@Table(Partial).queryTables[p_by_email]: invalid query table: its primary key must include the base table's whole primary key, " +
        "so that each Partial row is exactly one row of it; add 'id', 'at' to its clusteringKey.",
    );
  });

  it('an unknown property is refused in the key and in the column subset', () => {
    @Table({ name: 'u1', queryTables: [{ name: 'u1_by_mail', partitionKey: ['mail'], clusteringKey: ['id'] }] })
    class UnknownKey {
      @PartitionKey() id!: string;
      @Column() email?: string;
    }
    expect(message(UnknownKey)).to.equal(
      "@Table(UnknownKey).queryTables[u1_by_mail]: invalid query table: its partitionKey names 'mail', which is not a mapped property of UnknownKey; use one of id, email.",
    );
    @Table({ name: 'u2', queryTables: [{ name: 'u2_by_email', partitionKey: ['email'], clusteringKey: ['id'], columns: ['nmae'] }] })
    class UnknownColumn {
      @PartitionKey() id!: string;
      @Column() email?: string;
      @Column() name?: string;
    }
    expect(message(UnknownColumn)).to.equal(
      "@Table(UnknownColumn).queryTables[u2_by_email]: invalid query table: its columns names 'nmae', which is not a mapped property of UnknownColumn; use one of id, email, name.",
    );
  });

  it('an empty partition key, a column twice in the key, or a clash of names is refused', () => {
    @Table({ name: 'e1', queryTables: [{ name: 'e1_q', partitionKey: [] }] })
    class NoPartition {
      @PartitionKey() id!: string;
    }
    expect(message(NoPartition)).to.equal("@Table(NoPartition).queryTables[e1_q]: invalid query table: it needs at least one property in `partitionKey`.");
    @Table({ name: 'e2', queryTables: [{ name: 'e2_q', partitionKey: ['email'], clusteringKey: ['id', 'email'] }] })
    class Twice {
      @PartitionKey() id!: string;
      @Column() email?: string;
    }
    expect(message(Twice)).to.equal("@Table(Twice).queryTables[e2_q]: invalid query table: 'email' appears twice in its primary key.");
    @Table({ name: 'e3', queryTables: [{ name: 'e3', partitionKey: ['email'], clusteringKey: ['id'] }] })
    class SameName {
      @PartitionKey() id!: string;
      @Column() email?: string;
    }
    expect(message(SameName)).to.equal(
      "@Table(SameName).queryTables[e3]: invalid query table: the name 'e3' is already the entity's table, a view or another query table; give it its own name.",
    );
    @Table({ name: 'e4', queryTables: [{ name: 'e4_v', partitionKey: ['email'], clusteringKey: ['id'] }] })
    @MaterializedView({ name: 'e4_v', partitionKeys: ['email'], clusteringKeys: ['id'] })
    class ViewName {
      @PartitionKey() id!: string;
      @Column() email?: string;
    }
    expect(message(ViewName)).to.contain("the name 'e4_v' is already the entity's table, a view or another query table");
  });

  it('a key column that cannot be a key, a static column or a counter table is refused', () => {
    @Table({ name: 'k1', queryTables: [{ name: 'k1_by_tags', partitionKey: ['tags'], clusteringKey: ['id'] }] })
    class CollectionKey {
      @PartitionKey() id!: string;
      @Column({ type: 'set<text>' }) tags?: Set<string>;
    }
    expect(message(CollectionKey)).to.equal("@Table(CollectionKey).queryTables[k1_by_tags]: invalid query table: 'tags' cannot be a key column: its type is a non-frozen set.");
    @Table({ name: 'k2', queryTables: [{ name: 'k2_q', partitionKey: ['at'], clusteringKey: ['id'], columns: ['owner'] }] })
    class StaticHeld {
      @PartitionKey() id!: string;
      @ClusteringKey({ type: 'int' }) at!: number;
      @Column({ static: true }) owner?: string;
    }
    expect(message(StaticHeld)).to.equal(
      "@Table(StaticHeld).queryTables[k2_q]: invalid query table: static column 'owner' cannot be held by a query table (one value per base partition is not one value per row); leave it out of columns.",
    );
    @Table({ name: 'k3', queryTables: [{ name: 'k3_q', partitionKey: ['id'] }] })
    class Counters {
      @PartitionKey() id!: string;
      @Column({ type: 'counter' }) hits?: bigint;
    }
    expect(message(Counters)).to.equal(
      '@Table(Counters).queryTables[k3_q]: invalid query table: a counter table cannot have query tables (counter updates cannot be copied idempotently); keep counters in a table of their own.',
    );
  });

  it('a static column is left out of the default subset', () => {
    @Table({ name: 's1', queryTables: [{ name: 's1_by_at', partitionKey: ['at'], clusteringKey: ['id'] }] })
    class WithStatic {
      @PartitionKey() id!: string;
      @ClusteringKey({ type: 'int' }) at!: number;
      @Column({ static: true }) owner?: string;
      @Column() note?: string;
    }
    expect(entityMetadata(WithStatic).queryTables![0]!.columns.map((c) => `${c.property} ${c.kind}`)).to.deep.equal(['at partition', 'id clustering', 'note regular']);
  });
});
