// The levels of the public surface: the root entry point holds what an application uses, schema
// tooling and the test kit live in their sub-paths, and internals are reachable from none of them.
import { expect } from 'chai';
import * as root from '../../src/index.js';
import * as schema from '../../src/schema/index.js';
import * as testing from '../../src/testing/index.js';

const INTERNALS = [
  'decoderFor', 'encoderFor', 'encodeParams', 'Hydrator', 'hydratorFor', 'selectedColumns', 'resolveConnectionSettings',
  'resolveConnectionsConfig', 'parseDecimal', 'printDecimal', 'validateEntity', 'DEFAULT_REPLICATION',
];

describe('public API levels', () => {
  it('the root exports none of the codec, hydrator, compile or settings internals', () => {
    for (const name of INTERNALS) expect(Object.keys(root), name).not.to.include(name);
    for (const name of INTERNALS) expect(Object.keys(schema), name).not.to.include(name);
  });

  it('the root exports at most 81 values; DDL, plans and the live schema are in /schema, the test kit in /testing', () => {
    expect(Object.keys(root).length).to.be.at.most(81);
    for (const name of ['createTableCql', 'planSchema', 'diffSchema', 'readLiveSchema', 'acquireSchemaLease', 'entityMetadata']) {
      expect(Object.keys(root), name).not.to.include(name);
      expect(Object.keys(schema), name).to.include(name);
    }
    expect(Object.keys(root)).not.to.include('TestKeyspace');
    expect(Object.keys(testing)).to.include.members(['TestKeyspace', 'selectNode', 'DevNodeError']);
    expect(Object.keys(root)).to.include.members(['Connection', 'Repository', 'batch', 'selectFrom', 'syncSchema', 'MapperError', 'Table']);
  });

  it('Repository and Connection have no string-named members for batches or repositories only', () => {
    const repository = Object.getOwnPropertyNames(root.Repository.prototype);
    for (const name of ['prepare', 'compileInsertNow', 'insertStatementNow', 'mapMode']) expect(repository, name).not.to.include(name);
    const connection = Object.getOwnPropertyNames(root.Connection.prototype);
    for (const name of ['executeMap', 'paged', 'batchMap']) expect(connection, name).not.to.include(name);
  });
});
