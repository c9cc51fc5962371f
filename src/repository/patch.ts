// `Repository.patch(key, { prop: value })`: an UPDATE of the given columns of one row. Each set of
// properties is compiled once by the UPDATE builder (same text, types and checks as
// `update(key, q => q.set(...))`) and reused while the same properties come back, so a hot patch
// costs a key check, one array of values and the driver call.
import type { ColumnMetadata, EntityMetadata } from '../metadata/entity-metadata.js';
import type { CompiledQuery } from '../query/compiled-query.js';
import { compileUpdateNode, type UpdateQuery } from '../query/update-query.js';
import { isListValued, keyColumns } from '../query/write-clauses.js';

/** One set of properties, compiled: values bind in `props` order, then the key columns. */
interface PatchPlan {
  readonly props: readonly string[];
  readonly query: CompiledQuery;
}

/** How many property sets an entity's patches remember (the most recent first). */
const RECENT = 8;

/** The `set()` of every defined property of `values`, in their order. */
export function setAll<T extends object>(q: UpdateQuery<T>, values: object): UpdateQuery<T> {
  const v = values as Record<string, unknown>;
  let out = q;
  for (const p in v) if (v[p] !== undefined) out = out.set(p as never, v[p] as never);
  return out;
}

/** The compiled patches of one repository. */
export class PatchPlans<T extends object> {
  private readonly recent: PatchPlan[] = [];
  private readonly key: readonly ColumnMetadata[];

  constructor(
    meta: EntityMetadata<T>,
    /** The repository's empty UPDATE: plans are compiled from it. */
    private readonly base: UpdateQuery<T>,
  ) {
    this.key = keyColumns(meta as EntityMetadata);
  }

  /**
   * The UPDATE of `values` on the row of `key`, unfrozen (it is sent at once and never handed out); or
   * undefined when a key value is missing or a list (IN): the builder path reports or handles those.
   * Throws what the builder throws for the properties (unknown, key or counter columns, none given).
   */
  compile(key: object, values: object): CompiledQuery | undefined {
    const k = key as Record<string, unknown>;
    const v = values as Record<string, unknown>;
    const keyCols = this.key;
    for (let i = 0; i < keyCols.length; i++) {
      const x = k[keyCols[i]!.property];
      if (x === undefined || x === null || (Array.isArray(x) && !isListValued(keyCols[i]!.type.kind))) return undefined;
    }
    const plan = this.find(v) ?? this.plan(key, v);
    const props = plan.props;
    // Sized up front: pushing into [] allocates room for 16 values.
    const params = new Array<unknown>(props.length + keyCols.length);
    for (let i = 0; i < props.length; i++) params[i] = v[props[i]!];
    for (let i = 0; i < keyCols.length; i++) params[props.length + i] = k[keyCols[i]!.property];
    const q = plan.query;
    return { kind: 'update', cql: q.cql, params, paramTypes: q.paramTypes, paramSlots: q.paramSlots, idempotent: q.idempotent, lwt: q.lwt, counter: q.counter };
  }

  /** The plan whose properties are exactly the defined ones of `v`, in the same order. */
  private find(v: Record<string, unknown>): PatchPlan | undefined {
    const recent = this.recent;
    outer: for (let r = 0; r < recent.length; r++) {
      const props = recent[r]!.props;
      let i = 0;
      for (const p in v) {
        if (v[p] === undefined) continue;
        if (props[i] !== p) continue outer;
        i++;
      }
      if (i === props.length) return recent[r];
    }
    return undefined;
  }

  private plan(key: object, v: Record<string, unknown>): PatchPlan {
    const props: string[] = [];
    for (const p in v) if (v[p] !== undefined) props.push(p);
    const query = compileUpdateNode(setAll(this.base.key(key as never), v).node, true);
    const plan: PatchPlan = Object.freeze({ props: Object.freeze(props), query });
    this.recent.unshift(plan);
    if (this.recent.length > RECENT) this.recent.pop();
    return plan;
  }
}
