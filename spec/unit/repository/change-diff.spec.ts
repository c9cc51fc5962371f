// Which columns change tracking counts as changed, for every kind of value: each case tracks an
// entity holding a value as a read returns it, changes it (or assigns an equal value in another
// form, or mutates it in place), and asserts what `changes()` reports and what `saveChanges` sends.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { Repository } from '../../../src/repository/repository.js';
import { entity, t, udt } from '../query/fixtures.js';
import { recordingConnection } from './recording-connection.js';

class Address {
  street?: string | null;
  zip?: number | null;
  tags?: Set<string>;
}
const addressMeta = udt(Address, 'address', [
  { property: 'street', type: t.n('text') },
  { property: 'zip', type: t.n('int') },
  { property: 'tags', type: t.set(t.n('text'), true) },
]);

class Sample {
  id!: number;
  [property: string]: unknown;
}

const sampleMeta = entity(Sample, 'samples', [
  { property: 'id', type: t.n('int'), kind: 'partition' },
  { property: 'txt', type: t.n('text') },
  { property: 'num', type: t.n('int') },
  { property: 'dbl', type: t.n('double') },
  { property: 'big', type: t.n('bigint') },
  { property: 'vint', type: t.n('varint') },
  { property: 'dec', type: t.n('decimal') },
  { property: 'flag', type: t.n('boolean') },
  { property: 'bytes', type: t.n('blob') },
  { property: 'at', type: t.n('timestamp') },
  { property: 'day', type: t.n('date') },
  { property: 'tod', type: t.n('time') },
  { property: 'uid', type: t.n('uuid') },
  { property: 'ip', type: t.n('inet') },
  { property: 'dur', type: t.n('duration') },
  { property: 'list', type: t.list(t.n('int')) },
  { property: 'names', type: t.set(t.n('text')) },
  { property: 'map', type: t.map(t.n('text'), t.n('int')) },
  { property: 'sets', type: t.list(t.set(t.n('int'), true)) },
  { property: 'lists', type: t.map(t.n('text'), t.list(t.n('text'), true)) },
  { property: 'pair', type: t.tuple(t.n('int'), t.n('text')) },
  { property: 'vec', type: t.vector(t.n('float'), 3) },
  { property: 'home', type: t.udt(addressMeta) },
]);

const UID = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';

/** A UDT value as the decoder returns it: an instance of the UDT's class. */
function address(fields: Partial<Address>): Address {
  return Object.assign(new Address(), fields);
}

interface Case {
  readonly name: string;
  readonly property: string;
  /** The value as a read returns it. */
  readonly loaded: unknown;
  /** The change: a new value, or a function that mutates or replaces the loaded value. */
  readonly change: (e: Sample) => void;
  readonly changed: boolean;
}

const set = (property: string, value: unknown) => (e: Sample): void => void (e[property] = value);

const CASES: readonly Case[] = [
  // Natives
  { name: 'the same text', property: 'txt', loaded: 'Ann', change: set('txt', 'Ann'), changed: false },
  { name: 'other text', property: 'txt', loaded: 'Ann', change: set('txt', 'Bo'), changed: true },
  { name: 'an int reassigned', property: 'num', loaded: 7, change: set('num', 7), changed: false },
  { name: 'another int', property: 'num', loaded: 7, change: set('num', 8), changed: true },
  { name: 'NaN for NaN', property: 'dbl', loaded: NaN, change: set('dbl', NaN), changed: false },
  { name: '-0 for 0 (different doubles)', property: 'dbl', loaded: 0, change: set('dbl', -0), changed: true },
  { name: 'a bigint as the same safe number', property: 'big', loaded: 5n, change: set('big', 5), changed: false },
  { name: 'another bigint', property: 'big', loaded: 5n, change: set('big', 6n), changed: true },
  { name: 'a bigint beyond 2^53 by one', property: 'big', loaded: 2n ** 60n, change: set('big', 2n ** 60n + 1n), changed: true },
  { name: 'a varint as the driver Long of its digits', property: 'vint', loaded: 12n, change: set('vint', 12n), changed: false },
  { name: 'the same decimal', property: 'dec', loaded: '1.50', change: set('dec', '1.50'), changed: false },
  { name: 'a decimal of another scale (1.5 is not 1.50)', property: 'dec', loaded: '1.50', change: set('dec', '1.5'), changed: true },
  { name: 'a decimal in scientific notation of the same digits and scale', property: 'dec', loaded: '1.50', change: set('dec', '150E-2'), changed: false },
  { name: 'true for true', property: 'flag', loaded: true, change: set('flag', true), changed: false },
  { name: 'false for true', property: 'flag', loaded: true, change: set('flag', false), changed: true },
  { name: 'a new Buffer of the same bytes', property: 'bytes', loaded: Buffer.from([1, 2, 3]), change: set('bytes', Buffer.from([1, 2, 3])), changed: false },
  { name: 'a Uint8Array of the same bytes', property: 'bytes', loaded: Buffer.from([1, 2, 3]), change: set('bytes', new Uint8Array([1, 2, 3])), changed: false },
  { name: 'a Buffer changed in place', property: 'bytes', loaded: Buffer.from([1, 2, 3]), change: (e) => void ((e['bytes'] as Buffer)[0] = 9), changed: true },
  { name: 'a new Date of the same time', property: 'at', loaded: new Date(1_700_000_000_000), change: set('at', new Date(1_700_000_000_000)), changed: false },
  { name: 'the same milliseconds as a number', property: 'at', loaded: new Date(1_700_000_000_000), change: set('at', 1_700_000_000_000), changed: false },
  { name: 'a Date changed in place (setTime)', property: 'at', loaded: new Date(1_700_000_000_000), change: (e) => void (e['at'] as Date).setTime(1_700_000_000_001), changed: true },
  { name: 'a date as a Date at that midnight UTC', property: 'day', loaded: '2024-01-02', change: set('day', new Date(Date.UTC(2024, 0, 2))), changed: false },
  { name: 'the next day', property: 'day', loaded: '2024-01-02', change: set('day', '2024-01-03'), changed: true },
  { name: 'a time with its nanoseconds spelled out', property: 'tod', loaded: '10:00:00', change: set('tod', '10:00:00.000000000'), changed: false },
  { name: 'a uuid in capitals', property: 'uid', loaded: UID, change: set('uid', UID.toUpperCase()), changed: false },
  { name: 'a uuid as the driver Uuid', property: 'uid', loaded: UID, change: set('uid', cassandra.types.Uuid.fromString(UID)), changed: false },
  { name: 'an IPv6 address spelled longhand', property: 'ip', loaded: '::1', change: set('ip', '0:0:0:0:0:0:0:1'), changed: false },
  { name: 'another address', property: 'ip', loaded: '::1', change: set('ip', '::2'), changed: true },
  { name: 'a duration in ISO 8601', property: 'dur', loaded: '1h', change: set('dur', 'PT1H'), changed: false },
  { name: 'another duration', property: 'dur', loaded: '1h', change: set('dur', '1h1s'), changed: true },
  // Collections
  { name: 'a new list of the same elements', property: 'list', loaded: [1, 2], change: set('list', [1, 2]), changed: false },
  { name: 'a list in another order', property: 'list', loaded: [1, 2], change: set('list', [2, 1]), changed: true },
  { name: 'a list pushed to in place', property: 'list', loaded: [1, 2], change: (e) => void (e['list'] as number[]).push(3), changed: true },
  { name: 'a set in another insertion order', property: 'names', loaded: new Set(['a', 'b']), change: set('names', new Set(['b', 'a'])), changed: false },
  { name: 'a set given as an array', property: 'names', loaded: new Set(['a', 'b']), change: set('names', ['b', 'a']), changed: false },
  { name: 'a set added to in place', property: 'names', loaded: new Set(['a']), change: (e) => void (e['names'] as Set<string>).add('b'), changed: true },
  { name: 'a map in another insertion order', property: 'map', loaded: new Map([['a', 1], ['b', 2]]), change: set('map', new Map([['b', 2], ['a', 1]])), changed: false },
  { name: 'a map given as a plain object', property: 'map', loaded: new Map([['a', 1]]), change: set('map', { a: 1 }), changed: false },
  { name: 'a map value changed in place', property: 'map', loaded: new Map([['a', 1]]), change: (e) => void (e['map'] as Map<string, number>).set('a', 2), changed: true },
  { name: 'a map key deleted in place', property: 'map', loaded: new Map([['a', 1], ['b', 2]]), change: (e) => void (e['map'] as Map<string, number>).delete('b'), changed: true },
  { name: 'nested sets in another order', property: 'sets', loaded: [new Set([1, 2])], change: set('sets', [new Set([2, 1])]), changed: false },
  { name: 'a nested set added to in place', property: 'sets', loaded: [new Set([1, 2])], change: (e) => void (e['sets'] as Set<number>[])[0]!.add(3), changed: true },
  { name: 'a list inside a map pushed to in place', property: 'lists', loaded: new Map([['k', ['x']]]), change: (e) => void (e['lists'] as Map<string, string[]>).get('k')!.push('y'), changed: true },
  { name: 'a list inside a map rebuilt equal', property: 'lists', loaded: new Map([['k', ['x']]]), change: set('lists', new Map([['k', ['x']]])), changed: false },
  // Empty collections and null: Cassandra stores an empty collection as no value
  { name: 'null for an empty list', property: 'list', loaded: [], change: set('list', null), changed: false },
  { name: 'an empty set for an empty set', property: 'names', loaded: new Set(), change: set('names', []), changed: false },
  { name: 'an emptied list', property: 'list', loaded: [1], change: (e) => void (e['list'] as number[]).pop(), changed: true },
  // Tuples, vectors, UDTs
  { name: 'a new tuple of the same elements', property: 'pair', loaded: [1, 'a'], change: set('pair', [1, 'a']), changed: false },
  { name: 'a tuple with undefined where it held null', property: 'pair', loaded: [1, null], change: set('pair', [1, undefined]), changed: false },
  { name: 'a tuple element changed in place', property: 'pair', loaded: [1, 'a'], change: (e) => void ((e['pair'] as unknown[])[1] = 'b'), changed: true },
  { name: 'a vector as a Float32Array', property: 'vec', loaded: [1, 2, 3], change: set('vec', new Float32Array([1, 2, 3])), changed: false },
  { name: 'a vector element changed in place', property: 'vec', loaded: [1, 2, 3], change: (e) => void ((e['vec'] as number[])[2] = 4), changed: true },
  { name: 'a UDT as a plain object of the same fields', property: 'home', loaded: address({ street: 'Main', zip: 1, tags: new Set(['a']) }), change: set('home', { street: 'Main', zip: 1, tags: new Set(['a']) }), changed: false },
  { name: 'a UDT field changed in place', property: 'home', loaded: address({ street: 'Main', zip: 1, tags: new Set() }), change: (e) => void ((e['home'] as Address).zip = 2), changed: true },
  { name: 'a set inside a UDT added to in place', property: 'home', loaded: address({ street: 'Main', zip: 1, tags: new Set(['a']) }), change: (e) => void (e['home'] as Address).tags!.add('b'), changed: true },
  { name: 'a UDT field undefined where it held null', property: 'home', loaded: address({ street: null, zip: 1, tags: new Set() }), change: set('home', { zip: 1 }), changed: false },
  // null and undefined
  { name: 'undefined for a value (left alone, never written)', property: 'txt', loaded: 'Ann', change: set('txt', undefined), changed: false },
  { name: 'null for a value (deletes it)', property: 'txt', loaded: 'Ann', change: set('txt', null), changed: true },
  { name: 'null for null', property: 'txt', loaded: null, change: set('txt', null), changed: false },
  { name: 'a value for null', property: 'txt', loaded: null, change: set('txt', 'Ann'), changed: true },
  { name: 'null for a UDT', property: 'home', loaded: address({ zip: 1 }), change: set('home', null), changed: true },
];

describe('change tracking: what counts as changed', () => {
  for (const c of CASES) {
    it(`${c.changed ? 'sends' : 'does not send'} ${c.name} (${c.property})`, async () => {
      const { connection, calls } = recordingConnection();
      const samples = new Repository<Sample>(connection, sampleMeta);
      const e = samples.track(Object.assign(new Sample(), { id: 1, [c.property]: c.loaded }));
      c.change(e);
      expect(samples.changes(e)).to.deep.equal(c.changed ? [c.property] : []);
      const result = await samples.saveChanges(e);
      expect(result).to.deep.equal({ applied: true });
      if (!c.changed) {
        expect(calls).to.deep.equal([]);
        return;
      }
      const column = sampleMeta.byProperty.get(c.property)!.name;
      expect(calls.map((x) => x.cql)).to.deep.equal([`UPDATE samples SET ${column} = ? WHERE id = ?`]);
      // What was sent becomes the snapshot: a second save sends nothing.
      expect(samples.changes(e)).to.deep.equal([]);
      await samples.saveChanges(e);
      expect(calls).to.have.length(1);
    });
  }

  it('compares a snapshot taken of values, not of the objects: replacing the loaded object later changes nothing', () => {
    const { connection } = recordingConnection();
    const samples = new Repository<Sample>(connection, sampleMeta);
    const tags = new Set(['a']);
    const e = samples.track(Object.assign(new Sample(), { id: 1, names: tags }));
    e['names'] = new Set(['a']);
    tags.add('b');
    expect(samples.changes(e)).to.deep.equal([]);
  });

  it('lists every changed property in column order, whatever the order of assignment', () => {
    const { connection } = recordingConnection();
    const samples = new Repository<Sample>(connection, sampleMeta);
    const e = samples.track(Object.assign(new Sample(), { id: 1, txt: 'a', num: 1, list: [1] }));
    e['list'] = [2];
    e['txt'] = 'b';
    e['num'] = 2;
    expect(samples.changes(e)).to.deep.equal(['txt', 'num', 'list']);
  });

  it('counts a value its column cannot take as changed, so its write reports it', async () => {
    const { connection, calls } = recordingConnection();
    const samples = new Repository<Sample>(connection, sampleMeta);
    const e = samples.track(Object.assign(new Sample(), { id: 1, num: 1 }));
    (e as Record<string, unknown>)['num'] = '1';
    expect(samples.changes(e)).to.deep.equal(['num']);
    const error = await samples.saveChanges(e).catch((x: unknown) => x);
    expect(error).to.have.property('name', 'InvalidValueError');
    expect((error as Error).message).to.equal('Sample.num (column num, int): a string of 1 character is not an integer number; int takes an integer number');
    expect(calls).to.deep.equal([]);
  });
});
