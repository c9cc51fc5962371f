// The unknown outcome of a lightweight transaction, without a node: which failures become
// LwtOutcomeUnknownError (and what it carries), the checks of the lwt options, and the back-off.
import { expect } from 'chai';
import { ConfigError, ConnectionLostError, InvalidQueryError, LwtOutcomeUnknownError, QueryTimeoutError, UnavailableError, WriteTimeoutError } from '../../../src/errors.js';
import { backoffDelay, DEFAULT_LWT, lwtFailure, resolveLwtOptions } from '../../../src/repository/lwt.js';
import { thrown } from '../../support/thrown.js';

const cql = 'INSERT INTO ks.claims (id, owner) VALUES (?, ?) IF NOT EXISTS';

describe('lightweight transactions whose outcome is unknown', () => {
  it('a CAS write timeout becomes LwtOutcomeUnknownError with the write type, the acknowledgements and the server error as cause', () => {
    const server = Object.assign(new Error('Server timeout during write query at consistency SERIAL'), { writeType: 'CAS', received: 0, blockFor: 2 });
    const timeout = WriteTimeoutError.fromServer(server.message, cql, server);
    const e = lwtFailure(timeout) as LwtOutcomeUnknownError;
    expect(e).to.be.instanceOf(LwtOutcomeUnknownError);
    expect([e.reason, e.writeType, e.received, e.blockFor, e.resolutionAttempts, e.cql]).to.deep.equal(['timeout', 'CAS', 0, 2, 0, cql]);
    expect(e.cause).to.equal(timeout);
    expect(e.message).to.contain('may or may not have been applied').and.to.contain('write type CAS').and.to.contain('resolveUnknownOutcome');
  });

  it('a client timeout and a connection lost after sending are unknown outcomes; a lost connection before sending is not', () => {
    expect((lwtFailure(new QueryTimeoutError('Client timeout', cql)) as LwtOutcomeUnknownError).reason).to.equal('timeout');
    expect((lwtFailure(ConnectionLostError.inFlight(cql, true, new Error('socket closed'))) as LwtOutcomeUnknownError).reason).to.equal('connection-lost');
    const notSent = ConnectionLostError.inFlight(cql, false, new Error('socket closed'));
    expect(lwtFailure(notSent)).to.equal(notSent);
  });

  it('an unavailable or invalid statement did not apply: it stays as it is', () => {
    const unavailable = new UnavailableError('Cannot achieve consistency level SERIAL', cql);
    const invalid = new InvalidQueryError('unknown column', cql);
    expect(lwtFailure(unavailable)).to.equal(unavailable);
    expect(lwtFailure(invalid)).to.equal(invalid);
  });

  it('after resolution attempts, the message says how many SERIAL reads failed and the last reason', () => {
    const e = LwtOutcomeUnknownError.of(new QueryTimeoutError('Client timeout', cql), cql, 3, new QueryTimeoutError('read timeout at SERIAL', 'SELECT'));
    expect(e.resolutionAttempts).to.equal(3);
    expect(e.message).to.contain('3 SERIAL reads did not resolve it (last: read timeout at SERIAL)').and.to.contain('lwt.attempts');
  });

  it('lwt options: defaults, a call over the repository, and a ConfigError naming a bad key', () => {
    expect(resolveLwtOptions(undefined, 'repository.lwt')).to.equal(DEFAULT_LWT);
    const repo = resolveLwtOptions({ resolveUnknownOutcome: true, attempts: 3 }, 'repository.lwt');
    expect(resolveLwtOptions({ backoffMs: 10 }, 'options.lwt', repo)).to.deep.equal({ resolveUnknownOutcome: true, attempts: 3, backoffMs: 10, maxBackoffMs: 2000 });
    const zero = thrown(() => resolveLwtOptions({ attempts: 0 }, 'options.lwt'));
    expect(zero).to.be.instanceOf(ConfigError).with.property('key', 'options.lwt.attempts');
    const unknown = thrown(() => resolveLwtOptions({ retries: 2 }, 'repository.lwt'));
    expect(unknown).to.be.instanceOf(ConfigError).with.property('key', 'repository.lwt.retries');
    expect(thrown(() => resolveLwtOptions({ resolveUnknownOutcome: 'yes' }, 'options.lwt'))).to.be.instanceOf(ConfigError);
  });

  it('the back-off is a random wait up to a ceiling that doubles per attempt and stops at the maximum', () => {
    const o = { resolveUnknownOutcome: true, attempts: 10, backoffMs: 100, maxBackoffMs: 500 };
    for (let i = 0; i < 200; i++) {
      expect(backoffDelay(o, 1)).to.be.within(0, 100);
      expect(backoffDelay(o, 3)).to.be.within(0, 400);
      expect(backoffDelay(o, 8)).to.be.within(0, 500);
    }
    expect(new Set(Array.from({ length: 50 }, () => backoffDelay(o, 8))).size, 'the waits are spread, not one value').to.be.greaterThan(5);
  });
});
