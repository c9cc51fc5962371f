import { expect } from 'chai';
import { IdentifierError, qualifiedName, quoteIdentifier, validateSchemaName } from '../../src/metadata/identifier.js';

describe('identifiers', () => {
  const cases: [string, string][] = [
    ['user_id', 'user_id'],
    ['userId', '"userId"'],
    ['select', '"select"'],
    ['order', '"order"'],
    ['2fa', '"2fa"'],
    ['say "hi"', '"say ""hi"""'],
  ];
  for (const [input, expected] of cases) {
    it(`quotes ${input} as ${expected}`, () => expect(quoteIdentifier(input)).to.equal(expected));
  }

  it('qualifies a table with its keyspace', () => {
    expect(qualifiedName('app', 'Events')).to.equal('app."Events"');
    expect(qualifiedName(undefined, 'events')).to.equal('events');
  });

  it('refuses schema names Cassandra would refuse', () => {
    expect(() => validateSchemaName('@Table(User)', 'user-table')).to.throw(IdentifierError, /@Table\(User\): 'user-table'/);
    expect(() => validateSchemaName('keyspace', 'x'.repeat(49))).to.throw(IdentifierError, /1 to 48/);
    expect(validateSchemaName('keyspace', 'App_1')).to.equal('App_1');
  });
});
