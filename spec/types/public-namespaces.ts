// Compile-only type tests of the root's type namespaces and the errors entry point, imported as an
// application imports them: `npm run build` fails if these stop type-checking.
import { Column, PartitionKey, ClusteringKey, KeyShape, Repository, Table, type Decorators, type Page, type PageOptions, type PrimaryKeyValues, type Query, type Settings } from '../../src/index.js';
import { MapperError, PageTokenError } from '../../src/public/errors.js';

@Table('ns_events')
class NsEvent {
  declare readonly [KeyShape]?: { partition: ['user']; clustering: ['at'] };
  @PartitionKey() user!: string;
  @ClusteringKey({ type: 'int' }) at!: number;
  @Column() note?: string;
}

export const spec: Decorators.TableSpec = { name: 'events', naming: 'snake_case', options: { comment: 'x' } };
export const column: Decorators.ColumnSpec = { type: 'int' };
export const regular: Query.RegularProps<NsEvent> = 'note';
// @ts-expect-error a key property is not a regular one
export const notRegular: Query.RegularProps<NsEvent> = 'at';
export const key: PrimaryKeyValues<NsEvent> = { user: 'u', at: 1 };
export const partition: Query.PartitionKeyValues<NsEvent> = { user: 'u' };
export const conditional: Query.ConditionalSpec<NsEvent> = { ifExists: true, ttl: 60 };
export const retry: Settings.RetryConnectOptions = { deadlineMs: 1000 };
export const paging: PageOptions = { pageSize: 10, pageToken: undefined, consistency: 'LOCAL_QUORUM' };

export async function firstNotes(repo: Repository<NsEvent>): Promise<string[]> {
  try {
    const page: Page<NsEvent> = await repo.page((q) => q.where('user', '=', 'u'), { pageSize: 2 });
    const token: string | undefined = page.nextPageToken;
    void token;
    return page.rows.map((e) => e.note ?? '');
  } catch (error) {
    if (error instanceof PageTokenError) return [];
    throw error instanceof MapperError ? error : new MapperError('unexpected', { cause: error });
  }
}
