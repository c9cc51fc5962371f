// A migration's data step on the real node: a backfill of 20,000 rows of about 1 KB each, paged
// with one page in memory at a time (the step measures its own heap after a forced GC on every
// page), progress redrawn on a terminal and summed up in pipes.
import { expect } from 'chai';
import cassandra from 'cassandra-driver';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { run } from '../../../src/cli/run.js';
import type { CliIo } from '../../../src/cli/io.js';
import { adminClient, uniqueKeyspace } from '../../support/test-node.js';
import { migrationId, migrationProject, type MigrationProject, removeMigrationProject } from './support.js';

const ROWS = 20_000;
const PAGE = 500;

interface Measure {
  pages: number;
  maxRows: number;
  heap: number[];
}

describe('migrations: a data step backfills 20,000 rows with bounded memory', function () {
  this.timeout(180_000);
  const keyspace = uniqueKeyspace('mig_data');
  const table = migrationId(1, 'ledger');
  const backfill = migrationId(2, 'backfill_cents');
  const recount = migrationId(3, 'recount');
  let project: MigrationProject;
  let admin: cassandra.Client;

  before(async () => {
    admin = adminClient();
    project = migrationProject('mig-data', keyspace);
    project.write(`migrations/${table}.js`, `export const cql = [${JSON.stringify(`CREATE TABLE IF NOT EXISTS ${keyspace}.ledger (id int PRIMARY KEY, amount int, memo text)`)}];\n`);
    const created = await project.cli(['migrate']);
    expect(created.code, created.stderr).to.equal(0);
    const memo = 'x'.repeat(1000);
    const params = Array.from({ length: ROWS }, (_, i) => [i, i % 997, memo]);
    await cassandra.concurrent.executeConcurrent(admin, `INSERT INTO ${keyspace}.ledger (id, amount, memo) VALUES (?, ?, ?)`, params, { concurrencyLevel: 64 });
    project.write(`migrations/${backfill}.js`, [
      "import { writeFileSync } from 'node:fs';",
      `export const cql = [${JSON.stringify(`ALTER TABLE ${keyspace}.ledger ADD cents int`)}];`,
      'export async function data(connection, step) {',
      '  const measure = { pages: 0, maxRows: 0, heap: [] };',
      "  await step.eachPage('SELECT id, amount, memo FROM ledger', [], async (rows) => {",
      '    measure.pages++;',
      '    measure.maxRows = Math.max(measure.maxRows, rows.length);',
      "    await Promise.all(rows.map((row) => connection.execute('UPDATE ledger SET cents = ? WHERE id = ?', [row.amount * 100, row.id])));",
      '    globalThis.gc();',
      '    measure.heap.push(process.memoryUsage().heapUsed);',
      `  }, { pageSize: ${PAGE}, label: 'ledger' });`,
      '  writeFileSync(process.env.MEASURE_FILE, JSON.stringify(measure));',
      '}',
    ].join('\n'));
  });

  after(() => removeMigrationProject(admin, keyspace, project));

  it('every row is backfilled, one page of 500 rows at a time, and the heap does not grow with the rows read', async () => {
    const measureFile = join(project.dir, 'measure.json');
    const r = await project.cli(['migrate'], '1', { NODE_OPTIONS: '--expose-gc', MEASURE_FILE: measureFile });
    expect(r.stderr).to.equal('');
    expect(r.code).to.equal(0);
    expect(r.stdout).to.contain(`Applying ${backfill} (1 statement(s))\n  [1/1] ALTER TABLE ${keyspace}.ledger ADD cents int\n  data ledger: 20,000 rows\nApplied ${backfill}`);
    const measure = JSON.parse(readFileSync(measureFile, 'utf8')) as Measure;
    expect(measure.pages).to.equal(ROWS / PAGE);
    expect(measure.maxRows).to.equal(PAGE);
    // Holding the rows read so far would add about 20 MB (20,000 memos of 1,000 characters) by the end.
    const growth = Math.max(...measure.heap) - measure.heap[0]!;
    console.log(`      heap after GC over ${measure.pages} pages: first ${(measure.heap[0]! / 2 ** 20).toFixed(1)} MB, growth at most ${(growth / 2 ** 20).toFixed(2)} MB`);
    expect(growth).to.be.below(5 * 2 ** 20);

    let seen = 0;
    const rows = admin.stream(`SELECT id, amount, cents FROM ${keyspace}.ledger`, [], { prepare: true, fetchSize: 5000 }) as unknown as AsyncIterable<cassandra.types.Row>;
    for await (const row of rows) {
      const { amount, cents } = row as unknown as { amount: number; cents: number };
      expect(cents).to.equal(amount * 100);
      seen++;
    }
    expect(seen).to.equal(ROWS);
    const status = JSON.parse((await project.cli(['migrations', 'status', '--json'])).stdout) as { migrations: { id: string; state: string; dataRows: number }[] };
    expect(status.migrations.find((m) => m.id === backfill)).to.include({ state: 'applied', dataRows: ROWS });
  });

  it('on a terminal the row count is redrawn in place on stderr as pages go by', async () => {
    project.write(`migrations/${recount}.js`, [
      'export const cql = [];',
      'export async function data(connection, step) {',
      "  await step.eachPage('SELECT id FROM ledger', [], () => undefined, { pageSize: 5000, label: 'recount' });",
      '}',
    ].join('\n'));
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: true });
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const io: CliIo = { stdin: new PassThrough(), stdout, stderr, cwd: project.dir, env: process.env };
    const code = await run(['migrate'], io);
    expect(err.replace(/\r\x1b\[2K {2}data recount: [\d,]+ rows/g, '')).to.equal('\r\x1b[2K');
    expect(code).to.equal(0);
    const drawn = [...err.matchAll(/\r\x1b\[2K {2}data recount: ([\d,]+) rows/g)].map((m) => m[1]);
    expect(drawn.slice(0, 4)).to.deep.equal(['5,000', '10,000', '15,000', '20,000']);
    expect(out).to.contain('  data recount: 20,000 rows\n');
  });
});
