// The value check of every CQL type, without a node: what each type accepts (and what it becomes for
// the driver), what it refuses and why, and how a refusal names where the value was headed.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { encodeParams, encoderFor, decoderFor } from '../../../src/mapping/codec.js';
import { parseDate, parseDuration, parseTime, printDate, printDuration } from '../../../src/mapping/temporal.js';
import { printInet } from '../../../src/mapping/value-checks.js';
import { InvalidValueError, MappingError } from '../../../src/errors.js';
import { parseCqlType } from '../../../src/metadata/cql-type.js';
import { thrown } from '../../support/thrown.js';

const { types } = cassandra;
const enc = (type: string, value: unknown): unknown => encoderFor(parseCqlType(type))(value);
const refusal = (type: string, value: unknown): InvalidValueError => {
  const error = thrown(() => enc(type, value));
  expect(error, `${type} ${String(value)}`).to.be.instanceOf(InvalidValueError);
  return error as InvalidValueError;
};

describe('value checks', () => {
  it('refuses what the driver would have written as another value, naming the reason', () => {
    const cases: [string, unknown, RegExp][] = [
      ['int', 1.5, /1\.5 is not an integer/],
      ['smallint', 0.5, /0\.5 is not an integer/],
      ['int', '7', /a string of 1 character is not an integer number/],
      ['int', true, /true is not an integer number/],
      ['int', 2147483648, /out of range for int/],
      ['tinyint', -129, /out of range for tinyint \(-128 to 127\)/],
      ['int', NaN, /NaN is not an integer/],
      ['bigint', 2n ** 63n, /out of range for bigint/],
      ['bigint', 2 ** 63, /beyond Number.MAX_SAFE_INTEGER/],
      ['bigint', 1.5, /1\.5 is not an integer/],
      ['counter', -(2n ** 63n) - 1n, /out of range for counter/],
      ['varint', 0.5, /not an integer/],
      ['float', 1e39, /out of range for float/],
      ['double', '1', /not a number/],
      ['decimal', '1.2.3', /not decimal text/],
      ['decimal', ' 1', /not decimal text/],
      ['decimal', NaN, /no NaN or infinity/],
      ['decimal', '1e9999999999', /beyond what decimal holds/],
      ['boolean', 'yes', /not true or false/],
      ['boolean', 1, /1 is not true or false/],
      ['text', 'a\ud800b', /not well-formed Unicode \(it holds a lone surrogate at index 1\)/],
      ['text', 5, /5 is not a string/],
      ['ascii', 'café', /beyond 7-bit ASCII at index 3/],
      ['blob', 'abc', /not a Buffer/],
      ['timestamp', new Date(NaN), /invalid Date/],
      ['timestamp', '2024-01-01', /not a Date/],
      ['timestamp', 1.5, /not a whole number of milliseconds/],
      ['date', '2024-13-01', /a string of 10 characters has a month that is not 01 to 12/],
      ['date', '2023-02-29', /has a day that is not a day of its month/],
      ['date', '2024-1-1', /not a date in 'YYYY-MM-DD' form/],
      ['date', new Date(Date.UTC(2024, 0, 1, 12)), /time of day/],
      ['date', '5881580-07-12', /outside Cassandra's range/],
      ['time', '12:60:00', /has a minute that is not 00 to 59/],
      ['time', '24:00:00', /has an hour that is not 00 to 23/],
      ['time', 'noon', /not a time/],
      ['time', '12:00:00.1234567890', /not a time/],
      ['duration', 'forever', /not a duration/],
      ['duration', '1x', /not a duration/],
      ['duration', '', /not a duration/],
      ['duration', '1m1h', /not a duration/],
      ['duration', '1h1h', /not a duration/],
      ['duration', 'P', /not a duration/],
      ['duration', '2147483648mo', /more months/],
      ['uuid', 'not-a-uuid', /not a UUID/],
      ['timeuuid', '11111111-1111-4111-8111-111111111111', /a string of 36 characters is not a version 1 UUID; timeuuid takes version 1/],
      ['inet', '999.1.1.1', /not an IPv4 or IPv6 address/],
      ['inet', 'fe80::1%eth0', /not an IPv4 or IPv6 address/],
      ['list<int>', [1.5], /1\.5 is not an integer/],
      ['list<int>', [1, null], /null is not allowed inside a list/],
      ['list<int>', new Set([1]), /not an array/],
      ['set<text>', 'abc', /not a Set or an array/],
      ['map<int, text>', { 1: 'a' }, /pass a Map/],
      ['map<text, int>', new Map([['a', 1.5]]), /1\.5 is not an integer/],
      ['tuple<int, text>', [1, 'a', 2], /does not fit a tuple of 2 elements/],
      ['tuple<int, text>', [1], /does not fit a tuple of 2 elements/],
      ['vector<float, 3>', [1, 2], /2 elements do not fit 3 dimensions/],
      ['vector<float, 2>', [1, '2'], /not a number/],
    ];
    for (const [type, value, reason] of cases) expect(refusal(type, value).message, `${type}`).to.match(reason);
  });

  it('puts the place of a nested value in the path: list index, map key, tuple element', () => {
    expect(refusal('list<int>', [1, 2, 1.5]).path).to.equal('[2]');
    expect(refusal('map<text, frozen<list<int>>>', new Map([['k', [1, 0.5]]])).path).to.equal('{#0}[1]');
    expect(refusal('map<int, int>', new Map([[7, 0.5]])).path).to.equal('{7}');
    expect(refusal('tuple<int, text>', [1, 2]).path).to.equal('[1]');
    expect(refusal('list<frozen<list<int>>>', [[1], [2, 'x']]).path).to.equal('[1][1]');
  });

  it('accepts every documented form and gives the driver what it sends unchanged', () => {
    expect(enc('int', -2147483648)).to.equal(-2147483648);
    expect(enc('bigint', 5)).to.equal(5n);
    expect(enc('bigint', 2n ** 63n - 1n)).to.equal(2n ** 63n - 1n);
    expect(enc('varint', 10n ** 40n)).to.equal(10n ** 40n);
    expect(enc('float', NaN)).to.be.NaN;
    expect(enc('double', -Infinity)).to.equal(-Infinity);
    expect(Object.is(enc('double', -0), -0)).to.equal(true);
    expect(enc('blob', new Uint8Array([1, 2]))).to.deep.equal(Buffer.from([1, 2]));
    expect(enc('timestamp', 0)).to.deep.equal(new Date(0));
    expect(enc('date', '1970-01-02')).to.deep.equal(Buffer.from([0x80, 0, 0, 1]));
    expect(enc('date', new Date(Date.UTC(1970, 0, 2)))).to.deep.equal(Buffer.from([0x80, 0, 0, 1]));
    expect(enc('time', '00:00:01.5')).to.deep.equal(Buffer.from([0, 0, 0, 0, 0x59, 0x68, 0x2f, 0]));
    expect(enc('uuid', 'ABCDEF01-2345-4789-8bcd-ef0123456789')).to.equal('ABCDEF01-2345-4789-8bcd-ef0123456789');
    expect(enc('inet', '::1')).to.deep.equal(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(enc('inet', '10.0.0.1')).to.deep.equal(Buffer.from([10, 0, 0, 1]));
    expect(enc('set<int>', new Set([1, 2]))).to.deep.equal([1, 2]);
    expect(enc('map<text, int>', { a: 1 })).to.deep.equal(new Map([['a', 1]]));
    expect((enc('tuple<int, text>', [1, null]) as InstanceType<typeof types.Tuple>).elements).to.deep.equal([1, null]);
  });

  it('reads date, time and duration the way Cassandra does, over its whole range', () => {
    expect(parseDate('1970-01-01')).to.equal(0);
    expect(parseDate('2024-02-29')).to.equal(19782);
    expect(parseDate('-5877641-06-23')).to.equal(-(2 ** 31));
    expect(parseDate('5881580-07-11')).to.equal(2 ** 31 - 1);
    expect(printDate(-(2 ** 31))).to.equal('-5877641-06-23');
    expect(printDate(2 ** 31 - 1)).to.equal('5881580-07-11');
    expect(printDate(-719528)).to.equal('0000-01-01');
    for (const day of [-(2 ** 31), -800000, -719529, -1, 0, 1, 19782, 2932896, 2 ** 31 - 1]) expect(parseDate(printDate(day))).to.equal(day);
    // Days of years 0000–9999 (printed through the fixed-width path) against the calendar of Date:
    // every day of 1900–2100, and every 13th day of the rest.
    for (let day = -719528; day <= 2932896; day += day >= -25567 && day <= 47847 ? 1 : 13) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (printDate(day) !== iso) expect(printDate(day), String(day)).to.equal(iso);
    }
    expect(printDate(2932897)).to.equal('10000-01-01');
    expect(parseTime('23:59:59.999999999')).to.equal(86399999999999);
    expect(parseTime('00:00:00')).to.equal(0);
    const parts = (text: string): [number, number, string] => {
      const d = parseDuration(text) as unknown as { months: number; days: number; nanoseconds: { toString(): string } };
      return [d.months, d.days, d.nanoseconds.toString()];
    };
    expect(parts('1y2mo3w4d5h6m7s8ms9us10ns')).to.deep.equal([14, 25, String(((5 * 60 + 6) * 60 + 7) * 1e9 + 8e6 + 9e3 + 10)]);
    expect(parts('-1h')).to.deep.equal([0, 0, '-3600000000000']);
    expect(parts('P1Y2M3DT4H5M6S')).to.deep.equal([14, 3, String((4 * 3600 + 5 * 60 + 6) * 1e9)]);
    expect(parts('P2W')).to.deep.equal([0, 14, '0']);
    expect(parts('P0001-02-03T04:05:06')).to.deep.equal([14, 3, String((4 * 3600 + 5 * 60 + 6) * 1e9)]);
    expect(parts('1MO1M')).to.deep.equal([1, 0, '60000000000']);
    expect(parts('3µs')).to.deep.equal([0, 0, '3000']);
  });

  it('prints durations exactly (18 months are 1y6mo, a zero duration is 0s) and reads them back as written', () => {
    const d = (months: number, days: number, nanos: string) => new types.Duration(months, days, types.Long.fromString(nanos));
    expect(printDuration(d(18, 0, '0'))).to.equal('1y6mo');
    expect(printDuration(d(23, 0, '0'))).to.equal('1y11mo');
    expect(printDuration(d(0, 0, '0'))).to.equal('0s');
    expect(printDuration(d(-1, -2, '-3'))).to.equal('-1mo2d3ns');
    expect(printDuration(d(0, 0, '9223372036854775807'))).to.equal('2562047h47m16s854ms775us807ns');
    for (const text of ['1y6mo', '0s', '-1mo2d3ns', '2562047h47m16s854ms775us807ns', '1d1ns']) expect(printDuration(parseDuration(text))).to.equal(text);
    const decode = decoderFor(parseCqlType('duration'))!;
    expect(decode(d(0, 0, '0'))).to.equal('0s');
    expect(enc('duration', decode(d(0, 0, '0')))).to.be.instanceOf(types.Duration);
  });

  it('prints inet addresses from their bytes, never swallowing a non-zero group, and refuses IPv4-mapped ones inside collections', () => {
    const bytes = (text: string): Buffer => types.InetAddress.fromString(text).getBuffer();
    const cases: [string, string][] = [
      ['0:1:0:1:1:1:1:1', '0:1:0:1:1:1:1:1'], ['d5fa:0:0:f2de:0:aee5:0:b829', 'd5fa::f2de:0:aee5:0:b829'], ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
      ['::', '::'], ['::1', '::1'], ['1::', '1::'], ['10.0.0.1', '10.0.0.1'], ['::ffff:1.2.3.4', '::ffff:102:304'],
    ];
    for (const [input, printed] of cases) {
      expect(printInet(bytes(input)), input).to.equal(printed);
      expect(bytes(printed), input).to.deep.equal(bytes(input));
    }
    for (let b = 0; b < 256; b++) expect(printInet(Uint8Array.of(b, 255 - b, 0, b))).to.equal(`${b}.${255 - b}.0.${b}`);
    expect(enc('inet', '::ffff:1.2.3.4')).to.deep.equal(bytes('::ffff:1.2.3.4'));
    expect(refusal('list<inet>', ['::ffff:1.2.3.4']).message).to.match(/IPv4-mapped IPv6 address, which Cassandra keeps as the IPv4 address inside a collection/);
    expect(refusal('map<inet, int>', new Map([['::ffff:102:304', 1]])).path).to.equal('{#0 key}');
    expect(enc('set<inet>', new Set(['1.2.3.4', '::1']))).to.deep.equal([bytes('1.2.3.4'), bytes('::1')]);
  });

  it('names the entity, property, column and type of a bound value, and never echoes a string', () => {
    const slot = { entity: 'Order', property: 'quantity', column: 'quantity', cqlType: 'int' };
    const error = thrown(() => encodeParams(['ok', 1.5], [parseCqlType('text'), parseCqlType('int')], 'map', [undefined, slot]));
    expect(error).to.be.instanceOf(InvalidValueError).and.instanceOf(MappingError);
    const e = error as InvalidValueError;
    expect(e.message).to.equal('Order.quantity (column quantity, int): 1.5 is not an integer');
    expect([e.entity, e.property, e.column, e.cqlType, e.reason]).to.deep.equal(['Order', 'quantity', 'quantity', 'int', '1.5 is not an integer']);
    const secret = 'hunter2-secret-password';
    const inList = thrown(() => encodeParams([[secret]], [parseCqlType('list<int>')], 'map', [{ entity: 'User', property: 'pin', column: 'pin', cqlType: 'int', part: 'IN list' }]));
    expect((inList as Error).message).to.equal('User.pin[0] (column pin, int, IN list): a string of 23 characters is not an integer number; int takes an integer number');
    expect((inList as Error).message).not.to.contain(secret);
    for (const type of ['uuid', 'date', 'time', 'duration', 'inet', 'decimal', 'timeuuid', 'ascii', 'int']) {
      expect(refusal(type, `${secret}é`).message, type).not.to.contain('hunter2');
    }
  });
});
