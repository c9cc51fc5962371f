// Throw-away TLS material for development nodes: a CA made at start, a node certificate it signs
// (SAN = the nodes' IP addresses, so hostname verification passes), the node's PKCS12 keystore and
// truststore, and a client certificate: with openssl, as PEM certificate and key; with only the JDK's
// keytool (which cannot export a private key), as PEM certificate and a PKCS12 file holding the key.
// Everything lives in the node's temporary folder and is deleted with it; nothing here is meant for
// real data.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DevNodeError } from '../errors.js';
import type { NodeTls } from './probe.js';

/** A launcher's `tls` option: `true` for TLS only, `{ requireClientCert: true }` to require client certificates too. */
export type NodeTlsOption = boolean | { readonly requireClientCert?: boolean };

/** The `tls` option as a flag, or undefined for a plain node. */
export function tlsRequested(tls: NodeTlsOption | undefined): { readonly requireClientCert: boolean } | undefined {
  if (tls === undefined || tls === false) return undefined;
  return { requireClientCert: tls !== true && tls.requireClientCert === true };
}

/**
 * Makes the TLS material of nodes on `addresses` in `dir`; returns the cassandra.yaml block and the
 * files a client needs (the client certificate is made whether or not the nodes require one).
 */
export function prepareTls(dir: string, addresses: readonly string[], java: string, requireClientCert: boolean): { yaml: string; tls: NodeTls } {
  const material = makeTlsMaterial(dir, addresses, java);
  return {
    yaml: clientEncryptionYaml(material, requireClientCert),
    tls: {
      caPem: material.caPem,
      clientCertPem: material.clientCertPem,
      ...(material.clientKeyPem !== undefined ? { clientKeyPem: material.clientKeyPem } : {}),
      clientPfx: material.clientPfx,
      clientPfxPassword: STORE_PASSWORD,
      requireClientCert,
    },
  };
}

/** The password of the node's keystore and truststore (throw-away material; cassandra.yaml names it). */
export const STORE_PASSWORD = 'cassandra';

/** A CA: its certificate (PEM, what clients trust) and private key (PEM). */
export interface ThrowAwayCa {
  readonly certPem: string;
  readonly keyPem: string;
}

/** What a TLS node's cassandra.yaml and its clients need: file paths only. */
export interface TlsMaterial {
  /** Which tool made it. */
  readonly madeWith: 'openssl' | 'keytool';
  /** The CA certificate (PEM): a client's `tls.ca`. */
  readonly caPem: string;
  /** A client certificate signed by the CA (PEM): a client's `tls.cert`. */
  readonly clientCertPem: string;
  /** Its unencrypted key (PEM), a client's `tls.key`; undefined when keytool made the material (see clientPfx). */
  readonly clientKeyPem: string | undefined;
  /** The client key and certificate as PKCS12 (password STORE_PASSWORD), a client's `tls.pfx`: always made. */
  readonly clientPfx: string;
  /** The node's key and certificate chain (PKCS12, password STORE_PASSWORD). */
  readonly keystore: string;
  /** The CA as a trusted certificate (PKCS12, password STORE_PASSWORD): checks client certificates. */
  readonly truststore: string;
}

function run(bin: string, args: readonly string[], what: string): void {
  const r = spawnSync(bin, [...args], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    const detail = r.error !== undefined ? r.error.message : `${r.stderr}${r.stdout}`.trim().split('\n').slice(-5).join('\n');
    throw DevNodeError.tlsMaterial(what, `${basename(bin)} ${args[0] ?? ''}`, detail, r.error);
  }
}

/** The keytool beside the JDK's java binary. */
export function keytoolOf(java: string): string {
  const keytool = join(dirname(java), 'keytool');
  if (!existsSync(keytool)) throw DevNodeError.tlsMaterial('the truststore', keytool, 'keytool not found beside the java binary', undefined);
  return keytool;
}

/** True when an `openssl` binary runs. */
export function hasOpenssl(): boolean {
  const r = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

/** A new CA in `dir` (`<name>.pem`, `<name>.key`), valid two days. */
export function throwAwayCa(dir: string, name = 'ca'): ThrowAwayCa {
  mkdirSync(dir, { recursive: true });
  const certPem = join(dir, `${name}.pem`);
  const keyPem = join(dir, `${name}.key`);
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPem, '-out', certPem, '-days', '2',
    '-subj', `/O=cassandra-orm/CN=throw-away development CA (${name})`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], `the CA ${name}`);
  return { certPem, keyPem };
}

/** A key and a certificate the CA signs, with the given extensions (SAN, extended key usage). */
export function signedCertificate(ca: ThrowAwayCa, dir: string, name: string, commonName: string, extensions: readonly string[]): { certPem: string; keyPem: string } {
  const keyPem = join(dir, `${name}.key`);
  const csr = join(dir, `${name}.csr`);
  const certPem = join(dir, `${name}.pem`);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, `${extensions.join('\n')}\n`);
  run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPem, '-out', csr, '-subj', `/O=cassandra-orm/CN=${commonName}`], `the key of ${name}`);
  run('openssl', ['x509', '-req', '-in', csr, '-CA', ca.certPem, '-CAkey', ca.keyPem, '-CAcreateserial', '-out', certPem, '-days', '2', '-extfile', ext], `the certificate of ${name}`);
  return { certPem, keyPem };
}

/**
 * Makes the CA, the node certificate (valid for every address in `addresses`), the node's keystore and
 * truststore, and a client certificate, in `dir`. Needs `openssl`, and the JDK's `keytool` for the
 * truststore (a PKCS12 file only Java's tool marks as trusted).
 */
export function makeTlsMaterial(dir: string, addresses: readonly string[], java: string, tool: 'openssl' | 'keytool' = hasOpenssl() ? 'openssl' : 'keytool'): TlsMaterial {
  if (tool === 'keytool') return makeWithKeytool(dir, addresses, keytoolOf(java));
  const ca = throwAwayCa(dir);
  const san = `subjectAltName=${addresses.map((a) => `IP:${a}`).join(',')}`;
  const node = signedCertificate(ca, dir, 'node', addresses[0] ?? 'node', [san, 'extendedKeyUsage=serverAuth', 'keyUsage=critical,digitalSignature,keyEncipherment']);
  const client = signedCertificate(ca, dir, 'client', 'cassandra-orm-client', ['extendedKeyUsage=clientAuth', 'keyUsage=critical,digitalSignature,keyEncipherment']);
  const keystore = join(dir, 'node-keystore.p12');
  run('openssl', ['pkcs12', '-export', '-in', node.certPem, '-inkey', node.keyPem, '-certfile', ca.certPem, '-name', 'node', '-out', keystore,
    '-passout', `pass:${STORE_PASSWORD}`], 'the node keystore');
  const clientPfx = join(dir, 'client.p12');
  run('openssl', ['pkcs12', '-export', '-in', client.certPem, '-inkey', client.keyPem, '-name', 'client', '-out', clientPfx, '-passout', `pass:${STORE_PASSWORD}`], 'the client PKCS12 file');
  const truststore = trustStore(dir, ca.certPem, keytoolOf(java));
  return { madeWith: 'openssl', caPem: ca.certPem, clientCertPem: client.certPem, clientKeyPem: client.keyPem, clientPfx, keystore, truststore };
}

/** A PKCS12 truststore holding the CA as a trusted certificate (only keytool marks entries so). */
function trustStore(dir: string, caPem: string, keytool: string): string {
  const truststore = join(dir, 'truststore.p12');
  run(keytool, ['-importcert', '-noprompt', '-alias', 'ca', '-file', caPem, '-keystore', truststore, '-storetype', 'PKCS12', '-storepass', STORE_PASSWORD], 'the truststore');
  return truststore;
}

/** The same material with the JDK's keytool only (a machine without openssl): the client key stays in a PKCS12 file. */
function makeWithKeytool(dir: string, addresses: readonly string[], keytool: string): TlsMaterial {
  mkdirSync(dir, { recursive: true });
  const store = (file: string): string[] => ['-keystore', join(dir, file), '-storetype', 'PKCS12', '-storepass', STORE_PASSWORD];
  const keypair = (file: string, alias: string, dname: string, ext: readonly string[]): void =>
    run(keytool, ['-genkeypair', '-alias', alias, '-keyalg', 'RSA', '-keysize', '2048', '-validity', '2', '-dname', dname, ...ext.flatMap((e) => ['-ext', e]), ...store(file)], `the key of ${alias}`);
  const caPem = join(dir, 'ca.pem');
  keypair('ca.p12', 'ca', 'O=cassandra-orm,CN=throw-away development CA (ca)', ['bc:c', 'ku:c=keyCertSign,cRLSign']);
  run(keytool, ['-exportcert', '-rfc', '-alias', 'ca', '-file', caPem, ...store('ca.p12')], 'the CA certificate');
  /** A key pair in `file`, its certificate signed by the CA with `ext`, and the signed chain imported back. */
  const signed = (file: string, alias: string, cn: string, ext: readonly string[]): string => {
    keypair(file, alias, `O=cassandra-orm,CN=${cn}`, []);
    const csr = join(dir, `${alias}.csr`);
    const certPem = join(dir, `${alias}.pem`);
    run(keytool, ['-certreq', '-alias', alias, '-file', csr, ...store(file)], `the request of ${alias}`);
    run(keytool, ['-gencert', '-rfc', '-alias', 'ca', '-infile', csr, '-outfile', certPem, '-validity', '2', ...ext.flatMap((e) => ['-ext', e]), ...store('ca.p12')], `the certificate of ${alias}`);
    run(keytool, ['-importcert', '-noprompt', '-alias', 'ca', '-file', caPem, ...store(file)], `the CA in ${file}`);
    run(keytool, ['-importcert', '-noprompt', '-alias', alias, '-file', certPem, ...store(file)], `the certificate of ${alias} in ${file}`);
    return certPem;
  };
  signed('node-keystore.p12', 'node', addresses[0] ?? 'node', [`san=${addresses.map((a) => `ip:${a}`).join(',')}`, 'eku=serverAuth', 'ku:c=digitalSignature,keyEncipherment']);
  const clientCertPem = signed('client.p12', 'client', 'cassandra-orm-client', ['eku=clientAuth', 'ku:c=digitalSignature,keyEncipherment']);
  return {
    madeWith: 'keytool',
    caPem,
    clientCertPem,
    clientKeyPem: undefined,
    clientPfx: join(dir, 'client.p12'),
    keystore: join(dir, 'node-keystore.p12'),
    truststore: trustStore(dir, caPem, keytool),
  };
}

/** The `client_encryption_options` block of cassandra.yaml: TLS only (`optional: false`), client certificates when required. */
export function clientEncryptionYaml(material: TlsMaterial, requireClientCert: boolean): string {
  return `client_encryption_options:
  enabled: true
  optional: false
  keystore: ${material.keystore}
  keystore_password: ${STORE_PASSWORD}
  truststore: ${material.truststore}
  truststore_password: ${STORE_PASSWORD}
  store_type: PKCS12
  require_client_auth: ${requireClientCert}
`;
}
