// Entities with query tables, shared by the query-table integration specs.
import { Column, ClusteringKey, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { BeforeUpdate } from '../../../src/decorators/hooks.js';

/** A user by id, also by email (every column) and by team ordered by score (name only). */
@Table<User>({
  name: 'users_by_id',
  queryTables: [
    { name: 'users_by_email', partitionKey: ['email'], clusteringKey: ['id'] },
    { name: 'users_by_team', partitionKey: ['team'], clusteringKey: [{ property: 'score', order: 'DESC' }, 'id'], columns: ['name'] },
  ],
})
export class User {
  @PartitionKey({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) email?: string | null;
  @Column({ type: 'text' }) name?: string | null;
  @Column({ type: 'text' }) team?: string | null;
  @Column({ type: 'int' }) score?: number | null;
  @Column({ type: 'set<text>' }) tags?: Set<string> | null;
  @Column({ type: 'timestamp' }) touchedAt?: Date | null;

  @BeforeUpdate()
  touch(): void {
    this.touchedAt = new Date(1_800_000_000_000);
  }
}

/** The same tables a release later: users_by_team also holds `email`, a column sync adds to it. */
@Table<UserV2>({
  name: 'users_by_id',
  queryTables: [
    { name: 'users_by_email', partitionKey: ['email'], clusteringKey: ['id'] },
    { name: 'users_by_team', partitionKey: ['team'], clusteringKey: [{ property: 'score', order: 'DESC' }, 'id'], columns: ['name', 'email'] },
  ],
})
export class UserV2 {
  @PartitionKey({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) email?: string | null;
  @Column({ type: 'text' }) name?: string | null;
  @Column({ type: 'text' }) team?: string | null;
  @Column({ type: 'int' }) score?: number | null;
  @Column({ type: 'set<text>' }) tags?: Set<string> | null;
  @Column({ type: 'timestamp' }) touchedAt?: Date | null;
}

/** A member of an org (composite base key), by email and by (org, role): the randomized mix's entity. */
@Table<Member>({
  name: 'members',
  queryTables: [
    { name: 'members_by_email', partitionKey: ['email'], clusteringKey: ['org', 'id'] },
    { name: 'members_by_role', partitionKey: ['org', 'role'], clusteringKey: ['id'], columns: ['email', 'level'] },
  ],
})
export class Member {
  @PartitionKey({ type: 'int' }) org!: number;
  @ClusteringKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) email?: string | null;
  @Column({ type: 'text' }) role?: string | null;
  @Column({ type: 'int' }) level?: number | null;
  @Column({ type: 'text' }) note?: string | null;
}
