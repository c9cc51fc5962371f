// The library revision a run's title block names: the commit, marked when the measured code differs from it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { gitRevision, gitState } from '../../bench/machine.js';

describe('bench: gitRevision', () => {
  let dir: string;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-rev-'));
    git('init', '-q');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(dir, 'README.md'), 'readme\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the commit alone when src/ and spec/bench/ are as committed (other files and untracked ones do not count)', () => {
    writeFileSync(join(dir, 'README.md'), 'changed\n');
    writeFileSync(join(dir, 'src', 'new.ts'), 'untracked\n');
    expect(gitRevision(dir)).to.equal(git('rev-parse', '--short', 'HEAD'));
  });

  it('marks a run of code that differs from the commit', () => {
    writeFileSync(join(dir, 'src', 'a.ts'), 'export const a = 2;\n');
    expect(gitRevision(dir)).to.equal(`${git('rev-parse', '--short', 'HEAD')}, with uncommitted changes to src/ or spec/bench/`);
  });

  it('says "no git" outside a repository', () => {
    const bare = mkdtempSync(join(tmpdir(), 'bench-nogit-'));
    try {
      expect(gitRevision(bare)).to.equal('no git');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe('bench: gitState', () => {
  let dir: string;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-state-'));
    git('init', '-q');
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'init');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the full commit, the changed files and the untracked ones (anywhere in the tree)', () => {
    expect(gitState(dir)).to.deep.equal({ commit: git('rev-parse', 'HEAD'), changed: [], untracked: [] });
    writeFileSync(join(dir, 'a.txt'), 'changed\n');
    mkdirSync(join(dir, 'deep'));
    writeFileSync(join(dir, 'deep', 'b.txt'), 'new\n');
    expect(gitState(dir)).to.deep.equal({ commit: git('rev-parse', 'HEAD'), changed: ['a.txt'], untracked: ['deep/b.txt'] });
  });

  it('is undefined outside a git checkout', () => {
    const outside = mkdtempSync(join(tmpdir(), 'bench-nogit-'));
    try {
      expect(gitState(outside)).to.equal(undefined);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
