// The tls connection setting and DATABASES ssl_options: PEM text or file paths, a ConfigError naming
// the key for a missing or non-PEM file, verification on by default, the key never printed; and the
// driver's TLS handshake failures translated into TlsError with a reason and a fix.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { fromDjangoDatabases } from '../../../src/index.js';
import { ConfigError, ConnectionError, TlsError } from '../../../src/public/errors.js';
import { resolveConnectionSettings } from '../../../src/connection/connection-settings.js';
import { driverClientOptions } from '../../../src/connection/driver-options.js';
import { translateConnectError, translateQueryError } from '../../../src/connection/driver-errors.js';
import { thrown } from '../../support/thrown.js';

const CA = '-----BEGIN CERTIFICATE-----\nQ0EgY2VydA==\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nY2xpZW50\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----\n';

const resolve = (options: unknown) => resolveConnectionSettings(options, { path: 'connections.main', alias: 'main' });

describe('connection: tls settings', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cassandra-orm-tls-spec-'));
    writeFileSync(join(dir, 'ca.pem'), CA);
    writeFileSync(join(dir, 'client.pem'), CERT);
    writeFileSync(join(dir, 'client.key'), KEY);
    writeFileSync(join(dir, 'notes.txt'), 'not a certificate');
    writeFileSync(join(dir, 'client.p12'), Buffer.from([0x30, 0x82, 0x01, 0x02, 0xfe]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads file paths and keeps PEM text, and gives the driver sslOptions that verify the node', () => {
    const s = resolve({ contactPoints: 'h', tls: { ca: join(dir, 'ca.pem'), cert: CERT, key: join(dir, 'client.key'), servername: 'node1.example' } });
    const ssl = driverClientOptions(s, undefined).sslOptions;
    expect(ssl).to.deep.equal({ rejectUnauthorized: true, ca: [CA], cert: CERT, key: KEY, servername: 'node1.example' });
  });

  it('tls: true trusts the built-in CAs and still verifies (the driver alone would not)', () => {
    expect(driverClientOptions(resolve({ contactPoints: 'h', tls: true }), undefined).sslOptions).to.deep.equal({ rejectUnauthorized: true });
    expect(driverClientOptions(resolve({ contactPoints: 'h', tls: false }), undefined).sslOptions).to.equal(undefined);
    expect(driverClientOptions(resolve({ contactPoints: 'h' }), undefined).sslOptions).to.equal(undefined);
  });

  it('checkHostname: false keeps the CA check and skips only the name check; rejectUnauthorized: false skips both', () => {
    const ssl = driverClientOptions(resolve({ contactPoints: 'h', tls: { ca: CA, checkHostname: false } }), undefined).sslOptions as { checkServerIdentity?: (host: string, cert: unknown) => unknown; rejectUnauthorized?: boolean };
    expect(ssl.rejectUnauthorized).to.equal(true);
    expect(ssl.checkServerIdentity?.('10.0.0.9', {})).to.equal(undefined);
    expect(driverClientOptions(resolve({ contactPoints: 'h', tls: { rejectUnauthorized: false } }), undefined).sslOptions).to.deep.equal({ rejectUnauthorized: false });
  });

  it('pfx: a PKCS12 file path (or bytes) is handed over as bytes, never printed, and is one way of giving the client certificate', () => {
    const s = resolve({ contactPoints: 'h', tls: { ca: CA, pfx: join(dir, 'client.p12'), passphrase: 'p12-pass' } });
    const ssl = driverClientOptions(s, undefined).sslOptions as { pfx?: Buffer; passphrase?: string };
    expect([...(ssl.pfx ?? [])]).to.deep.equal([0x30, 0x82, 0x01, 0x02, 0xfe]);
    expect(ssl.passphrase).to.equal('p12-pass');
    expect(inspect(s, { depth: 10 })).not.to.contain(Buffer.from([0x30, 0x82, 0x01, 0x02, 0xfe]).toString('base64')).and.not.to.contain('p12-pass');
    const both = thrown(() => resolve({ contactPoints: 'h', tls: { pfx: new Uint8Array([1]), cert: CERT, key: KEY } })) as ConfigError;
    expect(both.key).to.equal('connections.main.tls.pfx');
    const gone = thrown(() => resolve({ contactPoints: 'h', tls: { pfx: join(dir, 'gone.p12') } })) as ConfigError;
    expect(gone.message).to.contain('cannot read a PKCS12 file at the value (').and.contain('(ENOENT)').and.not.contain('gone.p12');
  });

  it('never quotes a key given without its PEM header (base64, DER text) in the error, nor chains the file error naming it', () => {
    const pasted = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(40);
    for (const settings of [{ tls: { ca: CA, cert: CERT, key: pasted } }, { tls: { pfx: pasted } }]) {
      const error = thrown(() => resolve({ contactPoints: 'h', ...settings })) as ConfigError;
      expect(error).to.be.instanceOf(ConfigError);
      expect(error.message).to.contain(`${pasted.length} characters, not shown`);
      expect(`${error.message} ${inspect(error, { depth: 10 })}`).not.to.contain(pasted.slice(0, 40));
    }
    const django = thrown(() => fromDjangoDatabases({ default: { ENGINE: 'django_cassandra_engine', NAME: 'app', HOST: 'h', OPTIONS: { connection: { ssl_options: { ca_certs: CA, certfile: CERT, keyfile: pasted } } } } })) as ConfigError;
    expect(`${django.message} ${inspect(django, { depth: 10 })}`).not.to.contain(pasted.slice(0, 40));
  });

  it('never prints the key or the passphrase', () => {
    const s = resolve({ contactPoints: 'h', tls: { ca: CA, cert: CERT, key: KEY, passphrase: 'open-sesame' } });
    const printed = `${inspect(s, { depth: 10 })} ${JSON.stringify(s)}`;
    expect(printed).not.to.contain('c2VjcmV0LWtleS1ieXRlcw').and.not.to.contain('open-sesame');
    expect(printed).to.contain('[secret]');
    expect((driverClientOptions(s, undefined).sslOptions as { passphrase?: string }).passphrase).to.equal('open-sesame');
  });

  it('a missing or non-PEM file, a lone cert, an unknown key or sslOptions beside tls is a ConfigError naming the key', () => {
    const missing = thrown(() => resolve({ contactPoints: 'h', tls: { ca: join(dir, 'nope.pem') } })) as ConfigError;
    expect(missing).to.be.instanceOf(ConfigError);
    expect(missing.key).to.equal('connections.main.tls.ca');
    expect(missing.message).to.contain(`cannot read the PEM file '${join(dir, 'nope.pem')}' (ENOENT)`);
    const list = thrown(() => resolve({ contactPoints: 'h', tls: { ca: [CA, join(dir, 'notes.txt')] } })) as ConfigError;
    expect([list.key, list.message]).to.deep.equal(['connections.main.tls.ca[1]', `connections.main.tls.ca[1]: '${join(dir, 'notes.txt')}' is not a PEM file (no '-----BEGIN ...' line); give a PEM certificate or key`]);
    expect((thrown(() => resolve({ contactPoints: 'h', tls: { cert: CERT } })) as ConfigError).key).to.equal('connections.main.tls.key');
    expect((thrown(() => resolve({ contactPoints: 'h', tls: { cafile: CA } })) as ConfigError).key).to.equal('connections.main.tls.cafile');
    expect((thrown(() => resolve({ contactPoints: 'h', tls: { minVersion: 'TLSv1' } })) as ConfigError).key).to.equal('connections.main.tls.minVersion');
    const both = thrown(() => resolve({ contactPoints: 'h', tls: true, clientOptions: { sslOptions: {} } })) as ConfigError;
    expect(both.message).to.equal("connections.main.tls: conflicts with clientOptions.sslOptions; set only one (tls maps onto the driver's sslOptions)");
  });

  it('DATABASES ssl_options: the Python keys (file paths) become tls, cert_reqs and check_hostname map, errors name the key written', () => {
    const config = fromDjangoDatabases({
      default: {
        ENGINE: 'django_cassandra_engine', NAME: 'events', HOST: '10.0.0.1',
        OPTIONS: { connection: { ssl_options: { ca_certs: join(dir, 'ca.pem'), certfile: join(dir, 'client.pem'), keyfile: join(dir, 'client.key'), cert_reqs: 'CERT_REQUIRED', check_hostname: false, server_hostname: 'n.example' } } },
      },
    });
    const native = config.connections['default'];
    expect(native?.tls).to.deep.equal({ ca: CA, cert: CERT, key: KEY, rejectUnauthorized: true, checkHostname: false, servername: 'n.example' });
    expect(native?.clientOptions?.sslOptions).to.equal(undefined);
    const db = (ssl: Record<string, unknown>) => ({ default: { ENGINE: 'django_cassandra_engine', NAME: 'events', HOST: '10.0.0.1', OPTIONS: { connection: { ssl_options: ssl } } } });
    expect(fromDjangoDatabases(db({ ca: CA, cert_reqs: 0 })).connections['default']?.tls).to.deep.equal({ ca: CA, rejectUnauthorized: false });
    const missing = thrown(() => fromDjangoDatabases(db({ ca_certs: join(dir, 'gone.pem') }))) as ConfigError;
    expect(missing.key).to.equal('DATABASES.default.OPTIONS.connection.ssl_options.ca_certs');
    expect((thrown(() => fromDjangoDatabases(db({ ssl_version: 5 }))) as ConfigError).message).to.contain("minVersion: 'TLSv1.2'");
    expect((thrown(() => fromDjangoDatabases(db({ cert_reqs: 'CERT_MAYBE' }))) as ConfigError).key).to.equal('DATABASES.default.OPTIONS.connection.ssl_options.cert_reqs');
    expect((thrown(() => fromDjangoDatabases(db({ ca_certs: CA, ca: CA }))) as ConfigError).message).to.contain('conflicts with ca');
    expect((thrown(() => fromDjangoDatabases(db({ secureProtocol: 'x' }))) as ConfigError).key).to.equal('DATABASES.default.OPTIONS.connection.ssl_options.secureProtocol');
  });
});

/** What the driver's connect attempt raises: NoHostAvailableError with Node's TLS error per host. */
function noHost(code: string, message: string): Error {
  const inner = Object.assign(new Error(message), { code });
  return new cassandra.errors.NoHostAvailableError({ '10.0.0.1:9042': inner });
}

describe('connection: TLS failures become TlsError', () => {
  const ctx = { alias: 'events', contactPoints: ['10.0.0.1'], username: 'app' };
  const cases: [string, string, TlsError['reason'], string][] = [
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain', 'untrusted-certificate', 'set tls.ca'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate', 'untrusted-certificate', 'set tls.ca'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list: 10.0.0.2", 'hostname-mismatch', 'tls.servername'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', '80BC:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 116\n', 'client-certificate-required', 'set tls.cert and tls.key'],
    ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', '80BC:error:0A000418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca', 'client-certificate-rejected', "node's truststore"],
    ['ERR_OSSL_X509_KEY_VALUES_MISMATCH', 'error:05800074:x509 certificate routines::key values mismatch', 'handshake', 'check tls.cert, tls.key and tls.passphrase'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', '80BC:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n', 'handshake', 'answered without TLS'],
  ];
  for (const [code, message, reason, fix] of cases) {
    it(`${code} → ${reason}`, () => {
      const cause = noHost(code, message);
      const error = translateConnectError(cause, ctx) as TlsError;
      expect(error).to.be.instanceOf(TlsError).and.instanceOf(ConnectionError);
      expect([error.reason, error.code, error.host, error.cause]).to.deep.equal([reason, code, '10.0.0.1:9042', cause]);
      expect(error.message).to.match(new RegExp(`^Connection 'events': TLS failure with 10\\.0\\.0\\.1:9042 \\(${reason}: `));
      expect(error.message).to.contain(`[${code}]`).and.to.contain(fix).and.not.to.contain('../deps/openssl');
      // The same failure on a statement's lazy connect.
      expect(translateQueryError(cause, 'SELECT 1', ctx)).to.be.instanceOf(TlsError);
    });
  }

  it("an internal_error alert is the node refusing the client certificate when one was sent, else a handshake failure", () => {
    const cause = noHost('ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR', '80BC:error:0A000438:SSL routines:ssl3_read_bytes:tlsv1 alert internal error');
    const sent = translateConnectError(cause, { ...ctx, clientCertificate: true }) as TlsError;
    expect(sent.reason).to.equal('client-certificate-rejected');
    expect(sent.message).to.contain('internal_error alert, which is how Cassandra refuses one its truststore does not trust');
    expect((translateConnectError(cause, ctx) as TlsError).reason).to.equal('handshake');
  });

  it('a refused plain connection is not called a TLS failure', () => {
    const inner = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const error = translateConnectError(new cassandra.errors.NoHostAvailableError({ '10.0.0.1:9042': inner }), ctx);
    expect(error).to.be.instanceOf(ConnectionError).and.not.instanceOf(TlsError);
    expect(error.message).to.contain('a node that takes TLS connections only resets plain ones: if it does, set tls');
    // With TLS configured, a reset is not blamed on its absence.
    const withTls = translateConnectError(new cassandra.errors.NoHostAvailableError({ '10.0.0.1:9042': inner }), { ...ctx, tls: true });
    expect(withTls.message).not.to.contain('set tls');
  });
});
