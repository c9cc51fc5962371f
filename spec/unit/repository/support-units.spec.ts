// Repository building blocks without a node: cursor signing, driver options, hooks.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { CursorSigner, fingerprint } from '../../../src/repository/page-cursor.js';
import { driverOptions } from '../../../src/repository/options.js';
import { hooksOf, runHooks } from '../../../src/repository/hooks-runner.js';
import { AfterLoad, BeforeInsert } from '../../../src/decorators/hooks.js';
import { ConfigError, PageTokenError } from '../../../src/errors.js';

describe('CursorSigner', () => {
  const signer = new CursorSigner('secret');
  const fp = fingerprint('SELECT * FROM t WHERE k = ?', ['a', 1n, new Map([[1, 2]])]);
  const state = Buffer.from('0011ffee', 'hex');

  it('round-trips a page state through an opaque, URL-safe cursor', () => {
    const cursor = signer.sign(fp, state);
    expect(cursor).to.match(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(signer.open(fp, cursor)).to.deep.equal(state);
  });

  it('rejects altered cursors, cursors of other queries or parameters, and other secrets', () => {
    const cursor = signer.sign(fp, state);
    const forged = `${Buffer.from('0011ffef', 'hex').toString('base64url')}${cursor.slice(cursor.indexOf('.'))}`;
    expect(() => signer.open(fp, forged)).to.throw(PageTokenError, /altered/);
    expect(() => signer.open(fingerprint('SELECT * FROM t WHERE k = ?', ['b', 1n, new Map([[1, 2]])]), cursor)).to.throw(PageTokenError);
    expect(() => new CursorSigner('other').open(fp, cursor)).to.throw(PageTokenError);
    expect(() => signer.open(fp, 'not a cursor')).to.throw(PageTokenError);
  });
});

describe('driverOptions', () => {
  it('always prepares and passes idempotency from the statement', () => {
    expect(driverOptions({ idempotent: true }, undefined)).to.deep.equal({ prepare: true, isIdempotent: true });
    expect(driverOptions({ idempotent: false }, undefined)).to.deep.equal({ prepare: true, isIdempotent: false });
  });

  it('maps per-call options to the driver', () => {
    const o = driverOptions({ idempotent: true }, { consistency: 'localQuorum', serialConsistency: 'localSerial', timeout: 1500, fetchSize: 50, tracing: true, executionProfile: 'olap' });
    expect(o).to.deep.equal({
      prepare: true, isIdempotent: true,
      consistency: cassandra.types.consistencies.localQuorum, serialConsistency: cassandra.types.consistencies.localSerial,
      readTimeout: 1500, fetchSize: 50, traceQuery: true, executionProfile: 'olap',
    });
  });

  it('accepts CQL-style consistency names too', () => {
    expect(driverOptions({ idempotent: true }, { consistency: 'LOCAL_QUORUM', serialConsistency: 'SERIAL' })).to.include({
      consistency: cassandra.types.consistencies.localQuorum,
      serialConsistency: cassandra.types.consistencies.serial,
    });
  });

  it('refuses an unknown consistency name', () => {
    expect(() => driverOptions({ idempotent: true }, { consistency: 'most' as never })).to.throw(ConfigError, /consistency: expected a consistency/);
  });
});

describe('lifecycle hooks', () => {
  class Base {
    calls: string[] = [];
    @BeforeInsert() base(): void {
      this.calls.push('base');
    }
  }
  class Child extends Base {
    @BeforeInsert() async child(): Promise<void> {
      await new Promise((r) => setTimeout(r, 1));
      this.calls.push('child');
    }
    @AfterLoad() loaded(): void {
      this.calls.push('loaded');
    }
  }

  it('records hooks per event, ancestors first, and runs async ones in order', async () => {
    expect(hooksOf(Child, 'beforeInsert')).to.deep.equal(['base', 'child']);
    expect(hooksOf(Child, 'afterLoad')).to.deep.equal(['loaded']);
    expect(hooksOf(Base, 'afterLoad')).to.deep.equal([]);
    const c = new Child();
    await runHooks(c, hooksOf(Child, 'beforeInsert'));
    expect(c.calls).to.deep.equal(['base', 'child']);
  });
});
