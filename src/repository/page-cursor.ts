// Opaque page tokens: the driver's page state, signed with HMAC-SHA256 over the query it belongs to.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { PageTokenError } from '../errors.js';
import { HmacSha256 } from './hmac-sha256.js';

/** A per-process key, used when the repository is given none (page tokens then do not survive a restart). */
const PROCESS_SECRET = randomBytes(32);

/** Signs and checks page tokens with one secret. */
export class CursorSigner {
  private readonly hmac: HmacSha256;

  constructor(secret?: string | Buffer) {
    this.hmac = new HmacSha256(secret === undefined ? PROCESS_SECRET : Buffer.isBuffer(secret) ? secret : Buffer.from(secret, 'utf8'));
  }

  /** HMAC-SHA256 of the fingerprint (CQL, a zero byte, the parameters), a zero byte and the page state: its first 16 bytes. */
  private mac(fingerprint: Fingerprint, state: Buffer): Buffer {
    return this.hmac.digest(fingerprint.cql, fingerprint.params, state, 16);
  }

  /** A page token for a page state of the query identified by `fingerprint`. */
  sign(fingerprint: Fingerprint, state: Buffer): string {
    return `${state.toString('base64url')}.${this.mac(fingerprint, state).toString('base64url')}`;
  }

  /** The page state inside a page token; throws PageTokenError when it was altered or belongs to another query. */
  open(fingerprint: Fingerprint, cursor: string): Buffer {
    const dot = cursor.indexOf('.');
    if (typeof cursor !== 'string' || dot <= 0 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(cursor)) throw PageTokenError.tampered();
    const state = Buffer.from(cursor.slice(0, dot), 'base64url');
    const mac = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const expected = this.mac(fingerprint, state);
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw PageTokenError.tampered();
    return state;
  }
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Map) return { map: [...v.entries()] };
    if (v instanceof Set) return { set: [...v] };
    if (v instanceof Date) return { date: v.getTime() };
    if (v !== null && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer') return v;
    return v;
  });
}

/** True when every value is one JSON writes as `stable` would (no replacer needed, which is much slower). */
function plain(params: readonly unknown[]): boolean {
  for (let i = 0; i < params.length; i++) {
    const v = params[i];
    if (v !== null && typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) return false;
  }
  return true;
}

/**
 * What identifies a query, so that a cursor cannot be replayed on another one: its CQL text, and a zero
 * byte and its parameter values. Kept apart because the CQL text recurs (see HmacSha256.digest).
 */
export interface Fingerprint {
  readonly cql: string;
  readonly params: string;
}

/** The fingerprint of a query (CQL and parameter values). */
export function fingerprint(cql: string, params: readonly unknown[]): Fingerprint {
  return { cql, params: `\0${plain(params) ? JSON.stringify(params) : stable(params)}` };
}
