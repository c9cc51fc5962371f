// Compile-only type tests of query-table declarations and reads: `npm run build` fails if these stop
// type-checking (or start to, for @ts-expect-error).
import { Column, PartitionKey, Repository, Table, type Connection, type Decorators } from '../../src/index.js';
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
