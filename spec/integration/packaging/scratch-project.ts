// A user's project, built once per test run: the package is packed from a copy of the sources that was
// never built (as a clean clone is), and the tarball is installed into an empty folder with npm, which
// brings only the package's own dependencies. Specs that need "the package as installed" share it.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../support/repo-root.js';

export interface CommandRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command (not through a shell) and collects its output; never rejects on a non-zero exit. */
export function runCommand(bin: string, args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function mustRun(bin: string, args: readonly string[], cwd: string): Promise<CommandRun> {
  const run = await runCommand(bin, args, cwd);
  if (run.code !== 0) throw new Error(`${bin} ${args.join(' ')} (in ${cwd}) exited with ${run.code}:\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** The packed and installed package. */
export interface ScratchProject {
  /** The user's project folder (package.json, node_modules with cassandra-orm installed from the tarball). */
  readonly dir: string;
  /** Paths inside the tarball, without the leading `package/`. */
  readonly packedFiles: readonly string[];
  /** The tarball `npm pack` wrote. */
  readonly tarball: string;
  /** Writes a file into the project. */
  write(name: string, text: string): void;
  /** Runs a command in the project folder. */
  run(bin: string, args: readonly string[], env?: Readonly<Record<string, string>>): Promise<CommandRun>;
}

function installedVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

async function create(): Promise<ScratchProject> {
  const root = repoRoot();
  const work = mkdtempSync(join(tmpdir(), 'cassandra-orm-pack-'));
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));

  // 1. A copy of what a clone holds, without dist/; its build uses the repository's installed compiler.
  const source = join(work, 'source');
  mkdirSync(source);
  for (const entry of ['package.json', 'tsconfig.json', 'README.md', 'src', 'docs', 'LICENSE']) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(source, entry), { recursive: true });
  }
  symlinkSync(realpathSync(join(root, 'node_modules')), join(source, 'node_modules'));
  const pack = await mustRun('npm', ['pack', '--json', '--pack-destination', work], source);
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  if (info === undefined) throw new Error(`npm pack printed no package: ${pack.stdout}`);

  // 2. An empty project that installs the tarball, as a user's would; TypeScript and the Node types at
  // the versions the repository uses, so npm finds them in its cache.
  const dir = join(work, 'app');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'scratch-app',
        private: true,
        type: 'module',
        dependencies: { 'cassandra-orm': `file:../${info.filename}`, 'reflect-metadata': `^${installedVersion('reflect-metadata')}` },
        devDependencies: { typescript: installedVersion('typescript'), '@types/node': installedVersion('@types/node') },
      },
      null,
      2,
    ),
  );
  await mustRun('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);

  return {
    dir,
    packedFiles: info.files.map((f) => f.path),
    tarball: join(work, info.filename),
    write: (name, text) => writeFileSync(join(dir, name), text),
    run: (bin, args, env) => runCommand(bin, args, dir, env),
  };
}

let project: Promise<ScratchProject> | undefined;

/** The shared scratch project, packed and installed on first use. */
export function scratchProject(): Promise<ScratchProject> {
  project ??= create();
  return project;
}
