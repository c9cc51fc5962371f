// Client-to-node encryption as deployed: nodes of their own (127.0.0.21 with TLS, then 127.0.0.22
// requiring client certificates; small heaps, one at a time), started with the launcher's throw-away
// CA. A connection with the CA works through the `tls` setting and through DATABASES `ssl_options`
// (file paths), and the node says the session is encrypted; a wrong CA, a wrong host name and a
// missing or foreign client certificate fail with a TlsError that says which; plain connections are
// refused.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection, ConnectionRegistry, fromDjangoDatabases, type ConnectionOptions } from '../../src/index.js';
import { ConnectionError, TlsError } from '../../src/public/errors.js';
import { startJvmNode, stopJvmNode, type JvmNode } from '../../src/dev-node/jvm-node.js';
import { signedCertificate, throwAwayCa } from '../../src/dev-node/tls-material.js';

const HEAP_MB = 512;

/** Starts a TLS node for one describe block; SIGKILLs it should the process exit first. */
function tlsNode(address: string, storagePort: number, requireClientCert: boolean): () => JvmNode {
  let node: JvmNode | undefined;
  const onExit = (): void => {
    if (node !== undefined) process.kill(node.pid, 'SIGKILL');
  };
  before(async function () {
    this.timeout(300_000);
    process.once('exit', onExit);
    node = await startJvmNode({ address, storagePort, heapMb: HEAP_MB, tls: { requireClientCert } }, (line) => console.error(`      [security] ${line}`));
    console.error(`      [security] ${address} up in ${(node.startedInMs / 1000).toFixed(1)} s`);
  });
  after(async function () {
    this.timeout(60_000);
    process.removeListener('exit', onExit);
    if (node !== undefined) await stopJvmNode(node);
    node = undefined;
  });
  return () => {
    if (node === undefined) throw new Error('the TLS node did not start');
    return node;
  };
}

function connect(node: JvmNode, options: Partial<ConnectionOptions>): Connection {
  return new Connection({ contactPoints: [`${node.address}:${node.port}`], username: 'cassandra', password: 'cassandra', alias: 'secure', ...options });
}

/** Whether the node sees this connection's sessions as encrypted (system_views.clients, per client connection). */
async function encryptedOnServer(connection: Connection): Promise<boolean[]> {
  const rs = await connection.execute('SELECT ssl_enabled, ssl_protocol FROM system_views.clients');
  return rs.rows.map((r) => r['ssl_enabled'] === true && typeof r['ssl_protocol'] === 'string' && String(r['ssl_protocol']).startsWith('TLS'));
}

async function failure(connection: Connection): Promise<unknown> {
  try {
    await connection.execute('SELECT release_version FROM system.local');
  } catch (error) {
    return error;
  } finally {
    await connection.close();
  }
  throw new Error('expected the connection to fail');
}

function djangoDatabases(node: JvmNode, ssl: Record<string, unknown>): ConnectionRegistry {
  return new ConnectionRegistry(
    fromDjangoDatabases({
      default: { ENGINE: 'django_cassandra_engine', NAME: 'system', USER: 'cassandra', PASSWORD: 'cassandra', HOST: node.address, PORT: node.port, OPTIONS: { connection: { lazy_connect: true, ssl_options: ssl } } },
    }),
  );
}

describe('security: TLS (client-to-node encryption)', function () {
  this.timeout(120_000);
  const node = tlsNode('127.0.0.21', 7021, false);
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'cassandra-orm-security-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('the CA through the tls setting (a file path): the connection works, and the node reports the session encrypted', async () => {
    const tls = node().tls!;
    const connection = connect(node(), { tls: { ca: tls.caPem } });
    try {
      const rs = await connection.execute('SELECT release_version FROM system.local');
      expect(String(rs.first()?.['release_version'])).to.match(/^5\.0\./);
      const sessions = await encryptedOnServer(connection);
      expect(sessions.length).to.be.greaterThan(0);
      expect(sessions.every(Boolean), 'every client session on the node is TLS').to.equal(true);
    } finally {
      await connection.close();
    }
  });

  it("the CA through DATABASES ssl_options (Python's ca_certs, a file path) works", async () => {
    const registry = djangoDatabases(node(), { ca_certs: node().tls!.caPem, cert_reqs: 'CERT_REQUIRED' });
    try {
      const rs = await registry.get().execute('SELECT release_version FROM system.local');
      expect(String(rs.first()?.['release_version'])).to.match(/^5\.0\./);
      expect((await encryptedOnServer(registry.get())).every(Boolean)).to.equal(true);
    } finally {
      await registry.closeAll();
    }
  });

  it('a wrong CA fails with TlsError untrusted-certificate, with the OpenSSL reason and the fix', async () => {
    const other = throwAwayCa(scratch, 'other-ca');
    const error = await failure(connect(node(), { tls: { ca: other.certPem } }));
    expect(error).to.be.instanceOf(TlsError).and.instanceOf(ConnectionError);
    const e = error as TlsError;
    expect([e.reason, e.code, e.host]).to.deep.equal(['untrusted-certificate', 'SELF_SIGNED_CERT_IN_CHAIN', '127.0.0.21:9042']);
    expect(e.message).to.contain("Connection 'secure': TLS failure with 127.0.0.21:9042").and.to.contain('self-signed certificate in certificate chain').and.to.contain('set tls.ca');
    expect(e.message).not.to.contain('cassandra\'s password').and.not.to.match(/password[:=]/i);
    // The same CA missing from DATABASES: no ca_certs, Node's built-in CAs do not know the throw-away one.
    const viaDjango = djangoDatabases(node(), { cert_reqs: 2 });
    const django = await viaDjango.get().execute('SELECT release_version FROM system.local').then(() => undefined, (x: unknown) => x);
    await viaDjango.closeAll();
    expect((django as TlsError).reason).to.equal('untrusted-certificate');
  });

  it('a host name the certificate does not carry fails with TlsError hostname-mismatch (and checkHostname: false lets it through)', async () => {
    const tls = node().tls!;
    const error = await failure(connect(node(), { tls: { ca: tls.caPem, servername: 'cassandra.example.com' } }));
    expect(error).to.be.instanceOf(TlsError);
    expect((error as TlsError).reason).to.equal('hostname-mismatch');
    expect((error as Error).message).to.contain("Hostname/IP does not match certificate's altnames").and.to.contain('tls.servername');
    const unchecked = connect(node(), { tls: { ca: tls.caPem, servername: 'cassandra.example.com', checkHostname: false } });
    try {
      await unchecked.execute('SELECT release_version FROM system.local');
    } finally {
      await unchecked.close();
    }
  });

  it('a plain connection is refused (the node takes TLS only), and is not called a TLS failure', async () => {
    const error = await failure(connect(node(), {}));
    expect(error).to.be.instanceOf(ConnectionError).and.not.instanceOf(TlsError);
    expect((error as Error).message).to.contain('ECONNRESET').and.to.contain('a node that takes TLS connections only resets plain ones: if it does, set tls');
  });
});

describe('security: mutual TLS (client certificates required)', function () {
  this.timeout(120_000);
  const node = tlsNode('127.0.0.22', 7022, true);
  let scratch: string;
  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'cassandra-orm-security-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('with the client certificate and key (file paths) the connection works, through tls (PEM or PKCS12) and through ssl_options certfile/keyfile', async () => {
    const tls = node().tls!;
    expect(tls.requireClientCert).to.equal(true);
    const connection = connect(node(), { tls: { ca: tls.caPem, cert: tls.clientCertPem!, key: tls.clientKeyPem! } });
    try {
      expect((await encryptedOnServer(connection)).every(Boolean)).to.equal(true);
    } finally {
      await connection.close();
    }
    const pkcs12 = connect(node(), { tls: { ca: tls.caPem, pfx: tls.clientPfx!, passphrase: tls.clientPfxPassword! } });
    try {
      await pkcs12.execute('SELECT release_version FROM system.local');
    } finally {
      await pkcs12.close();
    }
    const registry = djangoDatabases(node(), { ca_certs: tls.caPem, certfile: tls.clientCertPem, keyfile: tls.clientKeyPem });
    try {
      await registry.get().execute('SELECT release_version FROM system.local');
    } finally {
      await registry.closeAll();
    }
  });

  it('without a client certificate it fails with TlsError client-certificate-required', async () => {
    const error = await failure(connect(node(), { tls: { ca: node().tls!.caPem } }));
    expect(error).to.be.instanceOf(TlsError);
    expect((error as TlsError).reason).to.equal('client-certificate-required');
    expect((error as Error).message).to.contain('certificate required').and.to.contain('set tls.cert and tls.key');
  });

  it('with a client certificate another CA signed it fails with TlsError client-certificate-rejected', async () => {
    const other = throwAwayCa(scratch, 'rogue-ca');
    const rogue = signedCertificate(other, scratch, 'rogue-client', 'rogue', ['extendedKeyUsage=clientAuth']);
    const error = await failure(connect(node(), { tls: { ca: node().tls!.caPem, cert: rogue.certPem, key: rogue.keyPem } }));
    expect(error).to.be.instanceOf(TlsError);
    expect((error as TlsError).reason, (error as Error).message).to.equal('client-certificate-rejected');
    expect((error as Error).message).to.contain("node's truststore");
    // A key that is not the certificate's: refused on this side, and said so.
    const mismatch = await failure(connect(node(), { tls: { ca: node().tls!.caPem, cert: node().tls!.clientCertPem!, key: rogue.keyPem } }));
    expect([(mismatch as TlsError).reason, (mismatch as TlsError).code]).to.deep.equal(['handshake', 'ERR_OSSL_X509_KEY_VALUES_MISMATCH']);
    expect((mismatch as Error).message).to.contain('check tls.cert, tls.key and tls.passphrase');
  });
});
