// TypeScript migration files as a TypeScript project uses them: generated into the source folder,
// the data step filled in and type-checked against cassandra-orm's published types by the
// project's own tsc, compiled into the build folder, applied from there.
import { expect } from 'chai';
import type cassandra from 'cassandra-driver';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';
import { runNode } from '../../support/run-node.js';
import { adminClient, uniqueKeyspace } from '../../support/test-node.js';
import { migrationProject, type MigrationProject, removeMigrationProject } from './support.js';

const TSC = join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc');

describe('migrations: TypeScript files compiled by the project\'s build (cli)', function () {
  this.timeout(120_000);
  const keyspace = uniqueKeyspace('mig_ts');
  let project: MigrationProject;
  let admin: cassandra.Client;

  before(() => {
    admin = adminClient();
    project = migrationProject('mig-ts', keyspace, "{ directory: 'src/migrations', compiled: 'dist/migrations' }");
    // The package as the project sees it once installed: its exports and declarations.
    mkdirSync(join(project.dir, 'node_modules'));
    symlinkSync(repoRoot(), join(project.dir, 'node_modules', 'cassandra-orm'));
    project.write('package.json', JSON.stringify({ type: 'module' }));
    project.write('tsconfig.json', JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', rootDir: 'src', outDir: 'dist', strict: true, types: [],
        noUncheckedIndexedAccess: true, noUnusedLocals: true, noUnusedParameters: true, noPropertyAccessFromIndexSignature: true,
        verbatimModuleSyntax: true, skipLibCheck: true,
      },
      include: ['src/**/*.ts'],
    }));
  });

  after(() => removeMigrationProject(admin, keyspace, project));

  it('generate writes a .ts source; migrate refuses until it is compiled; the filled-in data step type-checks, compiles and runs', async () => {
    const g = await project.cli(['migrations', 'generate', 'init'], '2');
    expect(g.code).to.equal(0);
    const [file] = project.files();
    expect(file).to.equal(undefined); // project.files() lists migrations/, the sources are in src/migrations
    const match = /^Wrote (src\/migrations\/(\d{14}_init)\.ts): 3 safe, 0 destructive change\(s\)\.\nCompile it with your build \(into dist\/migrations\) before running cassandra-orm migrate\.\n$/.exec(g.stdout);
    expect(match, g.stdout).to.not.equal(null);
    const [, source, id] = match!;

    const early = await project.cli(['migrate'], '2');
    expect(early.code).to.equal(1);
    expect(early.stderr).to.contain(`migrate: ${id} is not compiled into dist/migrations: run your build first; nothing was run`);

    // Uncomment the data step the generator left, pointed at a real table.
    const text = project.read(source!);
    const [head, template] = text.split('To use it, uncomment:\n');
    const filled = template!.split('\n').map((l) => l.replace(/^\/\/ ?/, '')).join('\n')
      .replace('my_table SET my_column', 'accounts SET email').replace('FROM my_table', 'FROM accounts')
      .replace("await step.eachPage", "await connection.execute('INSERT INTO accounts (id, name) VALUES (?, ?)', [1, 'ada']);\n  await step.eachPage");
    project.write(source!, `${head}To use it, uncomment:\n${filled}`);
    const tsc = await runNode([TSC, '-p', 'tsconfig.json'], { cwd: project.dir });
    expect(tsc.stdout + tsc.stderr).to.equal('');
    expect(tsc.code).to.equal(0);

    const m = await project.cli(['migrate'], '2');
    expect(m.stderr).to.equal('');
    expect(m.code).to.equal(0);
    expect(m.stdout).to.contain(`Applying ${id} (3 statement(s))`);
    expect(m.stdout).to.contain(`  data ${id}: 1 row\n`);
    const row = await admin.execute(`SELECT email FROM ${keyspace}.accounts WHERE id = 1`);
    expect(row.first()['email']).to.equal('value');
  });
});
