// The `tls` connection setting: client-to-node encryption described in a few keys, PEM text or file
// paths, checked at once (a missing file is a ConfigError naming the key), mapped to the driver's
// sslOptions. Unlike the driver's own default, the node's certificate and name are verified.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions as NodeTlsOptions } from 'node:tls';
import { ConfigError } from '../errors.js';
import { expectBoolean, expectObject, expectString } from './check.js';
import { Secret } from './secret.js';

/** PEM text, a path to a PEM file, or the file's bytes. */
export type PemSource = string | Uint8Array;

/** Client-to-node encryption of a connection (`tls: true` trusts Node's built-in CAs). */
export interface TlsOptions {
  /** The CA certificate(s) the nodes' certificates are checked against. Default: Node's built-in CAs. */
  readonly ca?: PemSource | readonly PemSource[];
  /** The client certificate (chain), for nodes that require one (`require_client_auth`). */
  readonly cert?: PemSource;
  /** The client certificate's private key. Never in a message or log. */
  readonly key?: PemSource;
  /** The client key and certificate as one PKCS12 file (a path, or its bytes), instead of `cert` and `key`. */
  readonly pfx?: string | Uint8Array;
  /** The passphrase of an encrypted `key` or of `pfx`. Never in a message or log. */
  readonly passphrase?: string;
  /** Check each node's certificate against `ca` (and its name, see `checkHostname`). Default true. */
  readonly rejectUnauthorized?: boolean;
  /** Check that the certificate names the host connected to (or `servername`). Default true. */
  readonly checkHostname?: boolean;
  /** The name the nodes' certificates carry, when it is not the address connected to (also sent as SNI). */
  readonly servername?: string;
  /** Lowest TLS version accepted. Default Node's (TLSv1.2). */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** OpenSSL cipher list. Default Node's. */
  readonly ciphers?: string;
}

/** The keys of TlsOptions. */
export const TLS_OPTION_KEYS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'checkHostname', 'servername', 'minVersion', 'ciphers'] as const;

/** Validated TLS settings: PEM contents loaded, the key and passphrase held as Secrets. */
export interface ResolvedTls {
  readonly ca: readonly string[] | undefined;
  readonly cert: string | undefined;
  readonly key: Secret | undefined;
  /** The PKCS12 file's bytes, as base64 held as a Secret (it holds a private key). */
  readonly pfx: Secret | undefined;
  readonly passphrase: Secret | undefined;
  readonly rejectUnauthorized: boolean;
  readonly checkHostname: boolean;
  readonly servername: string | undefined;
  readonly minVersion: 'TLSv1.2' | 'TLSv1.3' | undefined;
  readonly ciphers: string | undefined;
}

const PEM = '-----BEGIN ';

/**
 * How a value that was not PEM text is named in an error: a certificate's path as given; a key's never
 * (a key pasted without its PEM header, or as base64, must not land in a message or a log), only its length.
 */
function named(text: string, secret: boolean): string {
  return secret ? `the value (${text.length} characters, not shown)` : `'${text}'`;
}

/** Why a file could not be read, by its error code alone (the driver's message repeats the path). */
function unreadable(error: unknown, secret: boolean): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return secret ? 'unreadable' : (error as Error).message;
}

/**
 * PEM text as given, or the contents of the PEM file a path names; a missing or non-PEM file is a
 * ConfigError at `path`. `secret` (a private key): the value is never quoted in the error.
 */
export function loadPem(value: unknown, path: string, secret = false): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  const text = expectString(value, path);
  if (text.includes(PEM)) return text;
  let contents: string;
  try {
    contents = readFileSync(text, 'utf8');
  } catch (error) {
    // Not chained as the cause: the file system's message names the path, which may be the key itself.
    throw new ConfigError(`cannot read ${secret ? 'a PEM file at' : 'the PEM file'} ${named(text, secret)} (${unreadable(error, secret)}); give PEM text or the path of a readable file`, path);
  }
  if (!contents.includes(PEM)) throw new ConfigError(`${named(text, secret)} is not a PEM file (no '${PEM}...' line); give a PEM certificate or key`, path);
  return contents;
}

/** The bytes of a PKCS12 file: given as bytes, or read from the path; an unreadable file is a ConfigError at `path` that never quotes the value. */
function loadPfx(value: unknown, path: string): Buffer {
  if (value instanceof Uint8Array) return Buffer.from(value);
  const file = expectString(value, path);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError(`cannot read a PKCS12 file at ${named(file, true)} (${unreadable(error, true)}); give the bytes or the path of a readable file`, path);
  }
}

/** Validates the `tls` setting; `true` gives TLS with Node's built-in CAs, `false` none. */
export function parseTls(value: unknown, path: string): ResolvedTls | undefined {
  if (value === false) return undefined;
  const o = value === true ? {} : expectObject(value, path, TLS_OPTION_KEYS);
  const at = (key: string): string => `${path}.${key}`;
  const caValue = o['ca'];
  const ca = caValue === undefined ? undefined : (Array.isArray(caValue) ? caValue : [caValue]).map((v, i) => loadPem(v, Array.isArray(caValue) ? `${at('ca')}[${i}]` : at('ca')));
  const cert = o['cert'] !== undefined ? loadPem(o['cert'], at('cert')) : undefined;
  const key = o['key'] !== undefined ? new Secret(loadPem(o['key'], at('key'), true)) : undefined;
  if ((cert === undefined) !== (key === undefined)) {
    throw ConfigError.missing(at(cert === undefined ? 'cert' : 'key'), 'a client certificate needs both tls.cert and tls.key');
  }
  const pfx = o['pfx'] !== undefined ? new Secret(loadPfx(o['pfx'], at('pfx')).toString('base64')) : undefined;
  if (pfx !== undefined && cert !== undefined) throw new ConfigError('conflicts with tls.cert and tls.key; give the client certificate one way', at('pfx'));
  if (o['passphrase'] !== undefined && typeof o['passphrase'] !== 'string') throw ConfigError.wrongType(at('passphrase'), 'a string', o['passphrase']);
  const minVersion = o['minVersion'] !== undefined ? expectString(o['minVersion'], at('minVersion')) : undefined;
  if (minVersion !== undefined && minVersion !== 'TLSv1.2' && minVersion !== 'TLSv1.3') {
    throw new ConfigError(`'${minVersion}' is not a TLS version this library accepts ('TLSv1.2' or 'TLSv1.3')`, at('minVersion'));
  }
  return Object.freeze({
    ca: ca === undefined ? undefined : Object.freeze(ca),
    cert,
    key,
    pfx,
    passphrase: typeof o['passphrase'] === 'string' ? new Secret(o['passphrase']) : undefined,
    rejectUnauthorized: o['rejectUnauthorized'] !== undefined ? expectBoolean(o['rejectUnauthorized'], at('rejectUnauthorized')) : true,
    checkHostname: o['checkHostname'] !== undefined ? expectBoolean(o['checkHostname'], at('checkHostname')) : true,
    servername: o['servername'] !== undefined ? expectString(o['servername'], at('servername')) : undefined,
    minVersion,
    ciphers: o['ciphers'] !== undefined ? expectString(o['ciphers'], at('ciphers')) : undefined,
  });
}

/** The driver's sslOptions (Node `tls.connect` options) of resolved TLS settings: the one place the key is revealed. */
export function driverSslOptions(tls: ResolvedTls): NodeTlsOptions {
  return {
    rejectUnauthorized: tls.rejectUnauthorized,
    ...(tls.ca !== undefined ? { ca: [...tls.ca] } : {}),
    ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
    ...(tls.key !== undefined ? { key: tls.key.reveal() } : {}),
    ...(tls.pfx !== undefined ? { pfx: Buffer.from(tls.pfx.reveal(), 'base64') } : {}),
    ...(tls.passphrase !== undefined ? { passphrase: tls.passphrase.reveal() } : {}),
    ...(tls.servername !== undefined ? { servername: tls.servername } : {}),
    ...(tls.minVersion !== undefined ? { minVersion: tls.minVersion } : {}),
    ...(tls.ciphers !== undefined ? { ciphers: tls.ciphers } : {}),
    ...(tls.checkHostname ? {} : { checkServerIdentity: () => undefined }),
  };
}
