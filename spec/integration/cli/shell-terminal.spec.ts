// The shell on a terminal: prompts, continuation prompts, paging with --More--, history saved.
// Driven in-process with streams that say they are terminals (a child process cannot get a TTY here).
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type cassandra from 'cassandra-driver';
import { Connection } from '../../../src/index.js';
import type { CliIo } from '../../../src/cli/io.js';
import { runShell } from '../../../src/cli/shell.js';
import { adminClient, createKeyspace, testNode, uniqueKeyspace } from '../../support/test-node.js';

function terminalIo(historyFile: string): { io: CliIo; stdin: PassThrough; output: () => string } {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 200 });
  const stderr = Object.assign(new PassThrough(), { isTTY: true });
  let text = '';
  stdout.on('data', (c: Buffer) => (text += c.toString()));
  stderr.on('data', (c: Buffer) => (text += c.toString()));
  return { io: { stdin, stdout, stderr, cwd: '/', env: { CASSANDRA_ORM_HISTORY: historyFile } }, stdin, output: () => text };
}

// Terminal output carries cursor movements; compare the visible text.
const visible = (s: string): string => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

describe('cli: shell on a terminal', () => {
  const keyspace = uniqueKeyspace('cli_tty');
  let admin: cassandra.Client;
  let drop: () => Promise<void>;
  let connection: Connection;
  let dir: string;

  before(async () => {
    admin = adminClient();
    drop = await createKeyspace(admin, keyspace);
    await admin.execute(`CREATE TABLE ${keyspace}.n (id int PRIMARY KEY)`);
    for (let id = 1; id <= 5; id++) await admin.execute(`INSERT INTO ${keyspace}.n (id) VALUES (${id})`);
    const node = testNode();
    connection = new Connection({ alias: 'tty', contactPoints: node.contactPoints, localDataCenter: node.localDataCenter, username: node.username, password: node.password, keyspace });
    dir = mkdtempSync(join(tmpdir(), 'corm-history-'));
  });

  after(async () => {
    await connection.close();
    await drop();
    await admin.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prompts, pages with --More--, stops on q, keeps going after an error, saves history', async () => {
    const history = join(dir, 'history');
    const { io, stdin, output } = terminalIo(history);
    const done = runShell(io, connection, { pageSize: 2 });
    // Type like a person: each line once the shell has asked for it (pasted lines skip the prompts).
    const typeAfter = async (prompt: string, occurrence: number, line: string): Promise<void> => {
      while (visible(output()).split(prompt).length - 1 < occurrence) await new Promise((r) => setTimeout(r, 10));
      stdin.write(`${line}\r`);
    };
    await typeAfter(`cql:tty:${keyspace}> `, 1, 'SELECT id');
    await typeAfter('   ...> ', 1, 'FROM n;');
    await typeAfter('--More--', 1, '');
    await typeAfter('--More--', 2, 'q');
    await typeAfter(`cql:tty:${keyspace}> `, 2, 'SELEC x;');
    await typeAfter(`cql:tty:${keyspace}> `, 3, 'exit');
    expect(await done).to.equal(0);
    const text = visible(output());
    expect(text).to.contain(`Connected to 'tty'. Statements end with ";". Type HELP for help, EXIT to leave.`);
    expect(text).to.contain(`cql:tty:${keyspace}> SELECT id`);
    expect(text).to.contain('   ...> FROM n;');
    const pages = text.split('--More-- (Enter: next page, q: stop) ');
    expect(pages).to.have.length(3);
    expect(pages[0]!.match(/^ +\d$/gm)).to.have.length(2);
    expect(pages[1]!.match(/^ +\d$/gm)).to.have.length(2);
    expect(pages[2]).to.contain('(4 rows)');
    expect(pages[2]).to.match(/Error: line 1:0 no viable alternative at input 'SELEC'/);
    expect(pages[2]).to.contain(`cql:tty:${keyspace}> exit`);
    const saved = readFileSync(history, 'utf8').split('\n');
    expect(saved).to.include('FROM n;');
    expect(saved).to.include('SELEC x;');
  });

  it('loads the saved history for the next session (arrow up recalls the last line)', async () => {
    const history = join(dir, 'history');
    const { io, stdin, output } = terminalIo(history);
    const done = runShell(io, connection, { pageSize: 2 });
    stdin.write('\x1b[A'); // arrow up: the previous session's last line ("exit")
    stdin.write('\r');
    expect(await done).to.equal(0);
    expect(visible(output())).to.match(/> exit/);
  });
});
