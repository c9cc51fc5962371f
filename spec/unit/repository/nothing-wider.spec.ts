// Calls whose arguments could make a statement touch more than asked are refused before sending: a
// null clustering value in a delete key, an element condition without its element, a partial key
// for cellInfo(), a non-frozen UDT in cellInfo(), a timeuuid bound in an IN list; and the old
// positional batch forms keep their conditions.
import { expect } from 'chai';
import { Repository } from '../../../src/repository/repository.js';
import { Batch } from '../../../src/repository/batch.js';
import { elementIs, fieldIs } from '../../../src/query/conditions.js';
import { minTimeuuid } from '../../../src/query/timeuuid.js';
import { selectFrom } from '../../../src/query/select-query.js';
import { QueryBuildError } from '../../../src/errors.js';
import { entity, eventMeta, t, udt, type Event } from '../query/fixtures.js';
import { recordingConnection } from './recording-connection.js';
import type { PrimaryKey } from '../../../src/query/entity-types.js';

const U = '11111111-1111-1111-1111-111111111111';
const T = '22222222-2222-1222-8222-222222222222';
const key = { userId: U, day: 1, at: T, seq: 2 };

async function refusal(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('nothing wider than asked (unit)', () => {
  it('a delete key with a null clustering value is refused, where leaving it out deletes the prefix', async () => {
    const { connection, calls } = recordingConnection();
    const events = new Repository<Event>(connection, eventMeta);
    const error = await refusal(() => events.delete({ userId: U, day: 1, at: null } as never));
    expect(error).to.be.instanceOf(QueryBuildError);
    expect(error.message).to.equal('events: the key is missing at (null and undefined are not key values).');
    expect(calls).to.have.length(0);
    await events.delete({ userId: U, day: 1 } as never);
    expect(calls.map((c) => c.cql)).to.deep.equal(['DELETE FROM app.events WHERE user_id = ? AND day = ?']);
  });

  it('elementIs(undefined, ...) and fieldIs(undefined, ...) are refused, not read as a whole-column condition', async () => {
    const { connection, calls } = recordingConnection();
    const events = new Repository<Event>(connection, eventMeta);
    const element = await refusal(() => events.patch(key, { kind: 'k' }, { if: { counts: elementIs(undefined, '=', 1) } }));
    expect(element).to.be.instanceOf(QueryBuildError);
    expect(element.message).to.equal('events: IF counts[...] needs a map key or list index, not undefined.');
    const field = await refusal(() => events.patch(key, { kind: 'k' }, { if: { kind: fieldIs(undefined as never, '=', 1) } }));
    expect(field).to.be.instanceOf(QueryBuildError);
    expect(field.message).to.equal('events: IF kind.field needs a field\'s property name, not undefined.');
    expect(calls).to.have.length(0);
  });

  it('batch.delete(repo, key, undefined, spec) and batch.update(repo, entity, undefined, spec) keep the spec', async () => {
    const { connection } = recordingConnection();
    const events = new Repository<Event>(connection, eventMeta);
    const batch = new Batch('logged')
      .delete<Event>(events, key, undefined as never, { ifExists: true })
      .update<Event>(events, { ...key, kind: 'x' } as Event, undefined as never, { ifExists: true });
    const compiled = await batch.compile();
    expect(compiled.statements.map((s) => s.cql)).to.deep.equal([
      'DELETE FROM app.events WHERE user_id = ? AND day = ? AND at = ? AND seq = ? IF EXISTS',
      'UPDATE app.events SET owner = ?, kind = ?, body = ?, score = ?, tags = ?, labels = ?, counts = ? WHERE user_id = ? AND day = ? AND at = ? AND seq = ? IF EXISTS',
    ]);
  });

  it('cellInfo() needs the whole primary key and refuses non-frozen UDT columns', async () => {
    class Place {
      zip?: number;
    }
    class Site {
      id!: string;
      place?: Place;
      frozenPlace?: Place;
    }
    const place = udt(Place, 'place', [{ property: 'zip', type: t.n('int') }]);
    const siteMeta = entity(Site, 'sites', [
      { property: 'id', type: t.n('uuid'), kind: 'partition' },
      { property: 'place', type: t.udt(place, false) },
      { property: 'frozenPlace', type: t.udt(place, true) },
    ]);
    const { connection, calls } = recordingConnection();
    const sites = new Repository<Site>(connection, siteMeta);
    const udtError = await refusal(() => sites.cellInfo({ id: U } as PrimaryKey<Site>, ['place' as never]));
    expect(udtError).to.be.instanceOf(QueryBuildError);
    expect(udtError.message).to.equal('sites: cellInfo() reads one TTL and write time per column; place is a non-frozen UDT, whose fields each have their own.');
    const events = new Repository<Event>(connection, eventMeta);
    const partial = await refusal(() => events.cellInfo({ userId: U, day: 1 } as never, ['kind']));
    expect(partial).to.be.instanceOf(QueryBuildError);
    expect(partial.message).to.equal('events: the key is missing at, seq (null and undefined are not key values).');
    expect(calls).to.have.length(0);
    await sites.cellInfo({ id: U } as PrimaryKey<Site>, ['frozenPlace' as never]);
    expect(calls.map((c) => c.cql)).to.deep.equal(['SELECT TTL(frozen_place) AS "ttl:frozenPlace", WRITETIME(frozen_place) AS "writetime:frozenPlace" FROM sites WHERE id = ?']);
  });

  it('a timeuuid bound is refused inside an IN list (its parameters would not line up), and bounds a range', () => {
    const bound = minTimeuuid(new Date(0));
    expect(() => selectFrom(eventMeta).where('at', 'in', [bound] as never)).to.throw(QueryBuildError, 'events: minTimeuuid() bounds at with =, <, <=, > or >=, not inside an IN list.');
    const range = selectFrom(eventMeta).where('userId', '=', U).where('day', '=', 1).where('at', '>', bound).compile();
    expect(range.cql).to.equal('SELECT user_id, day, at, seq, owner, kind, body, score, tags, labels, counts FROM app.events WHERE user_id = ? AND day = ? AND at > minTimeuuid(?)');
    expect(range.params).to.deep.equal([U, 1, new Date(0)]);
  });
});
