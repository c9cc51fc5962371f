// Decorated entities shared by the repository integration specs.
import { IsEmail, IsInt, Length, Max, Min } from 'class-validator';
import { Column, ClusteringKey, PartitionKey } from '../../../src/decorators/column.js';
import { Table } from '../../../src/decorators/table.js';
import { Index } from '../../../src/decorators/secondary-index.js';
import { AfterLoad, BeforeDelete, BeforeInsert, BeforeUpdate } from '../../../src/decorators/hooks.js';
import { KeyShape } from '../../../src/query/entity-types.js';

@Table('profiles')
export class Profile {
  declare readonly [KeyShape]?: { partition: ['id']; clustering: [] };
  @PartitionKey({ type: 'int' }) id!: number;
  @Column({ type: 'text' }) @Length(1, 20) name?: string | null;
  @Column({ type: 'text' }) @IsEmail() email?: string | null;
  @Column({ type: 'int' }) @IsInt() @Min(0) @Max(150) age?: number | null;
  @Column({ type: 'list<text>' }) tags?: string[];
  @Column({ type: 'set<text>' }) roles?: Set<string>;
  @Column({ type: 'map<text, int>' }) scores?: Map<string, number>;
  @Column({ type: 'timestamp' }) updatedAt?: Date | null;
  @Column({ type: 'text' }) loadedNote?: string | null;

  static log: string[] = [];

  @BeforeInsert()
  async stampInsert(): Promise<void> {
    await new Promise((r) => setTimeout(r, 1));
    this.updatedAt = new Date(1_700_000_000_000);
    Profile.log.push(`insert ${this.id}`);
  }

  @BeforeUpdate()
  stampUpdate(): void {
    this.updatedAt = new Date(1_800_000_000_000);
    Profile.log.push(`update ${this.id}`);
  }

  @BeforeDelete()
  async noteDelete(): Promise<void> {
    await Promise.resolve();
    Profile.log.push(`delete ${this.id}`);
  }

  @AfterLoad()
  async afterLoad(): Promise<void> {
    await Promise.resolve();
    this.loadedNote = `loaded ${this.id}`;
  }
}

@Table('readings')
export class Reading {
  declare readonly [KeyShape]?: { partition: ['sensor']; clustering: ['day', 'seq'] };
  @PartitionKey({ type: 'text' }) sensor!: string;
  @ClusteringKey({ type: 'int' }) day!: number;
  @ClusteringKey({ type: 'int', order: 'DESC' }) seq!: number;
  @Column({ type: 'double' }) value?: number | null;
  @Column({ type: 'text' }) @Index({ using: 'sasi', options: { mode: 'CONTAINS' } }) note?: string | null;
  @Column({ type: 'set<text>' }) @Index({ target: 'values' }) labels?: Set<string>;
  @Column({ type: 'map<text, text>' }) @Index({ target: 'keys' }) attrs?: Map<string, string>;
}

@Table('page_hits')
export class PageHits {
  declare readonly [KeyShape]?: { partition: ['page']; clustering: [] };
  @PartitionKey({ type: 'text' }) page!: string;
  @Column({ type: 'counter' }) views?: bigint;
  @Column({ type: 'counter' }) likes?: bigint;
}

@Table('feed')
export class FeedItem {
  declare readonly [KeyShape]?: { partition: ['feed']; clustering: ['n'] };
  @PartitionKey({ type: 'text' }) feed!: string;
  @ClusteringKey({ type: 'int' }) n!: number;
  @Column({ type: 'text', static: true }) title?: string | null;
  @Column({ type: 'text' }) body?: string | null;
}
