// Prints the CQL the query builders produce for the querying docs' examples; needs no node (compile() is pure).
// The builders take the entity class itself.
import 'reflect-metadata';
import { inspect } from 'node:util';
import {
  ClusteringKey,
  Column,
  KeyShape,
  PartitionKey,
  Table,
  compileBatch,
  count,
  deleteFrom,
  insertInto,
  max,
  selectFrom,
  ttl,
  update,
} from 'cassandra-orm';

@Table({ name: 'events', keyspace: 'app' })
class Event {
  declare readonly [KeyShape]?: { partition: ['userId', 'day']; clustering: ['at'] };
  @PartitionKey({ type: 'uuid' }) userId!: string;
  @PartitionKey({ type: 'int' }) day!: number;
  @ClusteringKey({ type: 'timeuuid', order: 'DESC' }) at!: string;
  @Column({ type: 'text' }) kind?: string | null;
  @Column({ type: 'list<text>' }) tags?: string[];
  @Column({ type: 'map<text, int>' }) counts?: Map<string, number>;
}

@Table({ name: 'page_views', keyspace: 'app' })
class PageViews {
  declare readonly [KeyShape]?: { partition: ['page']; clustering: [] };
  @PartitionKey() page!: string;
  @Column({ type: 'counter' }) views?: bigint;
}

const id = '5c2e1ac1-8b8c-4f4e-9a39-0d3f0b6c1f00';
const show = (label: string, q: { compile(): { cql: string; params: readonly unknown[]; idempotent: boolean } }): void => {
  const c = q.compile();
  console.log(`${label}\n  ${c.cql}\n  params ${inspect(c.params, { breakLength: Infinity })} idempotent=${c.idempotent}`);
};

show('partition, oldest first (reverses the DESC clustering order)', selectFrom(Event).where('userId', '=', id).where('day', '=', 20240506).orderBy('at', 'ASC').limit(50));
show('range + projection', selectFrom(Event).columns('at', 'kind').where('userId', '=', id).where('day', 'in', [1, 2]).where('at', '>', 'a').where('at', '<=', 'b'));
show('token scan', selectFrom(Event).distinct().whereToken('>', -1000n).limit(100));
show('aggregates', selectFrom(Event).columns('userId', 'day').where('userId', '=', id).where('day', '=', 1).groupBy('userId', 'day').aggregate({ n: count(), last: max('at'), left: ttl('kind') }));
show('filtering, when asked', selectFrom(Event).where('kind', '=', 'click').allowFiltering());
show('insert', insertInto(Event).values({ userId: id, day: 1, at: 't', kind: 'click' }).ifNotExists().ttl(86400));
show('update', update(Event).key({ userId: id, day: 1, at: 't' }).set('kind', null).append('tags', ['x']).setElement('counts', 'a', 1).if('kind', '=', 'view'));
show('counter', update(PageViews).key({ page: '/home' }).increment('views', 1n));
show('delete', deleteFrom(Event).key({ userId: id, day: 1 }).where('at', '<', 't').timestamp(1700000000000000n));
show('batch', { compile: () => compileBatch('logged', [insertInto(Event).values({ userId: id, day: 1, at: 't' }), deleteFrom(Event).key({ userId: id, day: 1, at: 'u' }).columns('tags')]) });
try {
  selectFrom(Event).where('userId', '=', id).compile();
} catch (error) {
  console.log(`partial partition key\n  ${(error as Error).name}: ${(error as Error).message}`);
}
