// Compile-only type tests for ANN queries and similarity selectors: each @ts-expect-error line must
// be an error, or the build fails. Nothing here runs.
import { selectFrom } from '../../src/query/select-query.js';
import { similarityCosine } from '../../src/query/aggregates.js';
import type { EntityMetadata } from '../../src/metadata/entity-metadata.js';
import type { KeyShape } from '../../src/query/entity-types.js';
import type { Repository } from '../../src/repository/repository.js';

interface Doc {
  id: string;
  title: string;
  embedding?: number[];
  other?: Float32Array;
}

// A key shape listing its vector-indexed properties narrows ANN to those.
interface Declared extends Doc {
  readonly [KeyShape]?: { partition: ['id']; clustering: []; vectors: ['embedding'] };
}

export function annShapes(doc: EntityMetadata<Doc>, declared: EntityMetadata<Declared>): void {
  selectFrom(doc).orderByAnn('embedding', [1, 2, 3]).limit(3);
  selectFrom(doc).orderByAnn('other', new Float32Array(3)).limit(3);
  // @ts-expect-error: not a vector property
  selectFrom(doc).orderByAnn('title', [1, 2, 3]);
  // @ts-expect-error: the query vector must be numbers
  selectFrom(doc).orderByAnn('embedding', ['a']);
  selectFrom(declared).orderByAnn('embedding', [1]);
  // @ts-expect-error: a vector property the key shape does not list as indexed
  selectFrom(declared).orderByAnn('other', [1]);
  const scored = selectFrom(doc).columns('id').aggregate({ s: similarityCosine('embedding', [1, 2, 3]) });
  const row: { id: string; s: number } | undefined = undefined as unknown as typeof scored extends { __row?: infer R } ? R : never;
  void row;
}

export async function nearestShapes(docs: Repository<Declared>): Promise<void> {
  const pairs: { entity: Declared; score: number }[] = await docs.nearest('embedding', [1], { limit: 3, score: 'cosine' });
  const entities: Declared[] = await docs.nearest('embedding', [1], { limit: 3 });
  // @ts-expect-error: not listed as vector-indexed
  await docs.nearest('other', [1], { limit: 3 });
  // @ts-expect-error: limit is required
  await docs.nearest('embedding', [1], {});
  void pairs; void entities;
}
