// Compile-only type tests for Repository signatures: keys, results, builders. Nothing here runs.
import type { Repository } from '../../src/repository/repository.js';
import { count } from '../../src/query/aggregates.js';
import type { Event } from '../unit/query/fixtures.js';
import { Column, PartitionKey } from '../../src/decorators/column.js';
import { Table } from '../../src/decorators/table.js';

export async function repositoryShapes(repo: Repository<Event>): Promise<void> {
  const one: Event | undefined = await repo.findOne({ userId: 'u', day: 1, at: 't', seq: 1 });
  // @ts-expect-error: findOne needs the full primary key
  await repo.findOne({ userId: 'u', day: 1 });
  const part: Event[] = await repo.findPartition({ userId: 'u', day: 1 });
  // @ts-expect-error: findPartition needs the whole partition key
  await repo.findPartition({ userId: 'u' });
  const kinds = await repo.find((q) => q.columns('kind').where('userId', '=', 'u').where('day', '=', 1));
  const k: string | null | undefined = kinds[0]?.kind;
  // @ts-expect-error: projected rows have only the selected properties
  void kinds[0]?.body;
  const counts = await repo.find((q) => q.columns('userId').aggregate({ n: count() }));
  const n: bigint | undefined = counts[0]?.n;
  const total: number = await repo.count((q) => q.where('userId', '=', 'u').where('day', '=', 1));
  const page = await repo.page((q) => q.where('userId', '=', 'u').where('day', '=', 1), { pageSize: 10 });
  const cursor: string | undefined = page.nextPageToken;
  for await (const e of repo.stream()) {
    const at: string = e.at;
    void at;
  }
  await repo.update({ userId: 'u', day: 1, at: 't', seq: 1 }, (u) => u.append('tags', ['x']), { ifExists: true, ttl: 5 });
  // @ts-expect-error: the update builder is typed by the entity
  await repo.update({ userId: 'u', day: 1, at: 't', seq: 1 }, (u) => u.append('kind', ['x']));

  const result = await repo.insert(Object.assign(new (class {})() as Event, {}), { ifNotExists: true });
  const current: Partial<Event> | undefined = result.current;
  // @ts-expect-error: save is an upsert, it has no ifNotExists
  await repo.save({} as Event, { ifNotExists: true });
  void [one, part, k, n, total, cursor, current];
}

export async function changeTrackingShapes(repo: Repository<Event>, e: Event): Promise<void> {
  const loaded: Event | undefined = await repo.findOne({ userId: 'u', day: 1, at: 't', seq: 1 }, { track: true, consistency: 'localQuorum' });
  const rows: Event[] = await repo.findPartition({ userId: 'u', day: 1 }, { track: true });
  // @ts-expect-error: track is a boolean
  await repo.find(undefined, { track: 'yes' });
  const same: Event = repo.track(e);
  const changed: ('userId' | 'day' | 'at' | 'seq' | 'kind' | 'body' | 'score' | 'owner' | 'tags' | 'labels' | 'counts')[] = repo.changes(e);
  // @ts-expect-error: methods are not properties that change
  const method: 'describe'[] = repo.changes(e);
  const saved = await repo.saveChanges(e, { ifExists: true, ttl: 60, timestamp: 1n, consistency: 'localQuorum' });
  const applied: boolean = saved.applied;
  await repo.saveChanges(e, { if: { kind: 'a' } });
  // @ts-expect-error: conditions are typed by the entity
  await repo.saveChanges(e, { if: { kind: 1 } });
  // @ts-expect-error: saveChanges takes an entity, not a key and values
  await repo.saveChanges({ userId: 'u', day: 1, at: 't', seq: 1 }, { kind: 'x' });
  void [loaded, rows, same, changed, method, applied];
}


/** A decorated entity without a `[KeyShape]` declaration, whose every non-key property is optional. */
@Table('variable_keys')
class Member {
  @PartitionKey() id!: string;
  @Column({ type: 'int' }) age?: number;
}

export async function variableKeys(members: Repository<Member>): Promise<void> {
  // A key held in a variable is structurally a Member too: the builder overload is still the one
  // chosen, and its builder is typed.
  const key = { id: 'u' };
  await members.update(key, (u) => u.set('age', 3));
  // @ts-expect-error: the builder is typed by the entity with a variable key as well
  await members.update(key, (u) => u.set('age', 'three'));
  // @ts-expect-error: an unknown property in the builder of a variable key
  await members.update(key, (u) => u.set('nope', 1));
  await members.update(Object.assign(new Member(), key), { ifExists: true });
}
