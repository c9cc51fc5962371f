// Opaque page tokens: the driver's page state, signed with HMAC-SHA256 over the query it belongs to.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PageTokenError } from '../errors.js';

/** A per-process key, used when the repository is given none (page tokens then do not survive a restart). */
const PROCESS_SECRET = randomBytes(32);

/** Signs and checks page tokens with one secret. */
export class CursorSigner {
  private readonly secret: Buffer;

  constructor(secret?: string | Buffer) {
    this.secret = secret === undefined ? PROCESS_SECRET : Buffer.isBuffer(secret) ? secret : Buffer.from(secret, 'utf8');
  }

  private mac(fingerprint: string, state: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(fingerprint).update('\0').update(state).digest().subarray(0, 16);
  }

  /** A page token for a page state of the query identified by `fingerprint`. */
  sign(fingerprint: string, state: Buffer): string {
    return `${state.toString('base64url')}.${this.mac(fingerprint, state).toString('base64url')}`;
  }

  /** The page state inside a page token; throws PageTokenError when it was altered or belongs to another query. */
  open(fingerprint: string, cursor: string): Buffer {
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

/** Identifies a query (CQL and parameter values) so a cursor cannot be replayed on another one. */
export function fingerprint(cql: string, params: readonly unknown[]): string {
  return `${cql}\0${stable(params)}`;
}
