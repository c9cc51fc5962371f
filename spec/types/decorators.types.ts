// Compile-only type tests: `npm run build` fails if these stop type-checking (or start to, for @ts-expect-error).
import { cql, ClusteringKey, Column, CreatedAt, MaterializedView, PartitionKey, Table, UpdatedAt, Version, type Decorators, type Query } from '../../src/index.js';
import { type IndexSpec } from '../../src/public/decorators.js';
import { entityMetadata } from '../../src/metadata/resolve-entity.js';
import type { EntityMetadata } from '../../src/schema/index.js';
import { type SchemaPlan, planToJson } from '../../src/schema/schema-plan.js';

@Table({ name: 'typed', options: { comment: 'x', defaultTimeToLive: 10, gc_grace_seconds: 5, caching: { keys: 'ALL', rowsPerPartition: 10 } } })
@MaterializedView<Typed>({ name: 'typed_by_kind', partitionKeys: ['kind'], clusteringKeys: ['id'] })
class Typed {
  @PartitionKey() id!: string;
  @Column({ type: cql.map('text', cql.vector('float', 3)) }) kind!: string;
}

// A view declared with the entity as T only accepts its property names.
// @ts-expect-error 'nope' is not a property of Typed
@MaterializedView<Typed>({ name: 'bad', partitionKeys: ['nope'] })
class Bad extends Typed {}

// Index targets are checked literals.
// @ts-expect-error 'kyes' is not an index target
export const badIndex: IndexSpec = { target: 'kyes' };

// @ts-expect-error a partition key has no clustering order
PartitionKey({ order: 'DESC' });

// @ts-expect-error the clustering order is ASC or DESC
ClusteringKey({ order: 'DOWN' });

// entityMetadata keeps the entity type.
const meta: EntityMetadata<Typed> = entityMetadata(Typed);
// @ts-expect-error metadata is readonly
meta.table = 'x';

// A plan's JSON is plain data.
export const json = (plan: SchemaPlan): boolean => planToJson(plan).empty;
export { Bad };

// Managed columns: @Version takes int, bigint or timeuuid; audit columns take no type (always timestamp);
// the default TTL is a number of seconds; a versioned write's held version is a number, bigint or timeuuid text.
// @ts-expect-error a version is int, bigint or timeuuid
Version({ type: 'text' });
// @ts-expect-error @CreatedAt is always a timestamp
CreatedAt({ type: 'date' });
// @ts-expect-error ttl is a number of seconds
Table({ ttl: '1h' });
export const versioned: Query.VersionedWriteSpec = { ifVersion: 3n, force: false };
// @ts-expect-error ifVersion is a number, bigint or timeuuid text
export const badVersioned: Query.VersionedWriteSpec = { ifVersion: new Date() };
export const versionSpec: Decorators.VersionSpec = { type: 'timeuuid', name: 'rev' };
UpdatedAt({ name: 'changed_at' });
