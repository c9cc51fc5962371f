// The test-node launcher itself: a node that cannot start fails with the tail of its own log.
import { expect } from 'chai';
import { findJava, startJvmNode } from '../../src/dev-node/jvm-node.js';
import { DevNodeError } from '../../src/errors.js';

describe('local JVM node launcher', () => {
  it('a failed start throws DevNodeError showing the last lines of the node log', async function () {
    this.timeout(180_000);
    try {
      findJava();
    } catch (error) {
      // No JDK 11/17 here (an existing cluster is in use): the launcher must say how to get one.
      expect(error).to.be.instanceOf(DevNodeError);
      expect((error as Error).message).to.match(/JDK 11 or 17.*CASSANDRA_JAVA/s);
      return;
    }
    const error = await startJvmNode({
      address: '127.0.0.9',
      nativePort: 19042,
      storagePort: 17000,
      extraYaml: 'no_such_setting_for_the_spec: true\n',
      startTimeoutMs: 120_000,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DevNodeError);
    const message = (error as Error).message;
    expect(message).to.match(/Cassandra did not start: the JVM exited/);
    expect(message).to.contain("last lines of the node's log");
    expect(message).to.contain('no_such_setting_for_the_spec');
  });
});
