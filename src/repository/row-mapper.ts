// Driver rows → results of a SELECT: entity instances, or plain objects for aggregate queries.
import type { ColumnMetadata, CqlType } from '../metadata/entity-metadata.js';
import type { SelectNode } from '../query/nodes.js';
import { selectedColumns } from '../query/select-query.js';
import { decoderFor, type Convert, type MapMode } from '../mapping/codec.js';
import { Hydrator, hydratorFor } from '../mapping/hydrator.js';

/** Maps one driver row to a result. */
export type RowMapper = (row: Readonly<Record<string, unknown>>) => unknown;

const cache = { map: new WeakMap<SelectNode, RowMapper>(), object: new WeakMap<SelectNode, RowMapper>() };

const BIGINT: CqlType = { kind: 'native', name: 'bigint' };
const INT: CqlType = { kind: 'native', name: 'int' };
const TIMESTAMP: CqlType = { kind: 'native', name: 'timestamp' };
const FLOAT: CqlType = { kind: 'native', name: 'float' };

/** The row mapper of a SELECT, built once per query node. */
export function rowMapperFor(n: SelectNode, mode: MapMode): RowMapper {
  // Whole entities: the entity's own hydrator, with no entry per query node (most reads are these).
  if (n.selectors.length === 0 && n.columns === undefined && !n.distinct) return hydratorFor(n.target.meta, mode).hydrate;
  let m = cache[mode].get(n);
  if (m === undefined) {
    m = build(n, mode);
    cache[mode].set(n, m);
  }
  return m;
}

function build(n: SelectNode, mode: MapMode): RowMapper {
  const meta = n.target.meta;
  if (n.selectors.length === 0) {
    const h = n.columns === undefined && !n.distinct ? hydratorFor(meta, mode) : new Hydrator(meta, selectedColumns(n), mode);
    // The hydrator's function itself (it does not use `this`): no extra call per row.
    return h.hydrate;
  }
  const slots: { from: string; to: string; decode: Convert | null }[] = selectedColumns(n).map((c: ColumnMetadata) => ({
    from: c.name,
    to: c.property,
    decode: decoderFor(c.type, mode),
  }));
  for (const s of n.selectors) {
    const type = s.selector.fn.startsWith('similarity_') ? FLOAT :
      s.selector.fn === 'count' || s.selector.fn === 'writetime' ? BIGINT : s.selector.fn === 'ttl' ? INT : s.selector.fn === 'toTimestamp' ? TIMESTAMP : (s.column?.type ?? BIGINT);
    slots.push({ from: s.alias, to: s.alias, decode: decoderFor(type, mode) });
  }
  return (row) => {
    const out: Record<string, unknown> = {};
    for (const s of slots) {
      const v = row[s.from] ?? null;
      out[s.to] = s.decode === null || v === null ? v : s.decode(v);
    }
    return out;
  };
}
