// Compile-only type tests of query-table declarations and reads: `npm run build` fails if these stop
// type-checking (or start to, for @ts-expect-error).
import { Column, KeyShape, PartitionKey, Repository, Table, type Connection, type Decorators } from '../../src/index.js';
import type { QueryTableMetadata } from '../../src/schema/index.js';
import { entityMetadata } from '../../src/metadata/resolve-entity.js';

@Table<Account>({ name: 'accounts', queryTables: [{ name: 'accounts_by_email', partitionKey: ['email'], clusteringKey: [{ property: 'id', order: 'DESC' }], columns: ['name'] }] })
class Account {
  @PartitionKey() id!: string;
  @Column() email?: string;
  @Column() name?: string;
}

// With the entity as T, the names of a query table's key and columns are its property names.
// @ts-expect-error 'mail' is not a property of Account
@Table<Account>({ name: 'bad1', queryTables: [{ name: 'q', partitionKey: ['mail'] }] })
export class Bad1 extends Account {}

// @ts-expect-error the clustering order is ASC or DESC
@Table<Account>({ name: 'bad2', queryTables: [{ name: 'q', partitionKey: ['email'], clusteringKey: [{ property: 'id', order: 'DOWN' }] }] })
export class Bad2 extends Account {}

// The spec type is in the Decorators namespace.
export const spec: Decorators.QueryTableSpec<Account> = { name: 'accounts_by_name', partitionKey: ['name'], clusteringKey: ['id'] };

// The resolved query tables keep the entity type.
export const tables: readonly QueryTableMetadata<Account>[] | undefined = entityMetadata(Account).queryTables;

// Reads name a query table as a string option; select() takes one too.
export async function reads(connection: Connection): Promise<void> {
  const accounts = new Repository(connection, Account);
  const a: Account | undefined = await accounts.findOne({ email: 'a@x', id: '1' }, { table: 'accounts_by_email' });
  const b: Account[] = await accounts.findPartition({ email: 'a@x' });
  const c: Account[] = await accounts.find(accounts.select('accounts_by_email').where('email', '=', 'a@x'));
  void [a, b, c];
}

@Table<Shaped>({ name: 'shaped', queryTables: [{ name: 'shaped_by_email', partitionKey: ['email'], clusteringKey: ['id'] }] })
class Shaped {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: []; queryTables: { shaped_by_email: { partition: ['email']; clustering: ['id'] } } };
  @PartitionKey() id!: string;
  @Column() email?: string;
}

@Table('unshaped_qt')
class KeysOnly {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey() id!: string;
  @Column() email?: string;
}

// A key shape that declares the query tables' keys types reads by them; one that does not, does not.
export async function shapedReads(connection: Connection): Promise<void> {
  const shaped = new Repository(connection, Shaped);
  await shaped.findPartition({ email: 'a@x' });
  await shaped.findPartition({ id: '1' });
  await shaped.findOne({ email: 'a@x', id: '1' }, { table: 'shaped_by_email' });
  // @ts-expect-error 'mail' is neither the base key nor a declared query table's
  await shaped.findPartition({ mail: 'a@x' });
  const keysOnly = new Repository(connection, KeysOnly);
  // @ts-expect-error KeysOnly declares no query-table keys
  await keysOnly.findPartition({ email: 'a@x' });
}
