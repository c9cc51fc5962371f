// The CLI's own failure: a one-line message and the exit status it maps to.
import { MapperError } from '../errors.js';

/** Exit statuses of `cassandra-orm`. */
export const ExitCode = {
  ok: 0,
  /** The command failed: a connection, a query, the configuration. */
  failure: 1,
  /** Bad arguments, or a question that cannot be asked (stdin is not a terminal). */
  usage: 2,
  /** `plan`: the live schema differs from the model. */
  drift: 3,
  /** `lint`: a finding at error level. */
  lintErrors: 4,
} as const;

/** A failure the CLI reports as one line with a given exit status. */
export class CliError extends MapperError {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Bad arguments or an interaction that cannot happen; `hint` says what to do. */
  static usage(message: string): CliError {
    return new CliError(message, ExitCode.usage);
  }

  /** The command could not do its work. */
  static failure(message: string, cause?: unknown): CliError {
    return new CliError(message, ExitCode.failure, cause === undefined ? undefined : { cause });
  }
}
