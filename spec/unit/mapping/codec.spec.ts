// The codec: exact conversions in and out for every CQL type, without a node.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import cassandra from 'cassandra-driver';
import { decoderFor, encodeOwnParams, encodeParams, encoderFor, parseDecimal, printDecimal } from '../../../src/mapping/codec.js';
import { Hydrator } from '../../../src/mapping/hydrator.js';
import { MappingError } from '../../../src/errors.js';
import { entity, t, udt, User, userMeta } from '../query/fixtures.js';

const { types } = cassandra;
const dec = (text: string): string => printDecimal(parseDecimal(text));

describe('codec', () => {
  it('keeps every digit and the scale of decimals, printing them as Java BigDecimal does', () => {
    const cases: [string, string][] = [
      ['0', '0'], ['1.50', '1.50'], ['-0.5', '-0.5'], ['123456789012345678901234567890.000000000012345', '123456789012345678901234567890.000000000012345'],
      ['-5.5E-10', '-5.5E-10'], ['1E+3', '1E+3'], ['0.000001', '0.000001'], ['0.0000001', '1E-7'], ['+7', '7'], ['.25', '0.25'], ['12e2', '1.2E+3'],
    ];
    for (const [input, output] of cases) expect(dec(input), input).to.equal(output);
    expect(() => parseDecimal('1.2.3')).to.throw(MappingError);
    expect(() => parseDecimal('abc')).to.throw(MappingError);
  });

  it('prints decimals as the driver decodes them from the wire (every byte length and sign) with the digits of the driver Integer', () => {
    // The unscaled value read from the Integer's words must equal the driver's own text of it.
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const edges = [[0x00], [0x7f], [0x80], [0xff], [0xff, 0xff, 0xff, 0xff], [0x80, 0, 0, 0], [0x7f, 0xff, 0xff, 0xff], [0x00, 0x80, 0, 0, 0], [0xff, 0x7f, 0xff, 0xff, 0xff], [0x01, 0, 0, 0, 0, 0, 0, 0, 0]];
    const buffers = [...edges.map((b) => Buffer.from(b)), ...Array.from({ length: 400 }, (_, i) => Buffer.from(Array.from({ length: 1 + (i % 40) }, () => Math.floor(next() * 256))))];
    for (const buf of buffers) {
      for (const scale of [0, 2, 9, -3]) {
        const value = new types.BigDecimal(types.Integer.fromBuffer(buf) as unknown as number, scale);
        const unscaled = BigInt(types.Integer.fromBuffer(buf).toString());
        const printed = printDecimal(value);
        // The digits and sign of the printed text are the driver Integer's; the placing of the point
        // by the scale is the printing the first decimal spec checks.
        expect(printed.startsWith('-'), `${buf.toString('hex')} sign`).to.equal(unscaled < 0n);
        expect(printed.replace(/^-/, '').replace(/\.|E.*$/g, '').replace(/^0+(?=\d)/, ''), buf.toString('hex')).to.equal((unscaled < 0n ? -unscaled : unscaled).toString());
      }
    }
  });

  it('encodes entity values for the driver: Set → array, Map kept, tuple → Tuple, vector → Vector, duration text → Duration, number → bigint', () => {
    const out = encodeParams(
      [new Set(['a']), new Map([[1, 'x']]), [1, 'b'], [0.5, 1, 2], '1h30m', 5, undefined, null],
      [t.set(t.n('text')), t.map(t.n('int'), t.n('text')), t.tuple(t.n('int'), t.n('text')), t.vector(t.n('float'), 3), t.n('duration'), t.n('bigint'), t.n('text'), t.n('text')],
    );
    expect(out[0]).to.deep.equal(['a']);
    expect(out[1]).to.deep.equal(new Map([[1, 'x']]));
    expect(out[2]).to.be.instanceOf(types.Tuple);
    expect((out[2] as InstanceType<typeof types.Tuple>).elements).to.deep.equal([1, 'b']);
    expect(out[3]).to.be.instanceOf(types.Vector);
    expect(out[4]).to.be.instanceOf(types.Duration);
    expect(out[5]).to.equal(5n);
    expect(out.slice(6)).to.deep.equal([undefined, null]);
  });

  it('encodeOwnParams converts in the array it is given; encodeParams returns a new array and leaves its input as it was', () => {
    const setTypes = [t.set(t.n('text')), t.n('int')];
    const plainTypes = [t.n('text'), t.n('int')];
    // Each type list three times: the first lookup is uncached, later ones take the cached encoders.
    for (let i = 0; i < 3; i++) {
      const input = [new Set(['a']), 1];
      const copy = encodeParams(input, setTypes);
      expect(copy).to.not.equal(input);
      expect(copy).to.deep.equal([['a'], 1]);
      expect(input[0]).to.be.instanceOf(Set);
      const own = [new Set(['a']), 1];
      expect(encodeOwnParams(own, setTypes, 'map')).to.equal(own);
      expect(own).to.deep.equal([['a'], 1]);
      const plainInput = ['x', 2];
      const plainCopy = encodeParams(plainInput, plainTypes);
      expect(plainCopy).to.not.equal(plainInput);
      expect(plainCopy).to.deep.equal(plainInput);
      expect(encodeOwnParams(plainInput, plainTypes, 'map')).to.equal(plainInput);
    }
  });

  it('encodes empty collections as an explicit empty value (the driver would send null, which cannot be nested)', () => {
    const [empty] = encodeParams([[]], [t.list(t.n('int'))]);
    expect(empty).to.deep.equal(Buffer.alloc(4));
  });

  it('refuses a vector of the wrong dimension', () => {
    expect(() => encoderFor(t.vector(t.n('float'), 3))!([1, 2])).to.throw(MappingError, /vector<float, 3>/);
  });

  it('prints every uuid and timeuuid the driver decodes as its canonical lower-case text, byte for byte the driver\'s own', () => {
    const values = [
      ...Array.from({ length: 2000 }, () => types.Uuid.random()),
      ...Array.from({ length: 2000 }, () => types.TimeUuid.now()),
      new types.Uuid(Buffer.alloc(16, 0)), new types.Uuid(Buffer.alloc(16, 0xff)),
      new types.Uuid(Buffer.from(Array.from({ length: 16 }, (_, i) => i * 17))),
    ];
    for (const type of ['uuid', 'timeuuid'] as const) {
      const decode = decoderFor(t.n(type))!;
      for (const v of values) expect(decode(v)).to.equal(v.toString()).and.to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    // Each result is a string of its own, not a view on a buffer reused for the next one.
    const decode = decoderFor(t.n('uuid'))!;
    const first = decode(values[0]);
    decode(values[1]);
    expect(first).to.equal(values[0]!.toString());
  });

  it('decodes driver values: Uuid/InetAddress/LocalDate/LocalTime/BigDecimal → text, Long-like → bigint, null collections → empty', () => {
    expect(decoderFor(t.n('uuid'))!(types.Uuid.fromString('f47ac10b-58cc-4372-a567-0e02b2c3d479'))).to.equal('f47ac10b-58cc-4372-a567-0e02b2c3d479');
    expect(decoderFor(t.n('inet'))!(types.InetAddress.fromString('10.0.0.1'))).to.equal('10.0.0.1');
    expect(decoderFor(t.n('date'))!(types.LocalDate.fromString('2024-02-29'))).to.equal('2024-02-29');
    expect(decoderFor(t.n('time'))!(types.LocalTime.fromString('01:02:03.000450000'))).to.equal('01:02:03.00045');
    expect(decoderFor(t.n('decimal'))!(parseDecimal('-1.000'))).to.equal('-1.000');
    expect(decoderFor(t.n('bigint'))!(types.Long.fromString('9223372036854775807'))).to.equal(9223372036854775807n);
    expect(decoderFor(t.list(t.n('int')))!(null)).to.deep.equal([]);
    expect(decoderFor(t.set(t.n('int')))!(null)).to.deep.equal(new Set());
    expect(decoderFor(t.map(t.n('text'), t.n('int')))!(null)).to.deep.equal(new Map());
    expect(decoderFor(t.n('text'))).to.equal(null);
  });

  it('turns plain-object maps (driver without Map decoding) into Maps when the key text is exact, and refuses lossy keys', () => {
    expect(decoderFor(t.map(t.n('int'), t.n('text')), 'object')!({ '1': 'a', '-2': 'b' })).to.deep.equal(new Map([[1, 'a'], [-2, 'b']]));
    expect(decoderFor(t.map(t.n('bigint'), t.n('text')), 'object')!({ '9007199254740993': 'a' })).to.deep.equal(new Map([[9007199254740993n, 'a']]));
    expect(encoderFor(t.map(t.n('text'), t.n('int')), 'object')!(new Map([['a', 1]]))).to.deep.equal({ a: 1 });
    expect(() => encoderFor(t.map(t.n('timestamp'), t.n('int')), 'object')!(new Map([[new Date(0), 1]]))).to.throw(MappingError, /native Map decoding/);
    expect(() => decoderFor(t.map(t.n('blob'), t.n('int')), 'object')!({ x: 1 })).to.throw(MappingError);
  });

  it('maps UDTs to instances of their class and back to CQL field names', () => {
    class Point {
      xCoord!: number;
      label!: string | null;
    }
    const meta = udt(Point, 'point', [{ property: 'xCoord', type: t.n('int') }, { property: 'label', type: t.n('text') }]);
    const p = decoderFor(t.udt(meta))!({ x_coord: 3, label: null }) as Point;
    expect(p).to.be.instanceOf(Point);
    expect({ ...p }).to.deep.equal({ xCoord: 3, label: null });
    expect(encoderFor(t.udt(meta))!(Object.assign(new Point(), { xCoord: 4 }))).to.deep.equal({ x_coord: 4, label: null });
  });
});

describe('Hydrator', () => {
  it('builds entity instances from rows without running the constructor, missing columns as null', () => {
    const h = new Hydrator(userMeta);
    const u = h.hydrate({ id: 'x', name: 'N', email: null });
    expect(u).to.be.instanceOf(User);
    expect({ ...u }).to.deep.equal({ id: 'x', name: 'N', email: null, age: null });
  });

  it('works the same where code generation is disabled (--disallow-code-generation-from-strings)', () => {
    const hydrator = fileURLToPath(new URL('../../../src/mapping/hydrator.js', import.meta.url));
    const fixtures = fileURLToPath(new URL('../query/fixtures.js', import.meta.url));
    const codec = fileURLToPath(new URL('../../../src/mapping/codec.js', import.meta.url));
    const script = `const m = await import(${JSON.stringify(hydrator)}); const f = await import(${JSON.stringify(fixtures)});
      const c = await import(${JSON.stringify(codec)});
      const u = new m.Hydrator(f.userMeta).hydrate({ id: 'x', name: 'N' });
      class Spot {}
      const spot = c.decoderFor(f.t.udt(f.udt(Spot, 'spot', [{ property: 'xCoord', type: f.t.n('int') }, { property: 'label', type: f.t.n('text') }])))({ x_coord: 3 });
      console.log(JSON.stringify([u instanceof f.User, { ...u }, spot instanceof Spot, { ...spot }]));`;
    const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).to.equal('');
    expect(JSON.parse(run.stdout)).to.deep.equal([true, { id: 'x', name: 'N', email: null, age: null }, true, { xCoord: 3, label: null }]);
  });

  it('hydrates only the selected columns of a projection', () => {
    class Thing {
      id!: number;
      tags!: Set<string>;
    }
    const meta = entity(Thing, 'things', [{ property: 'id', type: t.n('int'), kind: 'partition' }, { property: 'tags', type: t.set(t.n('text')) }]);
    const h = new Hydrator(meta, [meta.byProperty.get('tags')!]);
    expect({ ...h.hydrate({ tags: ['a'] }) }).to.deep.equal({ tags: new Set(['a']) });
  });
});

describe('codec: driver instances, UDT objects and object-decoded maps', () => {
  class Point {
    xCoord?: number;
    label?: string;
  }
  const point = udt(Point, 'point', [{ property: 'xCoord', type: t.n('int') }, { property: 'label', type: t.n('text') }]);
  const refused = (f: () => unknown): Error => {
    try {
      f();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a refusal');
  };

  it("checks the elements of the driver's Tuple and Vector like those of an array", () => {
    const tuple = encoderFor(t.tuple(t.n('int'), t.n('text')));
    expect(refused(() => tuple(new types.Tuple(1.5, 'a'))).message).to.match(/1\.5 is not an integer/);
    expect((tuple(new types.Tuple(1, 'a')) as InstanceType<typeof types.Tuple>).elements).to.deep.equal([1, 'a']);
    const vector = encoderFor(t.vector(t.n('int'), 2));
    expect(refused(() => vector(new types.Vector([1, 0.5], 'int'))).message).to.match(/0\.5 is not an integer/);
    const floats = encoderFor(t.vector(t.n('float'), 2))(new Float32Array([0.5, 1])) as InstanceType<typeof types.Vector>;
    expect(Array.from(floats.elements as ArrayLike<number>)).to.deep.equal([0.5, 1]);
  });

  it('takes a UDT value from a plain object or an instance of its class only, and never echoes a property name', () => {
    const encode = encoderFor(t.udt(point));
    expect(encode({ xCoord: 1 })).to.deep.equal({ x_coord: 1, label: null });
    expect(encode(Object.assign(new Point(), { label: 'a' }))).to.deep.equal({ x_coord: null, label: 'a' });
    expect(refused(() => encode(new Date(0))).message).to.match(/a Date is neither a plain object nor a point/);
    expect(refused(() => encode(new Map([['xCoord', 1]]))).message).to.match(/a Map of 1 entry is neither a plain object nor a point/);
    const unknown = refused(() => encode({ xCoord: 1, 'secret@example.com': 2 }));
    expect(unknown.message).to.match(/its property #2 is not a field of point/);
    expect(unknown.message).not.to.include('secret');
  });

  it("converts the driver's Long and Integer to bigint (the connection's driver encodes 64-bit and varint integers from bigint)", () => {
    expect(encoderFor(t.n('bigint'))(types.Long.fromString('-9223372036854775808'))).to.equal(-(2n ** 63n));
    expect(encoderFor(t.n('counter'))(types.Long.fromNumber(7))).to.equal(7n);
    expect(encoderFor(t.n('varint'))(types.Integer.fromString('123456789012345678901234567890'))).to.equal(123456789012345678901234567890n);
  });

  it("sends inet as its bytes, including forms the driver's parser refuses", () => {
    expect(encoderFor(t.n('inet'))('::1.2.3.4')).to.deep.equal(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]));
    expect(encoderFor(t.n('inet'))('1:2:3:4:5:6:7.8.9.10')).to.deep.equal(Buffer.from([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 7, 8, 9, 10]));
    expect(encoderFor(t.n('inet'))('a::b')).to.deep.equal(types.InetAddress.fromString('a::b').getBuffer());
    expect(encoderFor(t.list(t.n('inet')))(['::1.2.3.4'])).to.deep.equal([Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4])]);
    expect(encoderFor(t.n('inet'))(types.InetAddress.fromString('10.1.2.3'))).to.deep.equal(Buffer.from([10, 1, 2, 3]));
  });

  it('object-decoded maps: keys written from their checked value, and decimal, inet, float and boolean keys need native Maps', () => {
    const dateKeys = encoderFor(t.map(t.n('date'), t.n('int')), 'object');
    expect(dateKeys(new Map([[new Date(Date.UTC(2024, 0, 2)), 1]]))).to.deep.equal({ '2024-01-02': 1 });
    const timeKeys = encoderFor(t.map(t.n('time'), t.n('int')), 'object')(new Map([['01:02:03.5', 1]])) as Record<string, number>;
    const [timeKey] = Object.keys(timeKeys);
    expect(types.LocalTime.fromString(timeKey!).getTotalNanoseconds().toString()).to.equal(String(3723.5e9));
    expect(encoderFor(t.map(t.n('int'), t.n('text')), 'object')(new Map([[5, 'a']]))).to.deep.equal({ 5: 'a' });
    expect(encoderFor(t.map(t.n('bigint'), t.n('text')), 'object')(new Map([[types.Long.fromNumber(9), 'a']]))).to.deep.equal({ 9: 'a' });
    for (const key of ['decimal', 'inet', 'float', 'double', 'boolean'] as const) {
      const sample = { decimal: '1e5', inet: '::1', float: -0, double: -0, boolean: false }[key];
      expect(() => encoderFor(t.map(t.n(key), t.n('int')), 'object')(new Map([[sample, 1]])), key).to.throw(MappingError, /native Map decoding/);
    }
    expect(() => decoderFor(t.map(t.n('decimal'), t.n('int')), 'object')!({ '1E+5': 1 })).to.throw(MappingError, /native Map decoding/);
    expect(() => decoderFor(t.map(t.n('inet'), t.n('int')), 'object')!({ '::1': 1 })).to.throw(MappingError, /native Map decoding/);
    expect(decoderFor(t.map(t.n('boolean'), t.n('int')), 'object')!({ true: 1 })).to.deep.equal(new Map([[true, 1]]));
  });
});
