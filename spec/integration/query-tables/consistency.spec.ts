// 1,000 seeded random writes (inserts, saves, patches, key changes, updates, deletes, partition
// deletes) through the repository, then full scans: every query table holds exactly the rows of the
// base table, each projected onto the query table's key and columns.
import { expect } from 'chai';
import { Repository, type Connection } from '../../../src/index.js';
import { entityMetadata } from '../../../src/metadata/resolve-entity.js';
import type { TestKeyspace } from '../../../src/schema/test-keyspace.js';
import { canonical, connect, keyspaceWith, scan } from './support.js';
import { Member } from './entities.js';
import { seeded } from '../../support/vectors.js';

/** A small seeded PRNG (mulberry32), so that a failure replays with the same operations. */
const prng = seeded;

const SEED = Number(process.env['QUERY_TABLES_SEED'] ?? 20261204);
const OPERATIONS = 1000;
/** Operations in flight at once, each on its own row (two writes racing on one row are the documented race). */
const CONCURRENCY = 8;

describe('query tables: a randomized mix keeps every query table equal to the base table (real node)', function () {
  this.timeout(300_000);
  let connection: Connection;
  let kit: TestKeyspace;
  let members: Repository<Member>;

  before(async () => {
    connection = connect();
    kit = await keyspaceWith(connection, 'it_qt_mix', [Member]);
    members = new Repository(connection, Member, { keyspace: kit.name });
  });
  after(async () => {
    await kit.drop();
    await connection.close();
  });

  it(`after ${OPERATIONS} operations (seed ${SEED}), each query table holds exactly the projection of the base rows`, async () => {
    const random = prng(SEED);
    const pick = <V>(values: readonly V[]): V => values[Math.floor(random() * values.length)]!;
    const emails = Array.from({ length: 40 }, (_, i) => `user${i}@example.org`);
    const roles = ['dev', 'ops', 'qa', 'lead'];
    const orgs = [1, 2, 3, 4];
    const ids = Array.from({ length: 30 }, (_, i) => i + 1);
    const live = new Set<string>(); // the keys the model knows to exist: patches and deletes aim at them
    const counts: Record<string, number> = {};
    const maybeNull = <V>(v: V): V | null => (random() < 0.1 ? null : v);

    type Op = { readonly key: string; readonly partition?: number; readonly run: () => Promise<unknown> };
    const next = (): Op => {
      const r = random();
      const existing = [...live];
      const target = existing.length > 0 && r >= 0.35 ? pick(existing) : `${pick(orgs)}:${pick(ids)}`;
      const [org, id] = target.split(':').map(Number) as [number, number];
      const kind = r < 0.35 || !live.has(target) ? (random() < 0.5 ? 'insert' : 'save') : r < 0.55 ? 'patch' : r < 0.8 ? 'key change' : r < 0.88 ? 'update' : r < 0.995 ? 'delete' : 'partition delete';
      counts[kind] = (counts[kind] ?? 0) + 1;
      const entity = (): Member => Object.assign(new Member(), { org, id, email: maybeNull(pick(emails)), role: maybeNull(pick(roles)), level: Math.floor(random() * 10), note: `n${Math.floor(random() * 100)}` });
      switch (kind) {
        case 'insert':
        case 'save': {
          const m = entity();
          live.add(target);
          return { key: target, run: () => (kind === 'insert' ? members.insert(m) : members.save(m)) };
        }
        case 'patch': {
          const values = random() < 0.5 ? { level: Math.floor(random() * 10) } : { note: random() < 0.2 ? null : `p${Math.floor(random() * 100)}` };
          return { key: target, run: () => members.patch({ org, id }, values) };
        }
        case 'key change': {
          const values = random() < 0.5 ? { email: maybeNull(pick(emails)) } : random() < 0.5 ? { role: maybeNull(pick(roles)) } : { email: pick(emails), role: pick(roles), level: 1 };
          return { key: target, run: () => members.patch({ org, id }, values) };
        }
        case 'update': {
          const m = entity();
          return { key: target, run: () => members.update(m) };
        }
        case 'delete':
          live.delete(target);
          return { key: target, run: () => members.delete({ org, id }) };
        default:
          for (const k of [...live]) if (k.startsWith(`${org}:`)) live.delete(k);
          return { key: target, partition: org, run: () => members.delete({ org }) };
      }
    };

    const started = Date.now();
    let done = 0;
    while (done < OPERATIONS) {
      // A wave of operations on distinct rows (a partition delete goes alone in its wave).
      const wave: Op[] = [];
      const keys = new Set<string>();
      while (wave.length < CONCURRENCY && done + wave.length < OPERATIONS) {
        const op = next();
        if (keys.has(op.key) || (op.partition !== undefined && wave.length > 0)) {
          // Run what is queued first; this operation starts the next wave.
          await Promise.all(wave.map((o) => o.run()));
          done += wave.length;
          wave.length = 0;
          keys.clear();
        }
        wave.push(op);
        keys.add(op.key);
        if (op.partition !== undefined) break;
      }
      await Promise.all(wave.map((o) => o.run()));
      done += wave.length;
    }
    const elapsed = Date.now() - started;

    const meta = entityMetadata(Member);
    const base = (await scan(connection, kit.name, meta.table)).map((s) => JSON.parse(s) as Record<string, string>);
    expect(base.length, 'the mix leaves rows to compare').to.be.greaterThan(20);
    for (const qt of meta.queryTables!) {
      const keyNames = [...qt.partitionKeys, ...qt.clusteringKeys].map((c) => c.name);
      const names = qt.columns.map((c) => c.name);
      const expected = base
        .filter((row) => keyNames.every((n) => row[n] !== undefined))
        .map((row) => canonical(Object.fromEntries(names.map((n) => [n, row[n] ?? null]))))
        .sort();
      const actual = await scan(connection, kit.name, qt.table);
      expect(actual, `${qt.table} after ${JSON.stringify(counts)} in ${elapsed} ms`).to.deep.equal(expected);
    }
    expect(Object.keys(counts)).to.include.members(['insert', 'save', 'patch', 'key change', 'update', 'delete', 'partition delete']);
    console.log(`      ${OPERATIONS} operations ${JSON.stringify(counts)} in ${elapsed} ms; ${base.length} base rows`);
  });
});
