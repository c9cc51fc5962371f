// Cassandra rules about null restrictions and conditional counter writes, refused by the builders with
// a QueryBuildError before anything is compiled or sent (the server would refuse each of them).
import { expect } from 'chai';
import { selectFrom } from '../../../src/query/select-query.js';
import { update } from '../../../src/query/update-query.js';
import { deleteFrom } from '../../../src/query/delete-query.js';
import { QueryBuildError } from '../../../src/errors.js';
import { eventMeta, pageViewsMeta, userMeta } from './fixtures.js';
import { thrown } from '../../support/thrown.js';

const U = '11111111-1111-1111-1111-111111111111';

describe('rules checked before sending', () => {
  const refused = (build: () => unknown, message: string): void => {
    const error = thrown(build);
    expect(error).to.be.instanceOf(QueryBuildError);
    expect(error.message).to.equal(message);
  };

  it('refuses null and undefined in a WHERE: =, IN lists, whereKey, token and range deletes', () => {
    refused(() => selectFrom(userMeta).where('id', '=', null as never), "users: the restriction id = null compares with null, which a WHERE cannot; restrict id with a value (or leave it out).");
    refused(() => selectFrom(userMeta).where('id', '=', undefined as never), "users: the restriction id = undefined compares with undefined, which a WHERE cannot; restrict id with a value (or leave it out).");
    refused(() => selectFrom(userMeta).where('id', 'in', [U, null] as never), 'users: the IN list of id holds null or undefined, which a WHERE cannot compare with; leave those out.');
    refused(() => selectFrom(userMeta).whereKey({ id: null } as never), "users: the restriction id = null compares with null, which a WHERE cannot; restrict id with a value (or leave it out).");
    refused(() => selectFrom(eventMeta).whereToken('>', { userId: U, day: null } as never), "events: the restriction day token null compares with null, which a WHERE cannot; restrict day with a value (or leave it out).");
    refused(() => deleteFrom(eventMeta).key({ userId: U, day: 1 }).where('seq', '>', null as never), "events: the restriction seq > null compares with null, which a WHERE cannot; restrict seq with a value (or leave it out).");
    refused(() => update(userMeta).key({ id: [U, null] } as never), 'users: the IN list of id holds null or undefined, which a WHERE cannot compare with; leave those out.');
    // whereKey leaves undefined properties out, as it always has.
    expect(selectFrom(userMeta).whereKey({ id: U, name: undefined } as never).compile().cql).to.equal('SELECT id, name, email, age FROM users WHERE id = ?');
  });

  it('refuses IF EXISTS and IF conditions on counter tables, in updates and deletes', () => {
    refused(
      () => update(pageViewsMeta).key({ page: 'home' }).increment('views').ifExists().compile(),
      'page_views: counter tables cannot be updated conditionally (IF EXISTS or IF ...); Cassandra refuses lightweight transactions on counters.',
    );
    refused(
      () => update(pageViewsMeta).key({ page: 'home' }).increment('views').if('clicks' as never, '=', 1n as never).compile(),
      'page_views: counter tables cannot be updated conditionally (IF EXISTS or IF ...); Cassandra refuses lightweight transactions on counters.',
    );
    refused(
      () => deleteFrom(pageViewsMeta).key({ page: 'home' }).ifExists().compile(),
      'page_views: counter tables cannot be deleted from conditionally (IF EXISTS or IF ...); Cassandra refuses lightweight transactions on counters.',
    );
    // Unconditional counter writes compile as before.
    expect(update(pageViewsMeta).key({ page: 'home' }).increment('views').compile().cql).to.equal('UPDATE page_views SET views = views + ? WHERE page = ?');
    expect(deleteFrom(pageViewsMeta).key({ page: 'home' }).compile().cql).to.equal('DELETE FROM page_views WHERE page = ?');
  });
});
