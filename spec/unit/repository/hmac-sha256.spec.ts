import { expect } from 'chai';
import { createHmac, randomBytes } from 'node:crypto';
import { HmacSha256 } from '../../../src/repository/hmac-sha256.js';

const reference = (key: Buffer, text: string, data: Buffer): Buffer => createHmac('sha256', key).update(text).update('\0').update(data).digest();

/** The digest of `text` split into a remembered prefix and the rest at `at`. */
const split = (hmac: HmacSha256, text: string, data: Buffer, at = Math.floor(text.length / 2)): Buffer => hmac.digest(text.slice(0, at), text.slice(at), data, 32);

describe('HmacSha256 (the page tokens’ MAC)', () => {
  it('computes what node:crypto computes, across block boundaries of the message', () => {
    const key = randomBytes(32);
    const hmac = new HmacSha256(key);
    // Message lengths 1 (text '' and no data) to 300: every padding case, one block to several.
    for (let textLength = 0; textLength < 200; textLength += 7) {
      for (let dataLength = 0; dataLength < 100; dataLength += 3) {
        const text = 'q'.repeat(textLength);
        const data = randomBytes(dataLength);
        expect(split(hmac, text, data).toString('hex'), `text ${textLength} B, data ${dataLength} B`).to.equal(reference(key, text, data).toString('hex'));
      }
    }
  });

  it('hashes a key longer than a block first, as RFC 2104 says, and takes keys of every length', () => {
    for (const length of [0, 1, 31, 63, 64, 65, 100, 200]) {
      const key = randomBytes(length);
      const data = randomBytes(40);
      expect(new HmacSha256(key).digest('SELECT * FROM t WHERE k = ?', '\0[1]', data, 32).equals(reference(key, 'SELECT * FROM t WHERE k = ?\0[1]', data)), `key of ${length} B`).to.equal(true);
    }
  });

  it('encodes the text as UTF-8 (a fingerprint holds the query’s parameter values)', () => {
    const key = randomBytes(32);
    const text = 'SELECT * FROM t WHERE name = ?\0["Zoë 東京 🚀"]';
    const data = randomBytes(20);
    expect(split(new HmacSha256(key), text, data, 20).equals(reference(key, text, data))).to.equal(true);
  });

  it('gives the same digest wherever the message is split between prefix and text, with the prefix remembered or not', () => {
    const key = randomBytes(32);
    const hmac = new HmacSha256(key);
    const cql = 'SELECT bucket, seq, name, value, payload FROM bench_keyspace.events WHERE bucket = ? AND seq > ?';
    const text = `${cql}\0[7,"x"]`;
    const data = randomBytes(19);
    const expected = reference(key, text, data).toString('hex');
    // Each prefix twice: once hashed and remembered, once from memory.
    for (const at of [0, 1, 63, 64, 65, 127, 128, cql.length, text.length]) {
      for (let i = 0; i < 2; i++) expect(split(hmac, text, data, at).toString('hex'), `split at ${at}, pass ${i}`).to.equal(expected);
    }
    // Many prefixes: past the memory's bound it starts over, and digests stay right.
    for (let i = 0; i < 1100; i++) {
      const t = `SELECT * FROM t${i} WHERE k = ?\0[${i}]`;
      expect(hmac.digest(t.slice(0, -4), t.slice(-4), data, 32).equals(reference(key, t, data)), `prefix ${i}`).to.equal(true);
    }
  });

  it('truncates to the bytes asked for, and keeps no state from one digest to the next', () => {
    const key = randomBytes(32);
    const hmac = new HmacSha256(key);
    const long = 'x'.repeat(5000);
    const a = hmac.digest(long, '', randomBytes(10), 32);
    const data = Buffer.from('state');
    const short = hmac.digest('f', 'p', data, 16);
    expect(short.length).to.equal(16);
    expect(short.equals(reference(key, 'fp', data).subarray(0, 16))).to.equal(true);
    expect(a.equals(hmac.digest('f', 'p', data, 32))).to.equal(false);
  });
});
