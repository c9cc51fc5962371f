// What every command receives.
import type { ParsedOptions } from './commands.js';
import type { CliIo } from './io.js';
import type { ConnectionPool, Project } from './project.js';

/** A command's options, the project, the connection pool and the streams. */
export interface CommandContext {
  readonly io: CliIo;
  readonly options: ParsedOptions;
  readonly project: Project;
  readonly pool: ConnectionPool;
}
