import { expect } from 'chai';
import { CliError, ExitCode } from '../../../src/cli/cli-error.js';
import { COMMANDS, commandHelp, mainHelp, parseCommandArgs } from '../../../src/cli/commands.js';

function spec(name: string) {
  const found = COMMANDS.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no command ${name}`);
  return found;
}

function usageError(fn: () => unknown): CliError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(CliError);
    return error as CliError;
  }
  throw new Error('expected a usage error');
}

describe('cli: commands and arguments', () => {
  it('has the ten commands, each with --help and --config', () => {
    expect(COMMANDS.map((c) => c.name)).to.deep.equal(['sync', 'plan', 'lint', 'flush', 'drop', 'shell', 'inspect', 'migrations generate', 'migrate', 'migrations status']);
    for (const c of COMMANDS) {
      expect(c.options, c.name).to.have.property('help');
      expect(c.options, c.name).to.have.property('config');
      expect(commandHelp(c), c.name).to.contain(`Usage: cassandra-orm ${c.name}`).and.to.contain('--help');
    }
  });

  it('lists every command in the main help', () => {
    const help = mainHelp();
    for (const c of COMMANDS) expect(help).to.match(new RegExp(`^  ${c.name} +${c.summary}`, 'm'));
  });

  it('parses long, short and valued options', () => {
    expect(parseCommandArgs(spec('drop'), ['--connection', 'events', '--keyspace', '-y'])).to.deep.include({
      connection: 'events',
      keyspace: true,
      yes: true,
    });
    expect(parseCommandArgs(spec('shell'), ['-e', 'SELECT 1;', '-c', 'x.js'])).to.deep.include({ execute: 'SELECT 1;', config: 'x.js' });
  });

  it('rejects an unknown option in one line naming the command help', () => {
    const error = usageError(() => parseCommandArgs(spec('flush'), ['--force']));
    expect(error.exitCode).to.equal(ExitCode.usage);
    expect(error.message).to.equal("flush: Unknown option '--force'. See 'cassandra-orm flush --help'.");
  });

  it('rejects a missing option value', () => {
    const error = usageError(() => parseCommandArgs(spec('plan'), ['--connection']));
    expect(error.message).to.match(/^plan: Option '--connection <value>' argument missing\. See 'cassandra-orm plan --help'\.$/);
  });

  it('rejects stray positional arguments', () => {
    const error = usageError(() => parseCommandArgs(spec('sync'), ['now']));
    expect(error.message).to.equal("sync: unexpected argument 'now'. See 'cassandra-orm sync --help'.");
  });
});
