// HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256) of the short messages page tokens sign, computed in
// JavaScript. node:crypto's createHmac spends 2–4 µs per call on creating and keying its native object,
// several times what hashing a token's hundred-odd bytes costs here, and page() signs or checks up to two
// tokens a call. The key's inner and outer pad blocks are hashed once, when the key is given, and so
// are the whole blocks of each query's CQL text, so a token costs the compression of its remaining
// blocks and one more. The result is the same function node:crypto
// computes (spec/unit/repository/hmac-sha256.spec.ts compares them), with no branch on secret data.
import { createHash } from 'node:crypto';

const ROUND = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
const BLOCK = 64;

// Scratch space shared by every signer: each digest runs to completion synchronously.
const schedule = new Int32Array(64);
const state = new Int32Array(8);
let scratch = Buffer.alloc(512);

/** Runs the SHA-256 compression function over the 64-byte block of `buf` at `offset`, updating `h`. */
function compress(h: Int32Array, buf: Uint8Array, offset: number): void {
  const w = schedule;
  for (let i = 0; i < 16; i++) {
    const j = offset + i * 4;
    w[i] = (buf[j]! << 24) | (buf[j + 1]! << 16) | (buf[j + 2]! << 8) | buf[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const x = w[i - 15]!;
    const y = w[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + ROUND[i]! + w[i]!) | 0;
    const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + k) | 0;
}

/**
 * Pads the `length` message bytes at the start of `scratch`, which follow `hashed` bytes already hashed
 * into `state` (whole blocks), and hashes them into `state`.
 */
function finish(length: number, hashed: number): void {
  const padded = Math.ceil((length + 9) / BLOCK) * BLOCK;
  scratch.fill(0, length, padded);
  scratch[length] = 0x80;
  const bits = (hashed + length) * 8;
  scratch.writeUInt32BE(Math.floor(bits / 0x100000000), padded - 8);
  scratch.writeUInt32BE(bits >>> 0, padded - 4);
  for (let offset = 0; offset < padded; offset += BLOCK) compress(state, scratch, offset);
}

function padded(key: Buffer, pad: number): Int32Array {
  const block = Buffer.alloc(BLOCK);
  key.copy(block);
  for (let i = 0; i < BLOCK; i++) block[i] = block[i]! ^ pad;
  const h = INITIAL.slice();
  compress(h, block, 0);
  return h;
}

/** The inner hash's state after the key block and the whole blocks of a prefix, and the prefix's bytes after them. */
interface Prefix {
  readonly state: Int32Array;
  readonly hashed: number;
  readonly tail: Buffer;
}

/** Prefixes remembered per key before the memory starts over (a query's CQL text is one; they are few). */
const PREFIXES = 512;

/** HMAC-SHA256 under one key. */
export class HmacSha256 {
  private readonly inner: Int32Array;
  private readonly outer: Int32Array;
  private readonly prefixes = new Map<string, Prefix>();

  constructor(key: Buffer) {
    const k = key.length > BLOCK ? createHash('sha256').update(key).digest() : key;
    this.inner = padded(k, 0x36);
    this.outer = padded(k, 0x5c);
  }

  /**
   * The first `bytes` (at most 32) bytes of HMAC(key, utf8(`prefix`) ‖ utf8(`text`) ‖ 0x00 ‖ `data`).
   * The whole blocks `prefix` fills on its own are hashed once and remembered: the prefix is a query's
   * CQL text, the same for every page of it.
   */
  digest(prefix: string, text: string, data: Uint8Array, bytes: number): Buffer {
    const p = this.prefixes.get(prefix) ?? this.remember(prefix);
    const room = p.tail.length + text.length * 3 + 1 + data.length + 2 * BLOCK;
    if (scratch.length < room) scratch = Buffer.alloc(Math.max(room, scratch.length * 2));
    scratch.set(p.tail, 0);
    let n = p.tail.length;
    n += scratch.write(text, n, 'utf8');
    scratch[n++] = 0;
    scratch.set(data, n);
    n += data.length;
    state.set(p.state);
    finish(n, p.hashed);
    for (let i = 0; i < 8; i++) scratch.writeInt32BE(state[i]!, i * 4);
    state.set(this.outer);
    finish(32, BLOCK);
    const out = Buffer.allocUnsafe(32);
    for (let i = 0; i < 8; i++) out.writeInt32BE(state[i]!, i * 4);
    return bytes === 32 ? out : out.subarray(0, bytes);
  }

  private remember(prefix: string): Prefix {
    const bytes = Buffer.from(prefix, 'utf8');
    const whole = bytes.length - (bytes.length % BLOCK);
    const h = this.inner.slice();
    for (let offset = 0; offset < whole; offset += BLOCK) compress(h, bytes, offset);
    const p: Prefix = { state: h, hashed: BLOCK + whole, tail: Buffer.from(bytes.subarray(whole)) };
    if (this.prefixes.size >= PREFIXES) this.prefixes.clear();
    this.prefixes.set(prefix, p);
    return p;
  }
}
