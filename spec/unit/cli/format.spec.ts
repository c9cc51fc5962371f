import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { formatTable, formatValue, rowCount } from '../../../src/cli/format.js';

const { types } = cassandra;

describe('cli: value and table formatting', () => {
  const cases: [string, unknown, string][] = [
    ['null', null, 'null'],
    ['text', "it's", "it's"],
    ['int', 42, '42'],
    ['bigint', 9007199254740993n, '9007199254740993'],
    ['boolean', false, 'false'],
    ['timestamp', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), '2024-01-02T03:04:05.006Z'],
    ['blob', Buffer.from([0xca, 0xfe]), '0xcafe'],
    ['list<text>', ['a', "b'c"], "['a', 'b''c']"],
    ['set<int>', new Set([1, 2]), '{1, 2}'],
    ['map<text,int>', new Map([['a', 1]]), "{'a': 1}"],
    ['tuple', new types.Tuple('x', 1), "('x', 1)"],
    ['vector', new types.Vector(new Float32Array([1, 2.5])), '[1, 2.5]'],
    ['udt', { street: 'Main', zip: 1 }, "{street: 'Main', zip: 1}"],
    ['uuid', types.Uuid.fromString('c1e6d8a3-1c3e-4c1e-9a0e-1a2b3c4d5e6f'), 'c1e6d8a3-1c3e-4c1e-9a0e-1a2b3c4d5e6f'],
    ['decimal', types.BigDecimal.fromString('12.50'), '12.50'],
    ['date', types.LocalDate.fromString('2024-02-29'), '2024-02-29'],
    ['inet', types.InetAddress.fromString('10.0.0.1'), '10.0.0.1'],
  ];
  for (const [name, value, expected] of cases) {
    it(`formats ${name} as ${expected}`, () => expect(formatValue(value)).to.equal(expected));
  }

  it('aligns a table: text left, numbers right, header rule with +', () => {
    const lines = formatTable(['id', 'name'], [
      { id: 1, name: 'ada' },
      { id: 1234, name: 'grace hopper' },
    ]);
    expect(lines).to.deep.equal([
      ' id   | name',
      '------+--------------',
      '    1 | ada',
      ' 1234 | grace hopper',
    ]);
  });

  it('keeps each row on one line when a value holds newlines or tabs', () => {
    expect(formatTable(['v'], [{ v: 'a\nb\tc' }])).to.deep.equal([' v', '---------', ' a\\nb\\tc']);
  });

  it('prints a header for an empty result', () => {
    expect(formatTable(['a', 'bb'], [])).to.deep.equal([' a | bb', '---+----']);
  });

  it('counts rows in singular and plural', () => {
    expect(rowCount(0)).to.equal('(0 rows)');
    expect(rowCount(1)).to.equal('(1 row)');
    expect(rowCount(2)).to.equal('(2 rows)');
  });
});
