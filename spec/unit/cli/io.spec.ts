import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { CliError, ExitCode } from '../../../src/cli/cli-error.js';
import { confirm, progress, type CliIo } from '../../../src/cli/io.js';

function streams(tty: boolean) {
  const stdin = Object.assign(new PassThrough(), { isTTY: tty, setRawMode: () => undefined });
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let written = '';
  stderr.on('data', (c: Buffer) => (written += c.toString()));
  const io: CliIo = { stdin, stdout, stderr, cwd: '/', env: {} };
  return { io, stdin, errText: () => written };
}

describe('cli: prompts and progress', () => {
  it('refuses to ask when stdin is not a terminal, naming the flag', async () => {
    const { io } = streams(false);
    const error = await confirm(io, 'Truncate 3 tables?', '--yes').then(() => undefined, (e: unknown) => e);
    expect(error).to.be.instanceOf(CliError);
    expect((error as CliError).exitCode).to.equal(ExitCode.usage);
    expect((error as Error).message).to.equal(
      'refusing to ask "Truncate 3 tables?" because standard input is not a terminal; pass --yes to proceed without asking',
    );
  });

  for (const [answer, expected] of [['y', true], ['yes', true], ['n', false], ['', false]] as const) {
    it(`on a terminal, answer '${answer}' means ${expected}`, async () => {
      const { io, stdin, errText } = streams(true);
      const asked = confirm(io, 'Drop it?', '--yes');
      stdin.write(`${answer}\r`);
      expect(await asked).to.equal(expected);
      expect(errText()).to.contain('Drop it? [y/N] ');
    });
  }

  it('draws progress in place on a terminal and clears it when done', () => {
    const { io, errText } = streams(true);
    const p = progress(io, 2);
    p.step('users');
    p.step('events');
    p.done();
    expect(errText()).to.equal('\r\x1b[2K[1/2] users\r\x1b[2K[2/2] events\r\x1b[2K');
  });

  it('prints no progress at all in a pipe', () => {
    const { io, errText } = streams(false);
    const p = progress(io, 2);
    p.step('users');
    p.done();
    expect(errText()).to.equal('');
  });
});
