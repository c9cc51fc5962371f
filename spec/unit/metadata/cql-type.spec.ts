import { expect } from 'chai';
import { CqlTypeSyntaxError, normaliseCqlType, parseCqlType, printCqlType, NATIVE_TYPES } from '../../../src/metadata/cql-type.js';

describe('CQL types', () => {
  for (const name of NATIVE_TYPES) {
    it(`parses and prints the native type ${name}`, () => expect(printCqlType(parseCqlType(name))).to.equal(name));
  }

  const cases: [string, string][] = [
    ['varchar', 'text'],
    ['TEXT', 'text'],
    ['list<int>', 'list<int>'],
    ['set<text>', 'set<text>'],
    ['map<text,int>', 'map<text, int>'],
    ['frozen<list<int>>', 'frozen<list<int>>'],
    ['list<list<int>>', 'list<frozen<list<int>>>'],
    ['map<text, frozen<set<int>>>', 'map<text, frozen<set<int>>>'],
    ['tuple<int, text>', 'tuple<int, text>'],
    ['frozen<tuple<int, list<int>>>', 'tuple<int, frozen<list<int>>>'],
    ['vector<float, 3>', 'vector<float, 3>'],
    ['vector< float ,1536 >', 'vector<float, 1536>'],
    ['frozen<map<text, frozen<list<int>>>>', 'frozen<map<text, frozen<list<int>>>>'],
    ['  Map < VarChar , BigInt > ', 'map<text, bigint>'],
  ];
  for (const [input, expected] of cases) {
    it(`normalises ${input} to ${expected}`, () => expect(printCqlType(parseCqlType(input))).to.equal(expected));
  }

  it('parses user-defined type names only when allowed, lower-casing unquoted names', () => {
    expect(() => parseCqlType('address')).to.throw(CqlTypeSyntaxError, /'address' is not a CQL type/);
    expect(parseCqlType('frozen<Address>', { allowUdtNames: true })).to.deep.equal({ kind: 'udt', name: 'address', frozen: true });
    expect(normaliseCqlType('frozen<"Address">')).to.equal('frozen<"Address">');
    expect(normaliseCqlType('list<frozen<address>>')).to.equal('list<frozen<address>>');
    expect(normaliseCqlType('list<address>')).to.equal('list<frozen<address>>');
  });

  it('makes the cluster and the model spelling of one type identical', () => {
    expect(normaliseCqlType('frozen<tuple<int, frozen<list<int>>>>')).to.equal(normaliseCqlType('tuple<int, list<int>>'));
    expect(normaliseCqlType('map<text, frozen<list<int>>>')).to.equal(normaliseCqlType('map<varchar, list<int>>'));
  });

  const bad: [string, RegExp][] = [
    ['strng', /'strng' is not a CQL type/],
    ['list<int', /ends too early/],
    ['map<int>', /expected ','/],
    ['vector<float, 0>', /not a positive integer/],
    ['int<text>', /takes no type parameters/],
    ['list<int>>', /unexpected '>'/],
    ['"unterminated', /unterminated/],
    ['list<int$>', /unexpected '\$'/],
  ];
  for (const [input, message] of bad) {
    it(`refuses ${input}`, () => expect(() => parseCqlType(input)).to.throw(CqlTypeSyntaxError, message));
  }
});
