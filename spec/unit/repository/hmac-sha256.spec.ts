import { expect } from 'chai';
import { createHmac, randomBytes } from 'node:crypto';
import { HmacSha256 } from '../../../src/repository/hmac-sha256.js';

const reference = (key: Buffer, text: string, data: Buffer): Buffer => createHmac('sha256', key).update(text).update('\0').update(data).digest();

describe('HmacSha256 (the page tokens’ MAC)', () => {
  it('computes what node:crypto computes, across block boundaries of the message', () => {
    const key = randomBytes(32);
    const hmac = new HmacSha256(key);
    // Message lengths 1 (text '' and no data) to 300: every padding case, one block to several.
    for (let textLength = 0; textLength < 200; textLength += 7) {
      for (let dataLength = 0; dataLength < 100; dataLength += 3) {
        const text = 'q'.repeat(textLength);
        const data = randomBytes(dataLength);
        expect(hmac.digest(text, data, 32).toString('hex'), `text ${textLength} B, data ${dataLength} B`).to.equal(reference(key, text, data).toString('hex'));
      }
    }
  });

  it('hashes a key longer than a block first, as RFC 2104 says, and takes keys of every length', () => {
    for (const length of [0, 1, 31, 63, 64, 65, 100, 200]) {
      const key = randomBytes(length);
      const data = randomBytes(40);
      expect(new HmacSha256(key).digest('SELECT * FROM t WHERE k = ?\0[1]', data, 32).equals(reference(key, 'SELECT * FROM t WHERE k = ?\0[1]', data)), `key of ${length} B`).to.equal(true);
    }
  });

  it('encodes the text as UTF-8 (a fingerprint holds the query’s parameter values)', () => {
    const key = randomBytes(32);
    const text = 'SELECT * FROM t WHERE name = ?\0["Zoë 東京 🚀"]';
    const data = randomBytes(20);
    expect(new HmacSha256(key).digest(text, data, 32).equals(reference(key, text, data))).to.equal(true);
  });

  it('truncates to the bytes asked for, and keeps no state from one digest to the next', () => {
    const key = randomBytes(32);
    const hmac = new HmacSha256(key);
    const long = 'x'.repeat(5000);
    const a = hmac.digest(long, randomBytes(10), 32);
    const data = Buffer.from('state');
    const short = hmac.digest('fp', data, 16);
    expect(short.length).to.equal(16);
    expect(short.equals(reference(key, 'fp', data).subarray(0, 16))).to.equal(true);
    expect(a.equals(hmac.digest('fp', data, 32))).to.equal(false);
  });
});
