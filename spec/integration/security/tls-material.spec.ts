// The launcher's throw-away TLS material, made with openssl and with the JDK's keytool alone: a CA,
// a node certificate it signs for the nodes' IP addresses (server use), a client certificate (client
// use) whose key Node can load, and PKCS12 stores Java reads as a key entry and a trusted CA. That
// Cassandra accepts them is spec/cluster/security.spec.ts's part.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { findJava } from '../../../src/dev-node/jvm-node.js';
import { STORE_PASSWORD, keytoolOf, makeTlsMaterial, type TlsMaterial } from '../../../src/dev-node/tls-material.js';

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

function keytoolList(java: string, store: string): string {
  const r = spawnSync(keytoolOf(java), ['-list', '-keystore', store, '-storetype', 'PKCS12', '-storepass', STORE_PASSWORD], { encoding: 'utf8' });
  expect(r.status, r.stderr).to.equal(0);
  return r.stdout;
}

for (const tool of ['openssl', 'keytool'] as const) {
  describe(`dev node TLS material made with ${tool}`, function () {
    this.timeout(120_000);
    let dir: string;
    let java: string;
    let material: TlsMaterial;
    before(() => {
      java = findJava();
      dir = mkdtempSync(join(tmpdir(), `cassandra-orm-tls-${tool}-`));
      material = makeTlsMaterial(dir, ['127.0.0.21', '127.0.0.22'], java, tool);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('has a CA, and a node certificate it signed for every node address, for server use', () => {
      expect(material.madeWith).to.equal(tool);
      const ca = new X509Certificate(readFileSync(material.caPem));
      expect(ca.ca).to.equal(true);
      const node = new X509Certificate(readFileSync(join(dir, 'node.pem')));
      expect(node.verify(ca.publicKey), 'signed by the CA').to.equal(true);
      expect(node.checkIP('127.0.0.21')).to.equal('127.0.0.21');
      expect(node.checkIP('127.0.0.22')).to.equal('127.0.0.22');
      expect(node.checkIP('127.0.0.23')).to.equal(undefined);
      expect(node.keyUsage).to.include(SERVER_AUTH).and.not.include(CLIENT_AUTH);
    });

    it('has a client certificate the CA signed, for client use, with a key Node loads (PEM, or PKCS12 from keytool)', () => {
      const ca = new X509Certificate(readFileSync(material.caPem));
      const client = new X509Certificate(readFileSync(material.clientCertPem));
      expect(client.verify(ca.publicKey)).to.equal(true);
      expect(client.keyUsage).to.include(CLIENT_AUTH);
      if (tool === 'openssl') {
        const key = createPrivateKey(readFileSync(material.clientKeyPem!));
        expect(client.checkPrivateKey(key), 'the key is the certificate’s').to.equal(true);
        expect(() => createSecureContext({ cert: readFileSync(material.clientCertPem), key: readFileSync(material.clientKeyPem!) })).not.to.throw();
      } else {
        expect(material.clientKeyPem, 'keytool cannot export a private key').to.equal(undefined);
      }
      expect(() => createSecureContext({ pfx: readFileSync(material.clientPfx), passphrase: STORE_PASSWORD })).not.to.throw();
    });

    it('has a node keystore with the key entry and a truststore with the CA as a trusted entry, as Java reads them', () => {
      expect(keytoolList(java, material.keystore)).to.match(/^node, .*PrivateKeyEntry/m);
      expect(keytoolList(java, material.truststore)).to.match(/^ca, .*trustedCertEntry/m);
    });
  });
}
