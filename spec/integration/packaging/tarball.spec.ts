// The package as a user gets it: `npm pack` from unbuilt sources ships the compiled code, and a
// TypeScript program in a fresh project that installed the tarball compiles with tsc and runs against
// the real node through the root, `/errors`, `/schema` and `/testing` entry points, naming types of the
// root's type namespaces and types one entry point's signatures take from another.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';
import { testNode, uniqueKeyspace } from '../../support/test-node.js';
import { scratchProject, type ScratchProject } from './scratch-project.js';

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    types: ['node'],
    outDir: 'dist',
  },
  include: ['main.ts'],
};

/** The first TypeScript block under the README's `## Example` heading. */
function readmeExample(): string {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Example\n'));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  if (match?.[1] === undefined) throw new Error('README.md has no ```ts block under ## Example');
  return match[1];
}

// What a user writes after reading the README: an entity, a test keyspace, writes and reads.
const PROGRAM = `import 'reflect-metadata';
import { Column, Connection, PartitionKey, ClusteringKey, Repository, Table, type Page, type Query, type Settings } from 'cassandra-orm';
import { PageTokenError } from 'cassandra-orm/errors';
import { isPlanEmpty, planSchema, type SchemaPlan } from 'cassandra-orm/schema';
import { TestKeyspace } from 'cassandra-orm/testing';

@Table('visits')
class Visit {
  @PartitionKey() page!: string;
  @ClusteringKey({ type: 'int' }) seq!: number;
  @Column() visitor?: string;
}

const env = process.env;
const connection = new Connection({
  contactPoints: env['CASSANDRA_CONTACT_POINTS'] ?? '127.0.0.1',
  localDataCenter: env['CASSANDRA_LOCAL_DC'] ?? 'datacenter1',
  username: env['CASSANDRA_USERNAME'] ?? 'cassandra',
  password: env['CASSANDRA_PASSWORD'] ?? 'cassandra',
  keyspace: 'scratch',
});
const kit = await TestKeyspace.create(connection, [Visit], { name: env['SCRATCH_KEYSPACE'] ?? 'test_scratch' });
try {
  const db = connection.useKeyspace(kit.name);
  const visits = new Repository(db, Visit);
  await visits.insert(Object.assign(new Visit(), { page: '/home', seq: 1, visitor: 'ada' }));
  await visits.insert(Object.assign(new Visit(), { page: '/home', seq: 2, visitor: 'grace' }));
  const rows = await visits.find((q) => q.where('page', '=', '/home'));
  console.log(\`visits: \${rows.map((v) => \`\${v.seq}:\${v.visitor}\`).join(', ')}\`);
  console.log(\`instances of Visit: \${rows.every((v) => v instanceof Visit)}\`);
  const first: Page<Visit> = await visits.page((q) => q.where('page', '=', '/home'), { pageSize: 1 });
  const property: Query.Props<Visit> = 'visitor';
  const retry: Settings.RetryConnectOptions = { deadlineMs: 1000 };
  console.log(\`first page: \${first.rows.map((v) => v[property]).join(', ')}, more: \${first.nextPageToken !== undefined}, retry \${retry.deadlineMs} ms\`);
  const tampered = await visits.page(undefined, { pageSize: 1, pageToken: 'AAAA.AAAA' }).catch((e: unknown) => e);
  console.log(\`tampered token: \${tampered instanceof PageTokenError ? tampered.name : String(tampered)}\`);
  const plan: SchemaPlan = await planSchema(db, [Visit], { keyspace: { name: kit.name } });
  console.log(\`schema in sync: \${isPlanEmpty(plan)}\`);
} finally {
  await kit.drop();
  await connection.close();
}
`;

describe('the packed package', function () {
  this.timeout(180_000);
  let project: ScratchProject;

  before(async () => {
    project = await scratchProject();
  });

  it('ships the compiled entry points, their types and the CLI, and no specs or sources', () => {
    const files = project.packedFiles;
    expect(files).to.include.members([
      'package.json',
      'dist/src/index.js',
      'dist/src/index.d.ts',
      'dist/src/public/errors.js',
      'dist/src/public/errors.d.ts',
      'dist/src/schema/index.js',
      'dist/src/schema/index.d.ts',
      'dist/src/testing/index.js',
      'dist/src/testing/index.d.ts',
      'dist/src/schema/migrations/index.js',
      'dist/src/schema/migrations/index.d.ts',
      'dist/src/cli/main.js',
    ]);
    expect(files.filter((f) => f.startsWith('dist/spec/') || f.startsWith('dist/examples/') || f.endsWith('.ts') && !f.endsWith('.d.ts'))).to.deep.equal([]);
  });

  it('installs with only its public dependencies', async () => {
    const list = await project.run('npm', ['ls', '--all', '--parseable']);
    const installed = list.stdout.split('\n').map((line) => line.replace(/^.*\/node_modules\//, ''));
    expect(installed).to.include.members(['cassandra-orm', 'cassandra-driver', 'class-validator', 'reflect-metadata']);
    for (const devOnly of ['mocha', 'chai', 'testcontainers', 'fast-check', 'express-cassandra']) expect(installed).not.to.include(devOnly);
  });

  it('a TypeScript program compiles with tsc against it and runs against the node', async () => {
    project.write('tsconfig.json', JSON.stringify(TSCONFIG, null, 2));
    project.write('main.ts', PROGRAM);
    const tsc = await project.run('npx', ['tsc', '-p', '.']);
    expect(tsc.code, `${tsc.stdout}${tsc.stderr}`).to.equal(0);

    const node = testNode();
    const run = await project.run(process.execPath, ['dist/main.js'], {
      CASSANDRA_CONTACT_POINTS: node.contactPoints.join(','),
      CASSANDRA_LOCAL_DC: node.localDataCenter,
      CASSANDRA_USERNAME: node.username,
      CASSANDRA_PASSWORD: node.password,
      SCRATCH_KEYSPACE: uniqueKeyspace('scratch'),
    });
    expect(run.stderr).to.equal('');
    expect(run.stdout).to.equal(
      ['visits: 1:ada, 2:grace', 'instances of Visit: true', 'first page: ada, more: true, retry 1000 ms', 'tampered token: PageTokenError', 'schema in sync: true', ''].join('\n'),
    );
    expect(run.code).to.equal(0);
  });

  it("the README's example compiles against it as it is printed", async () => {
    project.write('readme-example.ts', readmeExample());
    project.write('tsconfig.readme.json', JSON.stringify({ ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, noEmit: true }, include: ['readme-example.ts'] }, null, 2));
    const tsc = await project.run('npx', ['tsc', '-p', 'tsconfig.readme.json']);
    expect(tsc.code, `${tsc.stdout}${tsc.stderr}`).to.equal(0);
  });
});
