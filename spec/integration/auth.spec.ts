// The node runs PasswordAuthenticator: the right credentials log in, wrong or missing ones are
// rejected with a typed error that names the user and never the password.
import { expect } from 'chai';
import { Connection } from '../../src/index.js';
import { AuthenticationError, ConnectionError } from '../../src/public/errors.js';
import { testNode } from '../support/test-node.js';

async function connectWith(username: string | undefined, password: string | undefined): Promise<unknown> {
  const node = testNode();
  const connection = new Connection({
    alias: 'auth-spec',
    contactPoints: node.contactPoints,
    localDataCenter: node.localDataCenter,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
  });
  try {
    await connection.execute('SELECT release_version FROM system.local');
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await connection.close();
  }
}

describe('authentication', () => {
  it('logs in with the right password', async () => {
    const node = testNode();
    expect(await connectWith(node.username, node.password)).to.equal(undefined);
  });

  it('rejects a wrong password with AuthenticationError, naming the user but not the password', async () => {
    const node = testNode();
    const secret = 'wrong-Pa55word-zz9';
    const error = await connectWith(node.username, secret);
    expect(error).to.be.instanceOf(AuthenticationError);
    expect(error).to.be.instanceOf(ConnectionError);
    const err = error as AuthenticationError;
    expect(err.message).to.contain(`user '${node.username}'`);
    expect(err.message).to.contain("Connection 'auth-spec'");
    expect(err.message, "the server's reason").to.match(/\(server: Provided username .* and\/or password are incorrect\)/);
    expect(err.systemAuthUnavailable).to.equal(false);
    expect(err.message).not.to.contain(secret);
    expect(err.stack ?? '').not.to.contain(secret);
    expect(err.cause).to.be.instanceOf(Error);
  });

  it('rejects a missing login with an error that says credentials are required', async () => {
    const error = await connectWith(undefined, undefined);
    expect(error).to.be.instanceOf(AuthenticationError);
    expect((error as Error).message).to.match(/requires authentication.*USER and PASSWORD/);
  });
});
