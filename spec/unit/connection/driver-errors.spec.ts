// Driver errors become typed errors carrying the CQL and the original as `cause`, never a bound value.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { AuthenticationError, DriverError, InvalidValueError, ConnectionError, InvalidQueryError, PoolSaturatedError, QueryError, QueryTimeoutError, UnauthorizedError, UnavailableError, WriteTimeoutError, ConnectionLostError, ReplicaFailureError } from '../../../src/public/errors.js';
import { thrown } from '../../support/thrown.js';
import { statementTable, translateConnectError, translateQueryError } from '../../../src/connection/driver-errors.js';

const ctx = { alias: 'events', contactPoints: ['10.0.0.1'], username: 'app' };
const codes = cassandra.types.responseErrorCodes;
const cql = 'SELECT * FROM t WHERE id = ?';

function response(code: number, message: string): Error {
  return new cassandra.errors.ResponseError(code, message);
}

describe('connection: driver errors', () => {
  it('a replica read or write failure is a ReplicaFailureError with the counts the server sent', () => {
    const message = 'Server failure during read query at consistency QUORUM (2 responses were required but only 1 replicas responded, 1 failed)';
    const read = Object.assign(response(codes.readFailure, message), { failures: 1, received: 1, blockFor: 2 });
    const error = translateQueryError(read, cql, ctx) as ReplicaFailureError;
    expect(error).to.be.instanceOf(ReplicaFailureError).and.instanceOf(QueryError);
    expect([error.operation, error.failures, error.received, error.blockFor, error.cause]).to.deep.equal(['read', 1, 1, 2, read]);
    expect(error.message).to.equal(`Replica read failure: t: ${message} (in: ${cql})`);
    expect((translateQueryError(response(codes.writeFailure, 'Server failure during write query'), cql, ctx) as ReplicaFailureError).operation).to.equal('write');
  });

  it('a socket closed under an in-flight statement is a ConnectionLostError saying whether it was sent, not a refusal', () => {
    // What the driver's connection hands every pending request when its socket closes.
    const SocketClosed = cassandra.errors.DriverError as unknown as new (message: string) => Error;
    const sent = Object.assign(new SocketClosed('Socket was closed'), { isSocketError: true });
    const error = translateQueryError(sent, cql, ctx) as ConnectionLostError;
    expect(error).to.be.instanceOf(ConnectionLostError).and.instanceOf(QueryError);
    expect([error.written, error.cql, error.cause]).to.deep.equal([true, cql, sent]);
    expect(error.message).to.equal(`The connection to the coordinator closed while the statement was in flight (the statement had been sent, so it may or may not have been applied): Socket was closed (in: ${cql})`);
    const unsent = Object.assign(new SocketClosed('Socket was closed'), { isSocketError: true, requestNotWritten: true });
    expect((translateQueryError(unsent, cql, ctx) as ConnectionLostError).written).to.equal(false);
  });

  it('a server write timeout keeps the write type and the acknowledgement counts, and is still a QueryTimeoutError', () => {
    const driverError = Object.assign(response(codes.writeTimeout, 'Operation timed out - received only 1 responses.'), { writeType: 'CAS', received: 1, blockFor: 2 });
    const error = translateQueryError(driverError, cql, ctx) as WriteTimeoutError;
    expect(error).to.be.instanceOf(WriteTimeoutError).and.instanceOf(QueryTimeoutError);
    expect([error.writeType, error.received, error.blockFor, error.cql, error.cause]).to.deep.equal(['CAS', 1, 2, cql, driverError]);
    expect(error.message).to.match(/^Write timeout \(write type CAS, 1 of 2 replicas acknowledged; the write may or may not be applied\): t: Operation timed out/);
    const bare = translateQueryError(response(codes.writeTimeout, 'Operation timed out'), cql, ctx) as WriteTimeoutError;
    expect([bare.writeType, bare.received, bare.blockFor]).to.deep.equal([undefined, undefined, undefined]);
  });

  const table: Array<[string, Error, Function]> = [
    ['syntax error', response(codes.syntaxError, "line 1:0 no viable alternative at input 'SELEC'"), InvalidQueryError],
    ['invalid query', response(codes.invalid, 'unconfigured table t'), InvalidQueryError],
    ['unavailable', response(codes.unavailableException, 'Cannot achieve consistency level THREE'), UnavailableError],
    ['server read timeout', response(codes.readTimeout, 'Operation timed out'), QueryTimeoutError],
    ['server write timeout', response(codes.writeTimeout, 'Operation timed out'), WriteTimeoutError],
    ['unauthorized', response(codes.unauthorized, 'User app has no MODIFY permission'), UnauthorizedError],
    ['client timeout', new cassandra.errors.OperationTimedOutError('no reply', '10.0.0.1:9042'), QueryTimeoutError],
    ['anything else', response(codes.serverError, 'boom'), QueryError],
  ];
  for (const [kind, driverError, type] of table) {
    it(`${kind} → ${type.name} with the CQL and the cause`, () => {
      const error = translateQueryError(driverError, cql, ctx) as QueryError;
      expect(error).to.be.instanceOf(type);
      expect(error.constructor).to.equal(type);
      expect(error.cql).to.equal(cql);
      expect(error.cause).to.equal(driverError);
      expect(error.message).to.contain(cql);
    });
  }

  it('client timeouts on every host → QueryTimeoutError, not "unreachable"', () => {
    const inner = new cassandra.errors.OperationTimedOutError('no reply', '10.0.0.1:9042');
    const error = translateQueryError(new cassandra.errors.NoHostAvailableError({ '10.0.0.1:9042': inner }), cql, ctx);
    expect(error).to.be.instanceOf(QueryTimeoutError);
    expect(error.message).to.contain('10.0.0.1:9042: no reply');
  });

  it('a server error on every host tried → the typed error of that answer', () => {
    const unavailable = response(codes.unavailableException, 'Cannot achieve consistency level THREE');
    const error = translateQueryError(new cassandra.errors.NoHostAvailableError({ '10.0.0.1:9042': unavailable }), cql, ctx);
    expect(error).to.be.instanceOf(UnavailableError);
    expect(error.cause).to.equal(unavailable);
  });

  it('bad credentials → AuthenticationError naming the user', () => {
    const error = translateConnectError(new cassandra.errors.AuthenticationError('Provided username app and/or password are incorrect'), ctx);
    expect(error).to.be.instanceOf(AuthenticationError);
    expect(error.message).to.contain("user 'app'");
    expect(error.message).to.contain('(server: Provided username app and/or password are incorrect)').and.to.contain('Check USER/PASSWORD');
    expect((error as AuthenticationError).systemAuthUnavailable).to.equal(false);
  });

  it('system_auth unreadable at login → AuthenticationError that says so, with the server reason and the fix, not "check USER/PASSWORD"', () => {
    const reason = 'Unable to perform authentication: Cannot achieve consistency level QUORUM';
    const driverError = new cassandra.errors.NoHostAvailableError({
      '10.0.0.1:9042': new cassandra.errors.AuthenticationError(reason),
      '10.0.0.2:9042': new cassandra.errors.AuthenticationError(reason),
    });
    const error = translateConnectError(driverError, ctx) as AuthenticationError;
    expect(error).to.be.instanceOf(AuthenticationError);
    expect(error.systemAuthUnavailable).to.equal(true);
    expect(error.message).to.contain(`(server: ${reason})`).and.to.contain("user 'app'").and.to.contain('could not read system_auth');
    expect(error.message).to.contain('ALTER KEYSPACE system_auth WITH replication').and.to.contain('nodetool repair system_auth');
    expect(error.message).not.to.contain('Check USER/PASSWORD');
    expect(error.cause).to.equal(driverError);
  });

  it('system_auth unreadable for a permission check → UnauthorizedError that says so, with the fix; a real refusal stays plain', () => {
    const unreadable = new cassandra.errors.ResponseError(cassandra.types.responseErrorCodes.unauthorized, 'Unable to perform authorization of super-user permission: Cannot achieve consistency level QUORUM');
    const error = translateQueryError(unreadable, cql, ctx) as UnauthorizedError;
    expect(error).to.be.instanceOf(UnauthorizedError);
    expect(error.systemAuthUnavailable).to.equal(true);
    expect(error.message).to.contain('Unable to perform authorization of super-user permission').and.to.contain('ALTER KEYSPACE system_auth');
    const refused = new cassandra.errors.ResponseError(cassandra.types.responseErrorCodes.unauthorized, 'User app has no MODIFY permission on <table ks.t> or any of its parents');
    const plain = translateQueryError(refused, cql, ctx) as UnauthorizedError;
    expect(plain.systemAuthUnavailable).to.equal(false);
    expect(plain.message).to.contain('has no MODIFY permission').and.not.to.contain('system_auth');
  });

  it('an unreachable cluster → ConnectionError with one line per host', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:9042\n    at stack'), { code: 'ECONNREFUSED' });
    const error = translateConnectError(new cassandra.errors.NoHostAvailableError({ '10.0.0.1:9042': refused }), ctx);
    expect(error.constructor).to.equal(ConnectionError);
    expect(error.message).to.contain('10.0.0.1:9042: connect ECONNREFUSED 10.0.0.1:9042)');
    expect(error.message).not.to.contain('at stack');
  });

  describe('a busy driver pool is saturation, not an unreachable node', () => {
    const limits = { maxInFlight: 4096, maxQueued: 100_000, queueTimeoutMs: 30_000 };
    const busyCtx = { ...ctx, limits };
    const busy = (host: string) => new cassandra.errors.BusyConnectionError(host, 2048, 1);

    it('every host busy → PoolSaturatedError driver-busy naming the alias, the limits and the fix', () => {
      const driverError = new cassandra.errors.NoHostAvailableError({ '10.0.0.1:9042': busy('10.0.0.1:9042'), '10.0.0.2:9042': busy('10.0.0.2:9042') });
      const error = translateQueryError(driverError, cql, busyCtx) as PoolSaturatedError;
      expect(error).to.be.instanceOf(PoolSaturatedError);
      expect(error).not.to.be.instanceOf(ConnectionError);
      expect(error.reason).to.equal('driver-busy');
      expect(error.alias).to.equal('events');
      expect(error.limits).to.equal(limits);
      expect(error.cql).to.equal(cql);
      expect(error.cause).to.equal(driverError);
      expect(error.message).to.contain("Connection 'events'").and.contain('2 of the 2 host(s)').and.contain('requestQueue.maxInFlight (4096)');
      expect(error.message).to.contain('10.0.0.1:9042: All connections to host 10.0.0.1:9042 are busy, 2048 requests are in-flight');
      expect(error.message).to.contain('clientOptions.pooling').and.contain(cql);
      expect(error.message).not.to.match(/no Cassandra node answered|node is up/);
    });

    it('one host busy and one refusing connections → driver-busy, listing each host', () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.2:9042'), { code: 'ECONNREFUSED' });
      const error = translateQueryError(new cassandra.errors.NoHostAvailableError({ '10.0.0.1:9042': busy('10.0.0.1:9042'), '10.0.0.2:9042': refused }), cql, busyCtx);
      expect((error as PoolSaturatedError).reason).to.equal('driver-busy');
      expect(error.message).to.contain('1 of the 2 host(s)').and.contain('10.0.0.2:9042: connect ECONNREFUSED');
    });

    it('a BusyConnectionError on its own → driver-busy', () => {
      const driverError = busy('10.0.0.1:9042');
      const error = translateQueryError(driverError, cql, busyCtx) as PoolSaturatedError;
      expect(error.reason).to.equal('driver-busy');
      expect(error.cause).to.equal(driverError);
    });

    it('a node that is down stays ConnectionError, and its message says so', () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:9042'), { code: 'ECONNREFUSED' });
      const error = translateQueryError(new cassandra.errors.NoHostAvailableError({ '10.0.0.1:9042': refused }), cql, busyCtx);
      expect(error.constructor).to.equal(ConnectionError);
      expect(error.message).to.contain('no Cassandra node answered at 10.0.0.1').and.contain('ECONNREFUSED');
    });
  });

  it('an encoder error is a local InvalidValueError, never a server error class, and keeps the bound value out of the message', () => {
    // A real refusal of the driver's encoder (its class is exported but not typed).
    const Encoder = (cassandra as unknown as { Encoder: new (version: number, options: object) => { encode(value: unknown, type: number): Buffer } }).Encoder;
    const driverError = thrown(() => new Encoder(4, {}).encode('my-Secret-Value', cassandra.types.dataTypes.int));
    expect(driverError).to.be.instanceOf(TypeError);
    const error = translateQueryError(driverError, cql, ctx);
    expect(error).to.be.instanceOf(InvalidValueError);
    expect(error).not.to.be.instanceOf(QueryError);
    expect(error.message).not.to.contain('my-Secret-Value');
    expect(error.cause).to.equal(driverError);
  });

  it('a TypeError raised outside the driver\'s encoder is a DriverError, not a value refusal', () => {
    const driverError = new TypeError('Cannot read properties of undefined');
    const error = translateQueryError(driverError, cql, ctx);
    expect(error).to.be.instanceOf(DriverError);
    expect(error).not.to.be.instanceOf(InvalidValueError);
  });

  it('any other error the driver raises in this process is a DriverError, never a server error class', () => {
    const driverError = new cassandra.errors.ArgumentError('Not a valid option');
    const error = translateQueryError(driverError, cql, ctx);
    expect(error).to.be.instanceOf(DriverError).and.not.instanceOf(QueryError);
    expect(error.message).to.equal(`The driver refused the statement before sending it: Not a valid option (in: ${cql})`);
    expect(error.cause).to.equal(driverError);
  });

  it('a server error names the statement\'s table', () => {
    const error = translateQueryError(response(codes.invalid, 'Invalid null value in condition for column id'), 'SELECT a FROM ks."Orders" WHERE id = ?', ctx);
    expect(error.message).to.equal('ks."Orders": Invalid null value in condition for column id (in: SELECT a FROM ks."Orders" WHERE id = ?)');
    expect(statementTable('INSERT INTO shop.orders (id) VALUES (?)')).to.equal('shop.orders');
    expect(statementTable('UPDATE orders SET a = ? WHERE id = ?')).to.equal('orders');
    expect(statementTable('CREATE KEYSPACE k')).to.equal(undefined);
  });
});
