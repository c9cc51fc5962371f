// A small Nest application over two Cassandra aliases: notes in one keyspace, an audit trail in
// another. POST /notes writes a note (and an audit entry) through injected repositories, GET
// /notes/:author reads them back, GET /health pings both aliases. `notesAppModule(databases)` builds
// the root module, so the same application runs from examples/nestjs-notes.ts and from the specs.
import 'reflect-metadata';
import { Body, Controller, Get, Inject, Module, Param, Post, type DynamicModule } from '@nestjs/common';
import { ClusteringKey, Column, PartitionKey, Repository, Table, type DjangoDatabases } from 'cassandra-orm';
import { CassandraHealthIndicator, CassandraOrmModule, InjectRepository } from 'cassandra-orm/nestjs';

@Table('notes')
export class Note {
  @PartitionKey() author!: string;
  @ClusteringKey({ type: 'int', order: 'DESC' }) seq!: number;
  @Column() body!: string;
}

@Table('audit_entries')
export class AuditEntry {
  @PartitionKey() author!: string;
  @ClusteringKey({ type: 'timestamp', order: 'DESC' }) at!: Date;
  @Column() action!: string;
}

@Controller()
export class NotesController {
  constructor(
    @InjectRepository(Note, 'notes') private readonly notes: Repository<Note>,
    @InjectRepository(AuditEntry, 'audit') private readonly audit: Repository<AuditEntry>,
    @Inject(CassandraHealthIndicator) private readonly health: CassandraHealthIndicator,
  ) {}

  @Post('notes')
  async create(@Body() body: { author: string; seq: number; body: string }): Promise<{ applied: boolean }> {
    const note = Object.assign(new Note(), { author: body.author, seq: body.seq, body: body.body });
    const result = await this.notes.insert(note, { ifNotExists: true });
    await this.audit.insert(Object.assign(new AuditEntry(), { author: body.author, at: new Date(), action: `note ${body.seq}` }));
    return { applied: result.applied };
  }

  @Get('notes/:author')
  async list(@Param('author') author: string): Promise<{ notes: string[]; audited: number }> {
    const notes = await this.notes.findPartition({ author });
    const audited = await this.audit.count((q) => q.where('author', '=', author));
    return { notes: notes.map((n) => `${n.seq}: ${n.body}`), audited };
  }

  @Get('health')
  async check(): Promise<Record<string, unknown>> {
    return { ...(await this.health.pingCheck('notes', { alias: 'notes' })), ...(await this.health.pingCheck('audit', { alias: 'audit' })) };
  }
}

@Module({
  imports: [CassandraOrmModule.forFeature([Note], 'notes'), CassandraOrmModule.forFeature([AuditEntry], 'audit')],
  controllers: [NotesController],
})
class NotesModule {}

/** The application's root module over these `DATABASES` (two django_cassandra_engine aliases: `notes` and `audit`). */
export function notesAppModule(databases: DjangoDatabases): DynamicModule {
  return {
    module: class NotesAppModule {},
    imports: [CassandraOrmModule.forRoot({ databases, default: 'notes', syncOnStart: true }), NotesModule],
  };
}
