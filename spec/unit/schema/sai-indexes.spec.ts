// SAI vector and text index options: resolution, exact DDL, plans for changed options, and the code inspect prints.
import { expect } from 'chai';
import { ClusteringKey, Column, Index, PartitionKey, Table, VectorIndex } from '../../../src/index.js';
import { MetadataError } from '../../../src/public/errors.js';
import { diffSchema } from '../../../src/schema/diff.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import { createIndexCql } from '../../../src/schema/index-view-ddl.js';
import { liveIndexFromRow, type LiveKeyspace, type LiveTable } from '../../../src/schema/live-schema.js';
import { generateEntities } from '../../../src/cli/inspect/generate.js';
import { normaliseCqlType } from '../../../src/metadata/cql-type.js';

@Table('docs')
class Doc {
  @PartitionKey({ type: 'int' }) id!: number;
  @ClusteringKey({ type: 'int' }) part!: number;
  @Column({ type: 'vector<float, 4>' }) @VectorIndex() plain?: number[];
  @Column({ type: 'vector<float, 4>' }) @VectorIndex({ similarity: 'DOT_PRODUCT', optimizeFor: 'recall', name: 'docs_unit_ann' }) unit?: number[];
  @Column({ type: 'vector<float, 4>' }) @Index({ using: 'sai', similarity: 'EUCLIDEAN' }) geo?: number[];
  @Column() @Index({ using: 'sai', caseSensitive: false, normalize: true, ascii: true }) title?: string;
  @Column({ type: 'set<text>' }) @Index({ using: 'sai', caseSensitive: false }) tags?: Set<string>;
  @Column({ type: 'map<text, int>' }) @Index({ using: 'sai', target: 'keys', options: { case_sensitive: 'false' } }) counts?: Map<string, number>;
}

const meta = entityMetadata(Doc);
const ks = { name: 'app' } as const;

function liveTable(indexRows: Record<string, unknown>[]): LiveKeyspace {
  const cols: [string, string, LiveTable['columns'] extends ReadonlyMap<string, infer C> ? C extends { kind: infer K } ? K : never : never, number][] = [
    ['id', 'int', 'partition', 0], ['part', 'int', 'clustering', 0], ['plain', 'vector<float, 4>', 'regular', -1], ['unit', 'vector<float, 4>', 'regular', -1],
    ['geo', 'vector<float, 4>', 'regular', -1], ['title', 'text', 'regular', -1], ['tags', 'set<text>', 'regular', -1], ['counts', 'map<text, int>', 'regular', -1],
  ];
  const columns = cols.map(([name, type, kind, position]) => ({ name, type: normaliseCqlType(type), kind, position, ...(kind === 'clustering' ? { order: 'ASC' as const } : {}) }));
  const table: LiveTable = {
    name: 'docs', columns: new Map(columns.map((c) => [c.name, c])), partitionKeys: ['id'], clusteringKeys: [{ name: 'part', order: 'ASC' }], options: {},
    indexes: indexRows.map((r) => liveIndexFromRow({ table_name: 'docs', kind: 'CUSTOM', ...r })),
  };
  return { name: 'app', replication: { class: 'SimpleStrategy', replication_factor: '1' }, durableWrites: true, types: new Map(), tables: new Map([['docs', table]]), views: new Map() };
}

// The rows system_schema.indexes holds for Doc's indexes, as Cassandra 5.0.9 writes them.
const SYNCED = [
  { index_name: 'docs_plain_idx', options: { class_name: 'sai', target: 'plain' } },
  { index_name: 'docs_unit_ann', options: { class_name: 'sai', target: 'unit', similarity_function: 'DOT_PRODUCT', optimize_for: 'recall' } },
  { index_name: 'docs_geo_idx', options: { class_name: 'sai', target: 'geo', similarity_function: 'EUCLIDEAN' } },
  { index_name: 'docs_title_idx', options: { class_name: 'sai', target: 'title', case_sensitive: 'false', normalize: 'true', ascii: 'true' } },
  { index_name: 'docs_tags_idx', options: { class_name: 'sai', target: 'values(tags)', case_sensitive: 'false' } },
  { index_name: 'docs_counts_keys_idx', options: { class_name: 'sai', target: 'keys(counts)', case_sensitive: 'false' } },
];

describe('SAI vector and text indexes', () => {
  it('prints each index with its options under their CQL names', () => {
    expect(meta.indexes.map((i) => createIndexCql('app', 'docs', i))).to.deep.equal([
      "CREATE INDEX IF NOT EXISTS docs_plain_idx ON app.docs (plain) USING 'sai'",
      "CREATE INDEX IF NOT EXISTS docs_unit_ann ON app.docs (unit) USING 'sai' WITH OPTIONS = {'similarity_function': 'DOT_PRODUCT', 'optimize_for': 'recall'}",
      "CREATE INDEX IF NOT EXISTS docs_geo_idx ON app.docs (geo) USING 'sai' WITH OPTIONS = {'similarity_function': 'EUCLIDEAN'}",
      "CREATE INDEX IF NOT EXISTS docs_title_idx ON app.docs (title) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false', 'normalize': 'true', 'ascii': 'true'}",
      "CREATE INDEX IF NOT EXISTS docs_tags_idx ON app.docs (VALUES(tags)) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}",
      "CREATE INDEX IF NOT EXISTS docs_counts_keys_idx ON app.docs (KEYS(counts)) USING 'sai' WITH OPTIONS = {'case_sensitive': 'false'}",
    ]);
  });

  it('resolves the similarity of vector indexes (COSINE, Cassandra\'s default, when none is declared)', () => {
    expect(meta.indexes.map((i) => i.similarity)).to.deep.equal(['COSINE', 'DOT_PRODUCT', 'EUCLIDEAN', undefined, undefined, undefined]);
  });

  const refused: [string, () => unknown, RegExp][] = [
    ['a vector option without SAI', () => { @Table('a') class A { @PartitionKey({ type: 'int' }) id!: number; @Column({ type: 'vector<float, 2>' }) @Index({ similarity: 'COSINE' }) v?: number[]; } return entityMetadata(A); },
      /A\.v.*similarity_function is an option of SAI indexes; add using: 'sai' \(or use @VectorIndex\)/],
    ['a vector index on double elements', () => { @Table('b') class B { @PartitionKey({ type: 'int' }) id!: number; @Column({ type: 'vector<double, 2>' }) @VectorIndex() v?: number[]; } return entityMetadata(B); },
      /B\.v.*only allows SAI indexes on vector columns with float elements/],
    ['a similarity on a text column', () => { @Table('c') class C { @PartitionKey({ type: 'int' }) id!: number; @Column() @Index({ using: 'sai', similarity: 'COSINE' }) t?: string; } return entityMetadata(C); },
      /C\.t.*option similarity_function applies to vector columns only/],
    ['a text option on an int column', () => { @Table('d') class D { @PartitionKey({ type: 'int' }) id!: number; @Column({ type: 'int' }) @Index({ using: 'sai', caseSensitive: false }) n?: number; } return entityMetadata(D); },
      /D\.n.*option case_sensitive applies to text and ascii values only/],
    ['an option SAI does not understand', () => { @Table('e') class E { @PartitionKey({ type: 'int' }) id!: number; @Column({ type: 'vector<float, 2>' }) @Index({ using: 'sai', options: { source_model: 'ADA002' } }) v?: number[]; } return entityMetadata(E); },
      /E\.v.*SAI does not understand option source_model; Cassandra 5.0 accepts similarity_function, optimize_for/],
    ['an unknown similarity function', () => { @Table('f') class F { @PartitionKey({ type: 'int' }) id!: number; @Column({ type: 'vector<float, 2>' }) @Index({ using: 'sai', options: { similarity_function: 'manhattan' } }) v?: number[]; } return entityMetadata(F); },
      /F\.v.*option similarity_function = "manhattan" is not one of cosine, dot_product, euclidean/],
    ['an option given twice with different values', () => { @Table('g') class G { @PartitionKey({ type: 'int' }) id!: number; @Column({ type: 'vector<float, 2>' }) @Index({ using: 'sai', similarity: 'COSINE', options: { similarity_function: 'EUCLIDEAN' } }) v?: number[]; } return entityMetadata(G); },
      /G\.v.*option similarity_function is given twice/],
  ];
  for (const [name, build, message] of refused) {
    it(`refuses ${name} with a MetadataError`, () => {
      expect(build).to.throw(MetadataError, message);
    });
  }

  it('plans nothing when the live indexes match, defaults included', () => {
    expect(diffSchema(ks, [meta], liveTable(SYNCED)).changes).to.deep.equal([]);
  });

  it('plans nothing when the live index spells the similarity or class differently', () => {
    const rows = SYNCED.map((r) => r.index_name === 'docs_geo_idx' ? { ...r, options: { ...r.options, class_name: 'StorageAttachedIndex', similarity_function: 'euclidean' } } : r);
    expect(diffSchema(ks, [meta], liveTable(rows)).changes).to.deep.equal([]);
  });

  it('plans a changed similarity function as a destructive recreate of the index naming the change', () => {
    const rows = SYNCED.map((r) => r.index_name === 'docs_unit_ann' ? { ...r, options: { ...r.options, similarity_function: 'COSINE' } } : r);
    const changes = diffSchema(ks, [meta], liveTable(rows)).changes;
    expect(changes.map((c) => ({ kind: c.kind, destructive: c.destructive, description: c.description, cql: c.statements.map((s) => s.cql) }))).to.deep.equal([{
      kind: 'recreate-index', destructive: true,
      description: 'recreate index app.docs_unit_ann on docs (unit): options similarity_function COSINE → DOT_PRODUCT',
      cql: ['DROP INDEX IF EXISTS app.docs_unit_ann', "CREATE INDEX IF NOT EXISTS docs_unit_ann ON app.docs (unit) USING 'sai' WITH OPTIONS = {'similarity_function': 'DOT_PRODUCT', 'optimize_for': 'recall'}"],
    }]);
  });

  it('plans a similarity function the model no longer declares (back to COSINE) as a recreate', () => {
    const rows = SYNCED.map((r) => r.index_name === 'docs_plain_idx' ? { ...r, options: { ...r.options, similarity_function: 'EUCLIDEAN' } } : r);
    const [change] = diffSchema(ks, [meta], liveTable(rows)).changes;
    expect(change?.description).to.equal('recreate index app.docs_plain_idx on docs (plain): options similarity_function EUCLIDEAN → COSINE');
  });

  it('plans changed text options as a recreate, both ways', () => {
    const rows = SYNCED.map((r) => r.index_name === 'docs_title_idx' ? { ...r, options: { class_name: 'sai', target: 'title', case_sensitive: 'true' } } : r);
    const [change] = diffSchema(ks, [meta], liveTable(rows)).changes;
    expect(change?.description).to.equal('recreate index app.docs_title_idx on docs (title): options case_sensitive true → false, normalize false → true, ascii false → true');
  });

  it('inspect prints the typed options, which resolve to the same indexes', () => {
    const code = generateEntities(liveTable(SYNCED), { keyspace: 'app' } as never);
    expect(code).to.contain("  @Index({ name: 'docs_plain_idx', using: 'sai' })");
    expect(code).to.contain("  @Index({ name: 'docs_unit_ann', using: 'sai', similarity: 'DOT_PRODUCT', optimizeFor: 'recall' })");
    expect(code).to.contain("  @Index({ name: 'docs_geo_idx', using: 'sai', similarity: 'EUCLIDEAN' })");
    expect(code).to.contain("  @Index({ name: 'docs_title_idx', using: 'sai', caseSensitive: false, normalize: true, ascii: true })");
    expect(code).to.contain("  @Index({ name: 'docs_tags_idx', using: 'sai', target: 'values', caseSensitive: false })");
    expect(code).to.contain("  @Index({ name: 'docs_counts_keys_idx', using: 'sai', target: 'keys', caseSensitive: false })");
  });
});
