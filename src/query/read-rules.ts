// ORDER BY and GROUP BY rules of Cassandra, checked before a SELECT is sent.
import type { EntityMetadata } from '../metadata/entity-metadata.js';
import { QueryBuildError } from '../errors.js';
import type { KeyShapeFacts } from './where-clause.js';
import type { SelectNode } from './nodes.js';

/** ORDER BY: clustering columns, in clustering order, all as declared or all reversed, with the partition restricted. */
export function checkOrderBy(meta: EntityMetadata, n: SelectNode, facts: KeyShapeFacts): void {
  if (n.orderBy.length === 0) return;
  const table = meta.table;
  if (!facts.fullPartition) {
    throw QueryBuildError.badOrder(table, 'needs every partition key column restricted by = or IN.');
  }
  let reversed: boolean | undefined;
  n.orderBy.forEach((o, i) => {
    if (o.column.kind !== 'clustering') throw QueryBuildError.orderByNonClustering(table, o.column.name);
    const expected = meta.clusteringKeys[i];
    if (expected === undefined || expected.name !== o.column.name) {
      throw QueryBuildError.badOrder(
        table,
        `${o.column.name}: order by clustering columns in their declared order (${meta.clusteringKeys.map((c) => c.name).join(', ')}).`,
      );
    }
    const flipped = o.direction !== (expected.order ?? 'ASC');
    if (reversed !== undefined && reversed !== flipped) {
      throw QueryBuildError.badOrder(table, `${o.column.name}: directions must all follow the clustering order or all reverse it.`);
    }
    reversed = flipped;
  });
}

/** GROUP BY: a primary-key prefix (partition key columns fixed by = may be skipped). */
export function checkGroupBy(meta: EntityMetadata, n: SelectNode): void {
  if (n.groupBy.length === 0) return;
  const eq = new Set(n.where.flatMap((r) => (r.kind === 'column' && r.op === '=' ? [r.column.name] : [])));
  const wanted = [...n.groupBy];
  for (const c of [...meta.partitionKeys, ...meta.clusteringKeys]) {
    if (wanted.length === 0) break;
    if (wanted[0]?.name === c.name) wanted.shift();
    else if (!eq.has(c.name)) break;
  }
  if (wanted.length > 0) {
    throw QueryBuildError.invalid(
      meta.table,
      `GROUP BY ${n.groupBy.map((c) => c.name).join(', ')}: group by a prefix of the primary key (${[...meta.partitionKeys, ...meta.clusteringKeys].map((c) => c.name).join(', ')}).`,
    );
  }
  const notKey = n.groupBy.find((c) => c.kind !== 'partition' && c.kind !== 'clustering');
  if (notKey !== undefined) throw QueryBuildError.invalid(meta.table, `GROUP BY ${notKey.name}: only primary key columns can be grouped by.`);
}
